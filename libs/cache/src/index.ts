/**
 * @alsatian/cache: the tiered cache of intermediate results (RAM and disk, structured keys, exact byte
 * accounting under budgets, peaks) and the LRU block cache of loaded blocks / prepared sessions. It holds and
 * counts bytes; it never decides what to compute or evict next (the planner and executor do), and never logs.
 */
export type { CacheKey, CacheSplit } from './key.ts';
export { compareKeys, keyText } from './key.ts';
export { IntermediateCache } from './intermediate-cache.ts';
export type { CacheTier, CacheUsage, IntermediateCacheOptions, OverflowPolicy, PutOptions } from './intermediate-cache.ts';
export { tensorsBytes } from './tensor-file.ts';
export * from './feature-store/index.ts';
