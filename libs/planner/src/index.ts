/**
 * @alsatian/planner: decides WHAT runs and in which order; pure code, no I/O, no clock, no logging. It owns
 * the prefix tree of the alive models, the task tree of execution units, the traversal order and its cache
 * requirement (DFS+, an exact search, plain DFS), the split of data into runs that fit a cache budget, the typed
 * plan steps, and successive halving's schedule, ranking and pruning. It must not run anything: executing steps,
 * caching tensors and timing belong to the executor; choosing models and looping over iterations to strategies.
 *
 * One planner serves the three strategies: Base = no SH, share: false; SHiFT = SH, share: false;
 * Alsatian = SH, share: true, order 'auto' (or 'dfs+', the paper's).
 *
 * Phases (each takes data and returns new data; `planIteration` calls them once, in order):
 *
 *   candidate set (PlanModel[])
 *     -> buildPrefixTree    merge common block prefixes; node id = hash(parent id, block id)
 *     -> buildTaskTree      execution units = maximal chains between branch points / model ends
 *     -> chooseOrder        traversal: DFS+ (three passes), exact search, best depth-first order, or
 *                           insertion-order DFS, and its exact cache requirement per item (peakOf)
 *     -> splitIntoRuns      budget -> runs of whole batches that fit, persisted features counted
 *     -> emitRunSteps       plan: evict | infer | release | score steps; with a feature store's facts
 *                           (`stored`), each infer step lists the rows it computes and the rows it reads
 *
 * Between iterations: shSchedule gives the train chunks, rankModels + keepBetterHalf the survivors, and the
 * plan's `persisted` list goes into the next iteration's options.
 */
export type { PlanBlock, PlanModel, NodeId } from './types.ts';
export { messages } from './messages.ts';
export { prefixNodeId, ROOT_NODE_ID } from './prefix/node-id.ts';
export { buildPrefixTree, addModel, emptyPrefixTree, pathOf } from './prefix/prefix-tree.ts';
export type { PrefixNode, PrefixTree, PrefixTreeOptions } from './prefix/prefix-tree.ts';
export { pruneModel, pruneModels } from './prefix/prune.ts';
export { buildTaskTree } from './task/task-tree.ts';
export type { ExecutionUnit, TaskNode, TaskTree, TaskTreeOptions, UnitId } from './task/task-tree.ts';
export { makeShape, shapeOfTaskTree, preorder, ROOT } from './traversal/shape.ts';
export type { TreeShape, ShapeUnit } from './traversal/shape.ts';
export { peakOf, simulate } from './traversal/cost.ts';
export { dfsPlus, insertionOrder } from './traversal/dfs-plus.ts';
export type { DfsPlus } from './traversal/dfs-plus.ts';
export { exactOrder, countStates, EXACT_MAX_UNITS } from './traversal/exact.ts';
export { bestDfsOrder } from './traversal/best-dfs.ts';
export type { ExactResult } from './traversal/exact.ts';
export { chooseOrder, ORDER_STRATEGIES, AUTO_EXACT_MAX_STATES, EXACT_MAX_STATES } from './traversal/choose.ts';
export type { OrderStrategy, OrderUsed, ChosenOrder } from './traversal/choose.ts';
export { splitIntoRuns } from './budget/runs.ts';
export type { Run, RunPiece, RunSplitting } from './budget/runs.ts';
export type { PlanStep, EvictStep, InferStep, ReleaseStep, ScoreStep, PersistedFeatures } from './plan/steps.ts';
export { persistedBytes } from './plan/steps.ts';
export { planIteration } from './plan/plan-iteration.ts';
export { rowPlans } from './plan/stored.ts';
export { chooseCheckpoints } from './plan/checkpoints.ts';
export type { CheckpointCosts } from './plan/checkpoints.ts';
export type { RowPlan, StoredOutputs } from './plan/stored.ts';
export type { PlanIterationOptions, IterationPlan } from './plan/plan-iteration.ts';
export { shSchedule, shModelCounts, shIterations, ceilLog2 } from './sh/schedule.ts';
export { rankModels, keepBetterHalf } from './sh/ranking.ts';
export type { RankedModel } from './sh/ranking.ts';
