/**
 * @alsatian/distributed: one search across many machines on BullMQ and Redis. The coordinator plans each SH
 * iteration as the single-process search does and cuts the plan into jobs with a cost model (a subtree per job,
 * or a shared prefix computed once, or a model's items in slices); workers run jobs with the same executor and
 * exchange features through a shared directory, keyed by content, never through Redis. See docs/distributed.md.
 */
export { distributedSearch } from './coordinator.ts';
export type { DistributedJobReport, DistributedResult, DistributedSearchOptions } from './coordinator.ts';
export { startWorker } from './worker.ts';
export type { RunningWorker, WorkerOptions } from './worker.ts';
export { checkRedis, parseQueueUrl, QUEUE_NAME } from './connection.ts';
export { DEFAULT_COSTS, unitCost } from './cost-model.ts';
export type { CostModel, UnitFacts } from './cost-model.ts';
export { partition } from './partition.ts';
export type { DraftJob, Partition, PartitionInput } from './partition.ts';
export { lptMakespan } from './lpt.ts';
export type { DatasetSpec, JobContext, JobResult, JobSpec } from './job.ts';
