/**
 * The coordinator of a distributed search: the single-process search loop (plan an SH iteration, score, rank,
 * keep the better half), with each iteration's plan cut into jobs by the cost model (partition.ts) and run by
 * workers through BullMQ. Scores come back in job results; features stay in the exchange directory. Everything
 * a re-run needs (each iteration's jobs, each finished job's result) is written there, so re-running the same
 * command after a coordinator was killed resumes from what finished.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import type { Json, Measurements, ModelId } from '@alsatian/core';
import {
  addMeasurements,
  canonicalJson,
  emptyMeasurements,
  InvalidArgumentError,
  SEARCH_DEFAULTS,
  sha256Hex,
  silentLogger,
  writeFileAtomic,
} from '@alsatian/core';
import {
  keepBetterHalf,
  planIteration,
  rankModels,
  type IterationPlan,
  type PersistedFeatures,
} from '@alsatian/planner';
import {
  checkSearchInputs,
  finalRanking,
  iterationChunks,
  planModels,
  readsSince,
  resolveImprovements,
  strategy as strategyDef,
  strategyPlanOptions,
  UnitBoundaries,
  type IterationReport,
  type SearchOptions,
  type SearchResult,
} from '@alsatian/strategies';
import { batchCount } from '@alsatian/executor';
import { bullConnection, checkRedis, QUEUE_NAME } from './connection.ts';
import { DEFAULT_COSTS, type CostModel } from './cost-model.ts';
import { ResultBook } from './exchange.ts';
import { jobKey, type DatasetSpec, type JobContext, type JobResult, type JobSpec } from './job.ts';
import { jobSteps } from './job-steps.ts';
import type { JobTimings } from './job-timings.ts';
import { OverheadEstimate } from './overhead-estimate.ts';
import { partition, type DraftJob } from './partition.ts';
import { runStages, type StageRunner } from './run-stages.ts';
import { UnitFactsBook } from './unit-facts.ts';
import { PlanWork } from './plan-work.ts';

export interface DistributedSearchOptions extends Omit<SearchOptions, 'engine' | 'workDir'> {
  readonly queueUrl: string;
  /** How workers open the dataset (the CLI's --dataset and the options it derived). */
  readonly datasetSpec: DatasetSpec;
  readonly proxyName: string;
  /** Shared directory for features, results and the run's state (default: `<store>/.alsatian-exchange`). */
  readonly exchangeDir?: string;
  readonly costs?: CostModel;
  /** How shared prefixes are handled: 'auto' (default) lets the cost model choose per iteration. */
  readonly partitionMode?: 'auto' | 'recompute' | 'share';
}

export interface DistributedJobReport {
  readonly key: string;
  readonly iteration: number;
  readonly stage: number;
  readonly label: string;
  readonly attempt: number;
  readonly worker: string;
  readonly seconds: number;
  /** Where the attempt's wall time went on the worker. */
  readonly timings: JobTimings;
  /** Seconds from the worker's end to the coordinator seeing the result (undefined: read back on a re-run). */
  readonly returnedSeconds?: number;
}

export interface DistributedResult extends SearchResult {
  readonly distributed: {
    readonly queue: string;
    readonly exchangeDir: string;
    /** Coordinator wall seconds (measurements sum the workers' seconds instead). */
    readonly wallSeconds: number;
    /** The coordinator's own planning seconds (in measurements.planning, with the jobs' own). */
    readonly planningSeconds: number;
    readonly workersSeen: number;
    readonly iterations: readonly {
      readonly mode: string;
      readonly jobs: number;
      readonly workers: number;
      readonly estimatedSeconds: number;
      /** The job overhead the partition was priced with: the prior, then the median measured so far. */
      readonly jobOverheadSeconds: number;
    }[];
    /** Median measured job overhead (queue round trip + start-up) over the jobs seen; undefined before 2 jobs. */
    readonly jobOverheadSeconds?: number;
    readonly jobs: readonly DistributedJobReport[];
  };
}

