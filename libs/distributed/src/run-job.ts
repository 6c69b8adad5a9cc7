/**
 * Runs one job on a worker with the same executor a single-process search uses. Before the executor runs, the
 * cache and label book are filled from the exchange with what other jobs computed: the shared prefix's output
 * (per run, as the single process holds it) and earlier features and labels of the models this job scores.
 * After each run, the job's exported nodes and raw labels are written to the exchange, batch by batch.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset, Engine, ItemRange, Proxy, Split } from '@alsatian/core';
import { Meter } from '@alsatian/core';
import { IntermediateCache } from '@alsatian/cache';
import { batchCount, Executor, LabelBook, type BlockSource } from '@alsatian/executor';
import type { InferStep, PlanStep } from '@alsatian/planner';
import { batchRange, Exchange, ResultBook } from './exchange.ts';
import { dataKey, jobKey, type JobResult, type JobScore, type JobSpec } from './job.ts';
import { PartClock, type JobTimings } from './job-timings.ts';

/** What a worker opens once and reuses across jobs. */
export interface WorkerResources {
  store(dir: string): Promise<BlockSource>;
  dataset(spec: JobSpec['context']['dataset']): Promise<Dataset>;
  readonly engine: Engine;
  proxy(name: string): Proxy;
}

/** `availableSince`: when this worker could have started the job (ms since the epoch), for its pick-up time. */
export async function runJob(
  spec: JobSpec,
  resources: WorkerResources,
  attempt: number,
  worker: string,
  availableSince = Date.now(),
): Promise<JobResult> {
  const startedAt = Date.now();
  const started = performance.now();
  const clock = new PartClock<'startup' | 'exchangeRead' | 'exchangeWrite' | 'compute' | 'cleanup'>();
  const key = jobKey(spec);
  const results = new ResultBook(spec.context.exchangeDir);
  // A duplicate delivery of a finished job (at-least-once): its result is already written, keyed by content.
  const done = await results.read(key);
  if (done) return done;

  const { context } = spec;
  const meter = new Meter('planning');
  const exchange = new Exchange(context.exchangeDir, dataKey(context));
  const workDir = await clock.time('startup', () => mkdtemp(join(tmpdir(), 'alsatian-job-')));
  const cache = new IntermediateCache({
    ramBudgetBytes: Infinity,
    disk: { dir: join(workDir, 'features'), budgetBytes: Infinity },
    overflow: 'refuse',
  });
  const labels = new LabelBook();
  const [store, dataset] = await clock.time('startup', () =>
    Promise.all([resources.store(context.storeDir), resources.dataset(context.dataset)]),
  );
  const executor = new Executor(
    { store, engine: resources.engine, dataset, proxy: resources.proxy(context.proxy), cache, meter, labels },
    {
      batchSize: context.batchSize,
      featuresOnDisk: context.featuresOnDisk,
      reusePrepared: context.reusePrepared,
      prefetchBlocks: context.prefetchBlocks,
      seed: context.seed,
      deterministic: context.deterministic,
    },
  );
  const io = new JobIo(spec, exchange, cache, labels, meter);
  const scores: JobScore[] = [];
  // The time until here not charged to a part (the result check) is start-up too.
  const before = (performance.now() - started) / 1000 - clock.get('startup');
  try {
    await clock.time('exchangeRead', () => io.loadScoreInputs());
    for (const group of byRun(spec.steps)) {
      await clock.time('exchangeRead', () => io.loadSource(group));
      const got = await clock.time('compute', () => executor.run(group, spec.label));
      for (const step of group)
        if (step.kind === 'score')
          scores.push({ node: step.node, models: step.models, score: got.get(step.models[0])!.score });
      await clock.time('exchangeWrite', () => io.export(group));
    }
  } finally {
    await clock.time('cleanup', async () => {
      await executor.dispose();
      await cache.clear();
      await rm(workDir, { recursive: true, force: true });
    });
  }
  // The result file's own write (one small JSON) is the only part of the attempt its timings leave out.
  const timings: JobTimings = {
    pickup: Math.max(0, (startedAt - availableSince) / 1000),
    startup: before + clock.get('startup'),
    exchangeRead: clock.get('exchangeRead'),
    exchangeWrite: clock.get('exchangeWrite'),
    compute: clock.get('compute'),
    cleanup: clock.get('cleanup'),
    wall: (performance.now() - started) / 1000,
    endedAt: Date.now(),
  };
  const result: JobResult = {
    key,
    scores,
    measurements: meter.snapshot(),
    sessions: executor.sessions,
    attempt,
    worker,
    timings,
  };
  await results.write(result);
  return result;
}

