/**
 * The coordinator's partitioning on the crawl-shaped lake for several worker counts: every SH iteration is planned
 * as the coordinator plans it (shared tree, no budget limit), partitioned for W workers, and priced with the cost
 * model; the makespan is the sum of the iterations' estimated makespans. Survivors are a seeded random half
 * (which models survive does not change the tree's shape statistically).
 */
import { batchCount } from '@alsatian/executor';
import { planIteration, shSchedule, type PersistedFeatures, type PlanModel } from '@alsatian/planner';
import { partition, type CostModel } from '../src/index.ts';
import { crawlFacts, type Crawl } from './crawl-shape.ts';

export interface SimulationRow {
  readonly workers: number;
  readonly makespanSeconds: number;
  readonly efficiency: number;
  readonly jobs: number;
  readonly sharedIterations: number;
}

export function simulate(
  crawl: Crawl,
  costs: CostModel,
  workerCounts: readonly number[],
  data = { train: 4000, test: 1000, batchSize: 32 },
): SimulationRow[] {
  const chunks = shSchedule(crawl.models.length, data.train);
  let alive: PlanModel[] = crawl.models;
  let persisted: readonly PersistedFeatures[] = [];
  let state = 11;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const totals = workerCounts.map(() => ({ seconds: 0, jobs: 0, shared: 0 }));
  for (const [i, trainRange] of chunks.entries()) {
    const plan = planIteration({
      models: alive,
      share: true,
      order: 'dfs+',
      budgetBytes: Infinity,
      batchSize: data.batchSize,
      trainRange,
      testRange: i === 0 ? { start: 0, end: data.test } : undefined,
      persisted,
    });
    const facts = crawlFacts(plan.tree, crawl);
    const items = plan.runs.reduce((s, r) => s + r.items, 0);
    const batches = plan.runs.reduce(
      (s, r) => s + r.pieces.reduce((b, p) => b + batchCount(p.range, data.batchSize), 0),
      0,
    );
    const scoreItems = trainRange.end + data.test;
    workerCounts.forEach((workers, w) => {
      const p = partition({
        tree: plan.tree,
        facts,
        costs,
        workers,
        items,
        batches,
        scoreItems,
        exportFeatures: i < chunks.length - 1,
      });
      totals[w].seconds += p.seconds;
      totals[w].jobs += p.jobs.length;
      if (p.mode === 'share') totals[w].shared++;
    });
    persisted = plan.persisted;
    const keep = Math.max(1, Math.floor(alive.length / 2));
    alive = [...alive]
      .map((m) => ({ m, r: random() }))
      .sort((a, b) => a.r - b.r)
      .slice(0, keep)
      .map((x) => x.m);
    alive.sort((a, b) => crawl.models.indexOf(a) - crawl.models.indexOf(b));
  }
  const one = totals[workerCounts.indexOf(1)]?.seconds ?? totals[0].seconds * workerCounts[0];
  return workerCounts.map((workers, w) => ({
    workers,
    makespanSeconds: totals[w].seconds,
    efficiency: one / (workers * totals[w].seconds),
    jobs: totals[w].jobs,
    sharedIterations: totals[w].shared,
  }));
}
