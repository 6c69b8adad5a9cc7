/**
 * @alsatian/cache: the tiered cache of intermediate results (RAM and disk, structured keys, exact byte
 * accounting under budgets, peaks). It holds and counts bytes; it never decides what to compute or evict next
 * (the planner and executor do), and never logs. Compiled units kept for reuse are the engine's (its
 * `compiledKeepBytes` budget, the CLI's --block-cache), not this lib's.
 */
export type { CacheKey } from './key.ts';
export { IntermediateCache } from './intermediate-cache.ts';
export type {
  CacheTier,
  CacheUsage,
  IntermediateCacheOptions,
  OverflowPolicy,
  PutOptions,
} from './intermediate-cache.ts';
export { tensorsBytes } from './tensor-file.ts';
export * from './feature-store/index.ts';
