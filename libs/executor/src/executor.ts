import type {
  Dataset,
  Engine,
  Logger,
  Meter,
  ModelId,
  ProgressListener,
  Proxy,
  ProxyScore,
  Split,
} from '@alsatian/core';
import { silentLogger } from '@alsatian/core';
import type { IntermediateCache } from '@alsatian/cache';
import type { ExecutionUnit, InferStep, PlanStep } from '@alsatian/planner';
import { openStepInputs, runInferStep, type StepInputs } from './run-infer.ts';
import { runInferRows } from './run-infer-rows.ts';
import type { StoredFeatures } from './stored-features.ts';
import { runScoreStep } from './run-score.ts';
import { LabelBook } from './label-book.ts';
import type { ExecutorSettings } from './settings.ts';
import { UnitPreparer, type BlockSource } from './unit-preparer.ts';

export interface ExecutorDeps {
  readonly store: BlockSource;
  readonly engine: Engine;
  readonly dataset: Dataset;
  readonly proxy: Proxy;
  readonly cache: IntermediateCache;
  /** Every second the executor spends is charged to one category of this meter. */
  readonly meter: Meter;
  readonly logger?: Logger;
  readonly onProgress?: ProgressListener;
  /**
   * Labels of batches read elsewhere (a distributed job scores features another process extracted); default a
   * fresh book, filled as this executor reads raw data.
   */
  readonly labels?: LabelBook;
  /** A feature store: infer steps with `rows` read stored outputs and store what they compute. */
  readonly features?: StoredFeatures;
}

/** What the executor computed: units and blocks that ran on at least one item, and unit x item evaluations. */
export interface ExecutorWork {
  readonly units: number;
  readonly blocks: number;
  readonly unitItems: number;
  /** Ids of the blocks that ran (distinct). */
  readonly blockIds: readonly string[];
}

/**
 * The one executor behind every strategy: it runs a plan's steps in order (infer a unit over a range, release an
 * intermediate, evict pruned features, score a node's models) and owns sessions, block loading and the cache.
 * It decides nothing about what to run; the planner did.
 */
export class Executor {
  private readonly units: UnitPreparer;
  private readonly logger: Logger;
  private readonly labels: LabelBook;
  private readonly ranUnits = new Set<string>();
  private readonly ranBlocks = new Set<string>();
  private unitItems = 0;

  constructor(
    private readonly deps: ExecutorDeps,
    private readonly settings: ExecutorSettings,
  ) {
    this.units = new UnitPreparer(deps.store, deps.engine, deps.meter, settings.reusePrepared);
    this.logger = deps.logger ?? silentLogger;
    const all = { train: deps.dataset.train.labels(), test: deps.dataset.test.labels() };
    const fromOrder = (split: Split, chunkStart: number, batch: number, chunkEnd: number) => {
      const start = chunkStart + batch * settings.batchSize;
      return all[split].slice(start, Math.min(start + settings.batchSize, chunkEnd));
    };
    this.labels = deps.labels ?? new LabelBook(deps.features ? fromOrder : undefined);
  }

  /**
   * Runs `steps`; returns the proxy score of every model scored, by model id. A session kept only for consecutive
   * steps is released when the steps are done.
   */
  async run(steps: readonly PlanStep[], task = 'steps'): Promise<Map<ModelId, ProxyScore>> {
    const { cache, meter } = this.deps;
    const scores = new Map<ModelId, ProxyScore>();
    let done = 0;
    for (const [index, step] of steps.entries()) {
      switch (step.kind) {
        case 'infer':
          this.count(
            step,
            await this.infer(step, this.settings.prefetchBlocks ? nextUnitAfter(steps, index) : undefined),
          );
          break;
        case 'release':
        case 'evict':
          await meter.measure('cache', () => cache.evictNode(step.node));
          break;
        case 'score': {
          const score = await runScoreStep(step, { ...this.deps, ...this.settings, labels: this.labels });
          for (const model of step.models) scores.set(model, score);
          this.logger.debug(`score ${score.score.toFixed(4)} for ${step.models.join(', ')}`);
          break;
        }
      }
      this.deps.onProgress?.({ task, done: ++done, total: steps.length, detail: step.kind });
    }
    await this.units.releaseCurrent();
    return scores;
  }

  /** Runs an infer step; `next` is the unit to prefetch while it runs. Returns the items computed. */
  private async infer(step: InferStep, next: ExecutionUnit | undefined): Promise<number> {
    const ctx = { ...this.deps, ...this.settings, labels: this.labels };
    if (!step.rows) {
      // Opened once the unit's blocks are read, before its session is created: raw data decodes meanwhile. Not
      // before the read: decoding fills libuv's thread pool, where the block reads would then wait.
      let inputs: StepInputs | undefined;
      const open = () => (inputs ??= openStepInputs(step, ctx));
      try {
        await this.units.withSession(step.unit, (session) => runInferStep(step, session, ctx, open()), next, open);
      } finally {
        await inputs?.close();
      }
      return step.range.end - step.range.start;
    }
    if (!this.deps.features) {
      throw new Error(`infer step of unit ${step.unit.id} lists rows but the executor has no feature store`);
    }
    return runInferRows(step, () => this.units.session(step.unit, next), { ...ctx, features: this.deps.features });
  }

  private count(step: InferStep, computed: number): void {
    if (computed === 0) return;
    this.ranUnits.add(step.unit.id);
    for (const block of step.unit.blocks) this.ranBlocks.add(block.id);
    this.unitItems += computed;
  }

  /** What ran so far (see ExecutorWork). */
  get work(): ExecutorWork {
    const blockIds = [...this.ranBlocks];
    return { units: this.ranUnits.size, blocks: blockIds.length, unitItems: this.unitItems, blockIds };
  }

  /** Sessions created so far, and how many of them reused what the engine prepared before. */
  get sessions(): { readonly created: number; readonly reused: number } {
    return this.units.counts;
  }

  async dispose(): Promise<void> {
    await this.units.dispose();
  }
}

/** The first unit after step `index` that differs from the unit of step `index` (the one to prefetch). */
function nextUnitAfter(steps: readonly PlanStep[], index: number): ExecutionUnit | undefined {
  const current = steps[index];
  if (current.kind !== 'infer') return undefined;
  for (let i = index + 1; i < steps.length; i++) {
    const next = steps[i];
    if (next.kind !== 'infer') continue;
    if (next.unit.input === current.unit.input && next.unit.output === current.unit.output) continue;
    return next.unit;
  }
  return undefined;
}