/** Consecutive steps of one run (score steps stay with the run before them). */
function byRun(steps: readonly PlanStep[]): PlanStep[][] {
  const groups: PlanStep[][] = [];
  let run: number | undefined;
  for (const step of steps) {
    const r = step.kind === 'score' || step.kind === 'evict' ? run : step.run;
    if (groups.length === 0 || r !== run) groups.push([]);
    groups[groups.length - 1].push(step);
    run = r;
  }
  return groups;
}

class JobIo {
  private readonly labelsWritten = new Set<string>();

  constructor(
    private readonly spec: JobSpec,
    private readonly exchange: Exchange,
    private readonly cache: IntermediateCache,
    private readonly labels: LabelBook,
    private readonly meter: Meter,
  ) {}

  private get batchSize(): number {
    return this.spec.context.batchSize;
  }

  private infers(steps: readonly PlanStep[]): InferStep[] {
    return steps.filter((s): s is InferStep => s.kind === 'infer');
  }

  /** Features and labels the score steps read that this job does not compute itself. */
  async loadScoreInputs(): Promise<void> {
    const infers = this.infers(this.spec.steps);
    const computed = new Set(infers.map((s) => `${s.unit.output}|${s.split}|${s.range.start}`));
    const rawRead = new Set(infers.filter((s) => s.readsRawInput).map((s) => `${s.split}|${s.range.start}`));
    await this.meter.measure('cache', async () => {
      for (const step of this.spec.steps) {
        if (step.kind !== 'score') continue;
        for (const [split, pieces] of [
          ['train', step.train],
          ['test', step.test],
        ] as const) {
          for (const piece of pieces) {
            if (!computed.has(`${step.node}|${split}|${piece.start}`)) await this.loadBatches(step.node, split, piece);
            if (!rawRead.has(`${split}|${piece.start}`)) await this.loadLabels(split, piece);
          }
        }
      }
    });
  }

  /** The shared prefix's output for this run's ranges, as if this process had computed it. */
  async loadSource(group: readonly PlanStep[]): Promise<void> {
    const source = this.spec.source;
    if (source === null) return;
    await this.meter.measure('cache', async () => {
      for (const s of this.infers(group)) if (s.unit.input === source) await this.loadBatches(source, s.split, s.range);
    });
  }

  private async loadBatches(node: string, split: Split, piece: ItemRange): Promise<void> {
    for (let batch = 0; batch < batchCount(piece, this.batchSize); batch++) {
      const key = { node, split, chunkStart: piece.start, batch };
      if (!this.cache.has(key))
        await this.cache.put(
          key,
          await this.exchange.readFeatures(node, split, batchRange(piece, batch, this.batchSize)),
        );
    }
  }

  private async loadLabels(split: Split, piece: ItemRange): Promise<void> {
    for (let batch = 0; batch < batchCount(piece, this.batchSize); batch++) {
      this.labels.record(
        split,
        piece.start,
        batch,
        await this.exchange.readLabels(split, batchRange(piece, batch, this.batchSize)),
      );
    }
  }

  /** Writes this run's exported outputs and raw labels; frees exported intermediates no later step reads. */
  async export(group: readonly PlanStep[]): Promise<void> {
    const exported = new Set(this.spec.exportNodes);
    await this.meter.measure('cache', async () => {
      for (const s of this.infers(group)) {
        for (let batch = 0; batch < batchCount(s.range, this.batchSize); batch++) {
          const range = batchRange(s.range, batch, this.batchSize);
          if (exported.has(s.unit.output)) {
            await this.exchange.writeFeatures(
              s.unit.output,
              s.split,
              range,
              await this.cache.get({ node: s.unit.output, split: s.split, chunkStart: s.range.start, batch }),
            );
          }
          const labelKey = `${s.split}|${range.start}`;
          if (s.readsRawInput && this.spec.exportLabels && !this.labelsWritten.has(labelKey)) {
            this.labelsWritten.add(labelKey);
            await this.exchange.writeLabels(
              s.split,
              range,
              this.labels.get(s.split, s.range.start, batch, s.range.end),
            );
          }
        }
      }
      // An exported prefix output is not needed here once written; scored features are, until the last run.
      const needed = new Set([
        ...this.infers(this.spec.steps).map((s) => s.unit.input),
        ...this.spec.steps.flatMap((s) => (s.kind === 'score' ? [s.node] : [])),
      ]);
      for (const node of exported) if (!needed.has(node)) await this.cache.evictNode(node);
    });
  }
}
