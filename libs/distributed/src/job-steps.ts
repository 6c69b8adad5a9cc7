/**
 * A draft job (partition.ts) as the steps a worker runs: the iteration plan's own infer and score steps for the
 * job's units and models, in plan order, so every unit runs exactly as in a single-process search (same blocks,
 * same cut, same batches). A sliced job keeps a whole-batch slice of each range. Releases are recomputed for the
 * job: an intermediate is freed after the job's own last reader of it in each run.
 */
import type { ItemRange } from '@alsatian/core';
import type { IterationPlan, NodeId, PlanStep } from '@alsatian/planner';
import type { DraftJob } from './partition.ts';

export function jobSteps(plan: IterationPlan, draft: DraftJob, batchSize: number): PlanStep[] {
  const scored = new Set(draft.scoreNodes);
  const kept: PlanStep[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'infer' && draft.units.has(step.unit.id)) {
      const range = draft.slice ? sliceOf(step.range, draft.slice, batchSize) : step.range;
      if (range.end > range.start) kept.push({ ...step, range });
    } else if (step.kind === 'score' && scored.has(step.node)) kept.push(step);
  }
  return withReleases(kept, plan);
}

/** Batches [floor(k n / D), floor((k + 1) n / D)) of the range's n batches: slices differ by at most one batch. */
export function sliceOf(range: ItemRange, slice: { index: number; count: number }, batchSize: number): ItemRange {
  const batches = Math.ceil((range.end - range.start) / batchSize);
  const first = Math.floor((slice.index * batches) / slice.count);
  const last = Math.floor(((slice.index + 1) * batches) / slice.count);
  return {
    start: Math.min(range.end, range.start + first * batchSize),
    end: Math.min(range.end, range.start + last * batchSize),
  };
}

function withReleases(steps: readonly PlanStep[], plan: IterationPlan): PlanStep[] {
  const lastReader = new Map<string, number>();
  steps.forEach((s, i) => {
    if (s.kind === 'infer' && s.unit.input !== plan.tree.root) lastReader.set(`${s.run}|${s.unit.input}`, i);
  });
  const out: PlanStep[] = [];
  steps.forEach((s, i) => {
    out.push(s);
    if (s.kind !== 'infer' || s.unit.input === plan.tree.root || lastReader.get(`${s.run}|${s.unit.input}`) !== i)
      return;
    const input: NodeId = s.unit.input;
    if (!plan.tree.nodes.get(input)!.persists) out.push({ kind: 'release', run: s.run, node: input });
  });
  return out;
}