export async function distributedSearch(options: DistributedSearchOptions): Promise<DistributedResult> {
  const started = performance.now();
  await checkRedis(options.queueUrl);
  const def = strategyDef(options.strategy);
  const improvements = resolveImprovements(options.strategy, options.improvements);
  const logger = options.logger ?? silentLogger;
  const batchSize = options.batchSize ?? SEARCH_DEFAULTS.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new InvalidArgumentError(`--batch-size must be a positive integer, got ${batchSize}.`);
  const budget = options.cacheBudgetBytes ?? SEARCH_DEFAULTS.cacheBudgetBytes;
  const store = options.store;
  const ids = options.models ?? store.listModels().map((m) => m.id);
  if (ids.length === 0) throw new InvalidArgumentError(`The store ${store.dir} has no models to search.`);
  await checkSearchInputs(store, ids, options.dataset);
  const { models: candidates } = await planModels(store, ids);
  const readsBefore = store.readStats();
  const exchangeDir = resolve(options.exchangeDir ?? join(store.dir, '.alsatian-exchange'));
  const context: JobContext = {
    storeDir: resolve(store.dir),
    exchangeDir,
    dataset: options.datasetSpec,
    proxy: options.proxyName,
    batchSize,
    seed: options.seed ?? SEARCH_DEFAULTS.seed,
    deterministic: options.deterministic ?? false,
    featuresOnDisk: def.featuresOnDisk,
    reusePrepared: improvements.keepPrepared,
    prefetchBlocks: improvements.prefetchBlocks,
  };
  const runDir = join(
    exchangeDir,
    'runs',
    sha256Hex(
      canonicalJson({ context, ids, strategy: options.strategy, improvements, budget } as unknown as Json),
    ).slice(0, 24),
  );
  const facts = new UnitFactsBook(store);

  // BullMQ leaves connections it was given open on close(): they are closed here, after the queue.
  const connections = [bullConnection(options.queueUrl), bullConnection(options.queueUrl)];
  const runner: StageRunner = {
    queue: new Queue<JobSpec, JobResult>(QUEUE_NAME, { connection: connections[0] }),
    events: new QueueEvents(QUEUE_NAME, { connection: connections[1] }),
    results: new ResultBook(exchangeDir),
    queueUrl: options.queueUrl,
    logger,
    onProgress: options.onProgress,
    workersSeen: 0,
  };
  let planning = 0;
  const timed = <T>(fn: () => T): T => {
    const t = performance.now();
    try {
      return fn();
    } finally {
      planning += (performance.now() - t) / 1000;
    }
  };
  const trainLength = options.dataset.train.length;
  const testLength = options.dataset.test.length;
  const chunks = iterationChunks(def, candidates.length, trainLength);
  let alive = candidates;
  let persisted: readonly PersistedFeatures[] = [];
  // The same units as the single-process search plans (its workers keep compiled units across iterations too).
  const boundaries = new UnitBoundaries(undefined, improvements.keepPrepared);
  const lastScore = new Map<ModelId, { score: number; iteration: number }>();
  const iterations: IterationReport[] = [];
  const partitions: DistributedResult['distributed']['iterations'][number][] = [];
  const jobs: DistributedJobReport[] = [];
  let measurements = emptyMeasurements();
  const work = new PlanWork();
  const sessions = { created: 0, reused: 0 };
  const overhead = new OverheadEstimate(options.costs ?? DEFAULT_COSTS);
  try {
    for (const [i, trainRange] of chunks.entries()) {
      const plan = timed(() =>
        planIteration({
          models: alive,
          ...strategyPlanOptions(def, improvements, budget, i, testLength),
          batchSize,
          trainRange,
          persisted,
          checkpoints: boundaries.nodes,
        }),
      );
      boundaries.keepFrom(plan);
      const last = i === chunks.length - 1;
      const { specs, info } = await iterationJobs({
        plan,
        iteration: i,
        last,
        context,
        runDir,
        facts,
        runner,
        costs: overhead.costs(),
        mode: options.partitionMode,
        timed,
      });
      partitions.push(info);
      const results = await runStages(runner, specs, `iteration ${i + 1}/${chunks.length} (distributed)`);
      const scores = new Map<ModelId, number>();
      let iterationSeconds = emptyMeasurements();
      const iterationSessions = { created: 0, reused: 0 };
      const specByKey = new Map(specs.map((s) => [jobKey(s), s]));
      for (const { result: r, returned } of results) {
        if (returned !== undefined) overhead.add(r.timings, returned);
        for (const s of r.scores) for (const m of s.models) scores.set(m, s.score);
        iterationSeconds = addMeasurements(iterationSeconds, r.measurements);
        iterationSessions.created += r.sessions.created;
        iterationSessions.reused += r.sessions.reused;
        const spec = specByKey.get(r.key)!;
        jobs.push({
          key: r.key,
          iteration: i,
          stage: spec.stage,
          label: spec.label,
          attempt: r.attempt,
          worker: r.worker,
          seconds: r.measurements.total,
          timings: r.timings,
          returnedSeconds: returned,
        });
      }
      const ranking = timed(() => rankModels(scores));
      for (const r of ranking) lastScore.set(r.model, { score: r.score, iteration: i });
      measurements = addMeasurements(measurements, iterationSeconds);
      sessions.created += iterationSessions.created;
      sessions.reused += iterationSessions.reused;
      iterations.push({
        iteration: i,
        models: alive.length,
        trainRange,
        trainItemsSoFar: trainRange.end,
        runs: plan.runs.length,
        units: plan.tree.units.size,
        sessionsCreated: iterationSessions.created,
        sessionsReused: iterationSessions.reused,
        requirementBytesPerItem: plan.requirementBytesPerItem,
        orderUsed: plan.orderUsed,
        measurements: iterationSeconds,
        ranking,
        unitItemsComputed: work.addPlan(plan.steps),
      });
      logger.info(
        `${options.strategy} (distributed): iteration ${i + 1}/${chunks.length}: ${alive.length} models, ` +
          `${specs.length} job(s), best ${ranking[0]?.model} (${ranking[0]?.score.toFixed(4)})`,
      );
      persisted = plan.persisted;
      if (def.successiveHalving && !last) {
        const keep = new Set(keepBetterHalf(ranking).kept);
        alive = alive.filter((m) => keep.has(m.id));
      }
    }
  } finally {
    await runner.events.close();
    await runner.queue.close();
    for (const c of connections) c.disconnect();
  }
  measurements = withPlanning(measurements, planning);
  return {
    strategy: options.strategy,
    improvements,
    ranking: finalRanking(lastScore),
    measurements,
    iterations,
    sessions,
    storeReads: readsSince(store.readStats(), readsBefore),
    work: work.total(),
    peakCacheBytes: 0,
    cacheBudgetBytes: budget,
    distributed: {
      queue: options.queueUrl,
      exchangeDir,
      wallSeconds: (performance.now() - started) / 1000,
      planningSeconds: planning,
      workersSeen: runner.workersSeen,
      iterations: partitions,
      jobOverheadSeconds: overhead.measured,
      jobs,
    },
  };
}

