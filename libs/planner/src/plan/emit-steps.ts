/**
 * Phase 5: runs x traversal -> steps. Every run replays the traversal over its pieces (test pieces before
 * train pieces): per unit one infer step per piece; after a unit, its input is released if this was the
 * input's last reader and the input is not model features. In the last run, a model node's score step follows
 * right after its last infer step.
 */
import type { Run } from '../budget/runs.ts';
import type { TaskTree, UnitId } from '../task/task-tree.ts';
import type { NodeId } from '../types.ts';
import type { PersistedFeatures, PlanStep } from './steps.ts';
import { rowPlans, type StoredOutputs } from './stored.ts';

export interface StepInput {
  readonly tree: TaskTree;
  readonly order: readonly UnitId[];
  readonly runs: readonly Run[];
  /** Features per model node after this iteration (what the score steps read). */
  readonly features: ReadonlyMap<NodeId, PersistedFeatures>;
  /** Outputs a feature store holds: steps then say which rows to compute and which to read (stored.ts). */
  readonly stored?: StoredOutputs;
}

export function emitRunSteps({ tree, order, runs, features, stored }: StepInput): PlanStep[] {
  const steps: PlanStep[] = [];
  const lastReader = new Map<NodeId, UnitId>();
  for (const id of order) lastReader.set(tree.units.get(id)!.input, id);
  const score = (node: NodeId) => {
    const f = features.get(node)!;
    steps.push({ kind: 'score', node, models: tree.nodes.get(node)!.endingModels, train: f.train, test: f.test });
  };
  for (const run of runs) {
    const isLastRun = run.index === runs.length - 1;
    const pieceRows = stored && run.pieces.map((piece) => rowPlans(tree, piece, stored));
    for (const id of order) {
      const unit = tree.units.get(id)!;
      const output = tree.nodes.get(unit.output)!;
      for (const [p, piece] of run.pieces.entries()) {
        const rows = pieceRows?.[p].get(id);
        if (rows && rows.compute.length + rows.read.length === 0) continue;
        steps.push({
          kind: 'infer',
          run: run.index,
          unit,
          split: piece.split,
          range: piece.range,
          readsRawInput: unit.input === tree.root,
          persistsOutput: output.persists,
          rows,
        });
      }
      if (isLastRun && output.persists) score(output.id);
      const input = tree.nodes.get(unit.input)!;
      if (lastReader.get(input.id) === id && !input.persists)
        steps.push({ kind: 'release', run: run.index, node: input.id });
    }
  }
  // Nothing to compute (no items this iteration): the cached features are scored as they are.
  if (runs.length === 0) for (const id of order) if (tree.nodes.get(id)!.persists) score(id);
  return steps;
}
