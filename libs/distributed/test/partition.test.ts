/**
 * The partition covers the plan exactly: every unit runs in some job, every model is scored by exactly one job,
 * shared prefixes are computed before the jobs that read them, and item slices cut ranges at whole batches
 * without gaps or overlaps. More workers never make the estimated makespan longer.
 */
import { describe, expect, it } from 'vitest';
import { planIteration, type InferStep, type PlanModel, type PlanStep } from '@alsatian/planner';
import { DEFAULT_COSTS, partition, type UnitFacts } from '../src/index.ts';
import { jobSteps, sliceOf } from '../src/job-steps.ts';

/** `families` bases with `perFamily` models each; model m keeps the base's first (m % depth) blocks. */
function lake(families: number, perFamily: number, depth = 6): PlanModel[] {
  const models: PlanModel[] = [];
  for (let f = 0; f < families; f++) {
    for (let m = 0; m < perFamily; m++) {
      const shared = m % depth;
      models.push({
        id: `f${f}m${m}`,
        blocks: Array.from({ length: depth }, (_, j) => ({
          id: j < shared ? `f${f}b${j}` : `f${f}m${m}b${j}`,
          outputBytesPerItem: 64 * (depth - j),
        })),
      });
    }
  }
  return models;
}

function planOf(models: PlanModel[], train = 64) {
  const plan = planIteration({
    models,
    share: true,
    order: 'dfs+',
    budgetBytes: Infinity,
    batchSize: 4,
    trainRange: { start: 0, end: train },
    testRange: { start: 0, end: 16 },
  });
  const facts = new Map<string, UnitFacts>(
    [...plan.tree.units.values()].map((u) => [
      u.id,
      { flopsPerItem: 1e8 * u.blocks.length, weightBytes: 4e6 * u.blocks.length, outputBytesPerItem: u.bytesPerItem },
    ]),
  );
  return { plan, facts };
}