function withPlanning(m: Measurements, seconds: number): Measurements {
  return { ...m, planning: m.planning + seconds, total: m.total + seconds };
}

interface IterationJobsInput {
  readonly plan: IterationPlan;
  readonly iteration: number;
  readonly last: boolean;
  readonly context: JobContext;
  readonly runDir: string;
  readonly facts: UnitFactsBook;
  readonly runner: StageRunner;
  readonly costs: CostModel;
  readonly mode?: 'auto' | 'recompute' | 'share';
  readonly timed: <T>(fn: () => T) => T;
}

type PartitionInfo = DistributedResult['distributed']['iterations'][number];

/**
 * The iteration's jobs: those a killed coordinator chose before (so a re-run finds their results), else a new
 * partition for the workers live now, written down before anything is enqueued.
 */
async function iterationJobs(input: IterationJobsInput): Promise<{ specs: JobSpec[]; info: PartitionInfo }> {
  const { plan, iteration, context, runDir } = input;
  const file = join(runDir, `iteration-${iteration}-${sha256Hex(JSON.stringify(plan.steps)).slice(0, 16)}.json`);
  const saved = await readFile(file, 'utf8').then(
    (t) => JSON.parse(t) as { specs: JobSpec[]; info: PartitionInfo },
    () => undefined,
  );
  if (saved) return saved;
  const workers = Math.max(1, await input.runner.queue.getWorkersCount());
  const facts = await input.facts.forTree(plan.tree);
  const items = plan.runs.reduce((s, r) => s + r.items, 0);
  const batches = plan.runs.reduce(
    (s, r) => s + r.pieces.reduce((b, p) => b + batchCount(p.range, context.batchSize), 0),
    0,
  );
  const first = plan.persisted[0];
  const scoreItems = first ? [...first.train, ...first.test].reduce((s, r) => s + r.end - r.start, 0) : 0;
  const part = input.timed(() =>
    partition({
      tree: plan.tree,
      facts,
      costs: input.costs,
      workers,
      items,
      batches,
      scoreItems,
      exportFeatures: !input.last,
      mode: input.mode,
    }),
  );
  const drafts = [...part.jobs].sort((a, b) => a.stage - b.stage || b.seconds - a.seconds);
  const specs = drafts.map((d): JobSpec => ({
    context,
    iteration,
    stage: d.stage,
    source: d.source,
    exportNodes: d.exportNodes,
    exportLabels: true,
    label: jobLabel(iteration, d),
    steps: input.timed(() => jobSteps(plan, d, context.batchSize)),
  }));
  const info = {
    mode: part.mode,
    jobs: specs.length,
    workers,
    estimatedSeconds: part.seconds,
    jobOverheadSeconds: input.costs.jobOverheadSeconds,
  };
  await writeFileAtomic(file, JSON.stringify({ specs, info }));
  return { specs, info };
}

function jobLabel(iteration: number, d: DraftJob): string {
  const slice = d.slice ? `, items slice ${d.slice.index + 1}/${d.slice.count}` : '';
  return `iteration ${iteration + 1} stage ${d.stage}: ${d.units.size} unit(s)${slice}, ${d.scoreNodes.length} scored`;
}
