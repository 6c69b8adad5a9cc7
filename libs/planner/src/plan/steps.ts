/** Phase 5's output: the typed steps an executor runs in order, and the feature bookkeeping across iterations. */
import type { ItemRange, ModelId, Split } from '@alsatian/core';
import type { ExecutionUnit } from '../task/task-tree.ts';
import type { NodeId } from '../types.ts';
import type { RowPlan } from './stored.ts';

/**
 * Drop every cached piece of a node's features (both splits, all chunks): the models they were kept for were
 * pruned. The reference never did this and leaked them across SH iterations.
 */
export interface EvictStep {
  readonly kind: 'evict';
  readonly node: NodeId;
  /** Bytes this frees, per the persisted list it came from. */
  readonly bytes: number;
}

/**
 * Run a unit's blocks over one range of one split: read the input node's cached output of exactly this
 * range (or decode raw items when `readsRawInput`), cache the output under (output node, split, range).
 */
export interface InferStep {
  readonly kind: 'infer';
  readonly run: number;
  readonly unit: ExecutionUnit;
  readonly split: Split;
  readonly range: ItemRange;
  readonly readsRawInput: boolean;
  /** The output is model features: keep it after the run (for this and later iterations' scoring). */
  readonly persistsOutput: boolean;
  /**
   * With a feature store: the rows (relative to `range.start`) to compute and to read from the store; rows in
   * neither are not needed. Absent: compute every row.
   */
  readonly rows?: RowPlan;
}

/** The node's intermediate of this run is no longer needed (all its readers ran): free it. */
export interface ReleaseStep {
  readonly kind: 'release';
  readonly run: number;
  readonly node: NodeId;
}

/**
 * Train and evaluate the proxy on a node's features; the score is credited to every model in `models`
 * (identical models end on one node). `train` and `test` list the cached pieces that make up the features,
 * in order (cumulative over SH iterations); labels are those of the same pieces.
 */
export interface ScoreStep {
  readonly kind: 'score';
  readonly node: NodeId;
  readonly models: readonly ModelId[];
  readonly train: readonly ItemRange[];
  readonly test: readonly ItemRange[];
}

export type PlanStep = EvictStep | InferStep | ReleaseStep | ScoreStep;

/** Features of one node kept in the cache, as one iteration hands them to the next. */
export interface PersistedFeatures {
  readonly node: NodeId;
  readonly bytesPerItem: number;
  readonly train: readonly ItemRange[];
  readonly test: readonly ItemRange[];
}

export function persistedBytes(p: PersistedFeatures): number {
  const items = [...p.train, ...p.test].reduce((s, r) => s + r.end - r.start, 0);
  return items * p.bytesPerItem;
}
