/**
 * @alsatian/bench: the experiment runner. It owns parameter grids, repetitions, fresh-process units with cold
 * caches, the resumable tidy CSV log, run metadata (meta.json) and reading results back. It must not know any
 * experiment, model or strategy, and reports through a Logger and progress callbacks; only terminalProgress,
 * a helper for entry-point programs, writes to a terminal.
 */
export * from './scale.ts';
export * from './experiment.ts';
export { runExperiment } from './run-experiment.ts';
export type { RunOptions, RunResult } from './run-experiment.ts';
export type { RunProgressEvent, RunProgressListener } from './progress.ts';
export { CellProcessError, CELL_PROCESS_ENV } from './cell-process.ts';
export { dropPageCache, DROP_PAGE_CACHE_METHOD } from './cold-cache.ts';
export type { CacheDropper, CacheDropResult } from './cold-cache.ts';
export { readMeta, CSV_FILE, META_FILE } from './meta.ts';
export type { RunMeta, RunSession, ColdCacheRecord } from './meta.ts';
export { readCsvRows, castField } from './csv-read.ts';
export type { RowSchema } from './csv-read.ts';
export { median, medianBy } from './stats.ts';
export { terminalProgress, formatSeconds } from './terminal-progress.ts';
export { systemInfo, gpuInfo } from './system-info.ts';
export type { SystemInfo, GpuInfo } from './system-info.ts';
