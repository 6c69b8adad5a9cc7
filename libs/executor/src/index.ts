/**
 * @alsatian/executor: runs a plan's steps (the planner's infer / release / evict / score) and is the only place
 * where steps execute: it owns prepared sessions and loaded blocks (LRU caches), reads raw data or cached
 * intermediates, writes outputs to the intermediate cache, calls the proxy, and charges every second to one
 * measurement category. It does not choose what to run (planner) nor loop over SH iterations (strategies).
 */
export { Executor } from './executor.ts';
export type { ExecutorDeps, ExecutorWork } from './executor.ts';
export type { StoredFeatures } from './stored-features.ts';
export type { ExecutorSettings } from './settings.ts';
export type { BlockSource } from './unit-preparer.ts';
export { LabelBook } from './label-book.ts';
export { batchCount } from './batch-count.ts';