describe('partition', () => {
  it.each([1, 2, 4, 16])('covers every unit and scores every model exactly once (%i workers)', (workers) => {
    const { plan, facts } = planOf(lake(3, 7));
    const p = partition({
      tree: plan.tree,
      facts,
      costs: DEFAULT_COSTS,
      workers,
      items: 80,
      batches: 20,
      scoreItems: 80,
      exportFeatures: true,
    });
    const units = new Set(p.jobs.flatMap((j) => [...j.units]));
    expect(units).toEqual(new Set(plan.tree.units.keys()));
    const scored = p.jobs.flatMap((j) => j.scoreNodes).sort();
    const modelNodes = [...plan.tree.nodes.values()]
      .filter((n) => n.persists)
      .map((n) => n.id)
      .sort();
    expect(scored).toEqual(modelNodes);
    if (workers === 1) expect(p.jobs).toHaveLength(1);
    // A job reading a shared prefix reads what a stage-0 job exports.
    const exported = new Set(p.jobs.filter((j) => j.stage === 0).flatMap((j) => j.exportNodes));
    for (const j of p.jobs) if (j.source !== null) expect(exported.has(j.source)).toBe(true);
  });

  it('estimates a shorter makespan with more workers, and cuts a lone model into item slices', () => {
    const { plan, facts } = planOf(lake(2, 12));
    const spans = [1, 2, 4, 16].map(
      (workers) =>
        partition({
          tree: plan.tree,
          facts,
          costs: DEFAULT_COSTS,
          workers,
          items: 80,
          batches: 20,
          scoreItems: 80,
          exportFeatures: true,
        }).seconds,
    );
    for (let i = 1; i < spans.length; i++) expect(spans[i]).toBeLessThanOrEqual(spans[i - 1]);
    const single = planOf(lake(1, 1), 4000);
    const p = partition({
      tree: single.plan.tree,
      facts: single.facts,
      costs: DEFAULT_COSTS,
      workers: 8,
      items: 4016,
      batches: 1004,
      scoreItems: 4016,
      exportFeatures: false,
    });
    expect(p.jobs.filter((j) => j.slice !== null).length).toBeGreaterThan(1);
    expect(p.jobs.filter((j) => j.stage === 2).flatMap((j) => j.scoreNodes)).toHaveLength(1);
  });

  it('slices a range at whole batches, covering it without gaps or overlaps', () => {
    for (const [start, end, count] of [
      [0, 37, 3],
      [12, 100, 7],
      [5, 9, 4],
    ] as const) {
      const slices = Array.from({ length: count }, (_, index) => sliceOf({ start, end }, { index, count }, 4));
      const nonEmpty = slices.filter((s) => s.end > s.start);
      expect(nonEmpty[0].start).toBe(start);
      expect(nonEmpty.at(-1)!.end).toBe(end);
      for (let i = 1; i < nonEmpty.length; i++) expect(nonEmpty[i].start).toBe(nonEmpty[i - 1].end);
      for (const s of nonEmpty) expect((s.start - start) % 4).toBe(0);
    }
  });

  it("gives each job the plan's own steps for its units, in plan order", () => {
    const { plan, facts } = planOf(lake(2, 5));
    const p = partition({
      tree: plan.tree,
      facts,
      costs: DEFAULT_COSTS,
      workers: 4,
      items: 80,
      batches: 20,
      scoreItems: 80,
      exportFeatures: true,
    });
    for (const job of p.jobs) {
      const steps = jobSteps(plan, job, 4);
      const infers = steps.filter((s) => s.kind === 'infer');
      if (job.slice === null)
        expect(infers.length).toBe(plan.steps.filter((s) => s.kind === 'infer' && job.units.has(s.unit.id)).length);
      expect(
        steps
          .filter((s) => s.kind === 'score')
          .map((s) => s.node)
          .sort(),
      ).toEqual([...job.scoreNodes].sort());
    }
  });

  it('cuts a lone shared prefix into item slices that together compute it once, so no worker idles', () => {
    // One base of 5 blocks shared by 6 models that differ in their last block: one anchor, 4 workers.
    const models: PlanModel[] = Array.from({ length: 6 }, (_, m) => ({
      id: `m${m}`,
      blocks: Array.from({ length: 6 }, (_, j) => ({ id: j < 5 ? `b${j}` : `m${m}b${j}`, outputBytesPerItem: 64 })),
    }));
    const { plan, facts } = planOf(models);
    const p = partition({
      tree: plan.tree,
      facts,
      costs: DEFAULT_COSTS,
      workers: 4,
      items: 80,
      batches: 20,
      scoreItems: 80,
      exportFeatures: true,
      mode: 'share',
    });
    const stage0 = p.jobs.filter((j) => j.stage === 0);
    expect(stage0.length).toBeGreaterThan(1);
    expect(new Set(stage0.map((j) => j.slice?.count))).toEqual(new Set([stage0.length]));
    // The slices' infer ranges, per step of the plan, tile that step's range exactly.
    const infers = (steps: readonly PlanStep[]) => steps.filter((s): s is InferStep => s.kind === 'infer');
    const anchorSteps = infers(plan.steps).filter((s) => stage0[0].units.has(s.unit.id));
    const sliced = stage0.map((j) => infers(jobSteps(plan, j, 4)));
    anchorSteps.forEach((step, i) => {
      const ranges = sliced.map((steps) => steps[i].range).sort((a, b) => a.start - b.start);
      expect(ranges[0].start).toBe(step.range.start);
      expect(ranges.at(-1)!.end).toBe(step.range.end);
      for (let r = 1; r < ranges.length; r++) expect(ranges[r].start).toBe(ranges[r - 1].end);
    });
    for (const j of p.jobs.filter((x) => x.stage === 1)) expect(j.source).toBe(stage0[0].exportNodes[0]);
  });
});
