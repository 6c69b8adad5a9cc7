import type { Split, TensorSpec } from '@alsatian/core';
import type { ItemTensor } from '@alsatian/cache';
import type { NodeId } from '@alsatian/planner';

/**
 * What the executor needs from a feature store, by planner node and item position; the strategies lib maps these to
 * the store's content keys. The planner already decided which rows are read (they were checked while planning).
 */
export interface StoredFeatures {
  /** One item's stored output of `node`; throws an IntegrityError if it vanished or changed since it was checked. */
  read(node: NodeId, split: Split, position: number): Promise<ItemTensor[]>;
  /** Stores one item's computed output of `node` (resolves when queued; the store writes in the background). */
  write(node: NodeId, split: Split, position: number, tensors: readonly ItemTensor[]): Promise<void>;
  /** Per-item output specs of `node`, to assemble batches whose rows were all read. */
  outputSpecs(node: NodeId): readonly TensorSpec[];
}
