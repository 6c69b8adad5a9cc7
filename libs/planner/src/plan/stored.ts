/**
 * Stored intermediates as plan facts. A feature store may hold a node's output for some items; those items need
 * not be computed, and then neither do their inputs, up to the root. Per run piece, working up from the leaves:
 *
 *   need(n)    = every item (model features are scored) if n ends a model, else nothing
 *                plus compute(c) for every child unit c (their inputs)
 *   compute(n) = need(n) minus the items stored for n        read(n) = need(n) and stored for n
 *
 * A unit with nothing to compute is not prepared, a raw-input unit decodes only batches with rows to compute,
 * and a unit with nothing needed has no step at all. The lookups are pure (the caller listed the store first).
 */
import type { RunPiece } from '../budget/runs.ts';
import type { TaskTree, UnitId } from '../task/task-tree.ts';
import type { Split } from '@alsatian/core';
import type { NodeId } from '../types.ts';

export interface StoredOutputs {
  /** Whether the output of `node` for item `position` (of the split's item order) is in the store. */
  has(node: NodeId, split: Split, position: number): boolean;
}

/** Item positions, relative to the piece's start, that a unit computes and reads from the store. */
export interface RowPlan {
  readonly compute: readonly number[];
  readonly read: readonly number[];
}

export function rowPlans(tree: TaskTree, piece: RunPiece, stored: StoredOutputs): Map<UnitId, RowPlan> {
  const length = piece.range.end - piece.range.start;
  const plans = new Map<UnitId, RowPlan>();
  // Returns the rows the unit producing `node` computes, after planning its subtree.
  const visit = (node: NodeId): Uint8Array => {
    const task = tree.nodes.get(node)!;
    const need = new Uint8Array(length).fill(task.persists ? 1 : 0);
    for (const child of task.children) {
      const rows = visit(child);
      for (let i = 0; i < length; i++) need[i] |= rows[i];
    }
    const compute = new Uint8Array(length);
    const plan = { compute: [] as number[], read: [] as number[] };
    for (let i = 0; i < length; i++) {
      if (!need[i]) continue;
      if (stored.has(node, piece.split, piece.range.start + i)) plan.read.push(i);
      else {
        plan.compute.push(i);
        compute[i] = 1;
      }
    }
    plans.set(node, plan);
    return compute;
  };
  for (const child of tree.nodes.get(tree.root)!.children) visit(child);
  return plans;
}
