import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset, Engine, Logger, ModelId, ProgressListener, Proxy, TensorSpec } from '@alsatian/core';
import {
  InvalidArgumentError,
  itemBytes,
  Meter,
  SEARCH_DEFAULTS,
  silentLogger,
  subtractMeasurements,
} from '@alsatian/core';
import { IntermediateCache, type FeatureStore } from '@alsatian/cache';
import { Executor } from '@alsatian/executor';
import { blockInfo, joinsPrevious } from '@alsatian/models';
import { buildPrefixTree, chooseCheckpoints, keepBetterHalf, planIteration, rankModels } from '@alsatian/planner';
import type { PersistedFeatures, PlanModel } from '@alsatian/planner';
import type { ModelStore, ReadStats } from '@alsatian/store';
import type { IterationReport, RankingEntry, SearchResult } from './result.ts';
import { checkSearchInputs } from './preflight.ts';
import { resolveImprovements, strategy as strategyDef, type Improvements } from './strategies.ts';
import { iterationChunks, strategyPlanOptions } from './iteration-plan.ts';
import { createWorkDir } from './work-dir.ts';
import { FeatureLink } from './feature-link.ts';
import { featureStoreReport } from './feature-report.ts';
import { checkpointCosts } from './feature-costs.ts';
import { UnitBoundaries } from './unit-boundaries.ts';

export interface SearchOptions {
  readonly store: ModelStore;
  /** Candidate models (default: every model in the store), in a stable order. */
  readonly models?: readonly ModelId[];
  readonly dataset: Dataset;
  readonly strategy: string;
  /** Switch our improvements on or off (default: the strategy's; see IMPROVEMENTS). */
  readonly improvements?: Partial<Improvements>;
  readonly engine: Engine;
  readonly proxy: Proxy;
  /** Intermediate-cache budget in bytes (Alsatian splits data into runs to respect it). Default: SEARCH_DEFAULTS. */
  readonly cacheBudgetBytes?: number;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly deterministic?: boolean;
  /**
   * Directory for features written to disk (Base, SHiFT); default a fresh temp directory, removed after (work-dir.ts).
   */
  readonly workDir?: string;
  readonly logger?: Logger;
  readonly onProgress?: ProgressListener;
  /**
   * A persistent feature store (off by default; the paper's experiments never use one): outputs stored by earlier
   * searches are read instead of computed, and everything computed is stored. The caller opens and closes it.
   */
  readonly featureStore?: FeatureStore;
}

/**
 * Runs one model search: plans each successive-halving iteration over the alive models, executes it with the one
 * executor, ranks by proxy score and keeps the better half. Base is one iteration over all data with no pruning.
 */
export async function search(options: SearchOptions): Promise<SearchResult> {
  const def = strategyDef(options.strategy);
  const improvements = resolveImprovements(options.strategy, options.improvements);
  const logger = options.logger ?? silentLogger;
  const meter = new Meter('planning');
  const batchSize = options.batchSize ?? SEARCH_DEFAULTS.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new InvalidArgumentError(`--batch-size must be a positive integer, got ${batchSize}.`);
  const budget = options.cacheBudgetBytes ?? SEARCH_DEFAULTS.cacheBudgetBytes;
  const ids = options.models ?? options.store.listModels().map((m) => m.id);
  if (ids.length === 0) throw new InvalidArgumentError(`The store ${options.store.dir} has no models to search.`);
  // The decode workers take a quarter of a second to start (measured on the 2-core machine: 280 ms before the first
  // batch of a cold pool, against 18 ms for 8 items of a warm one); started now, they start while the search checks
  // its inputs, plans and prepares its first unit, instead of while the first unit waits for its batch.
  options.dataset.warmUp?.();
  await checkSearchInputs(options.store, ids, options.dataset);
  const { models: candidates, outputs, flops } = await planModels(options.store, ids);
  const readsBefore = options.store.readStats();
  const fs = options.featureStore;
  const countersBefore = fs?.counters();
  const { dataset, engine } = options;
  const linkInput = fs && { store: fs, models: candidates, share: def.share, outputs, dataset, ep: engine.ep };
  const link = linkInput && (await meter.measure('cache', () => FeatureLink.create(linkInput)));
  // With a store, shared prefixes also keep outputs inside units where reading beats recomputing (checkpoints.ts).
  const checkpoints =
    link && def.share
      ? meter.measureSync('planning', () =>
          chooseCheckpoints(buildPrefixTree(candidates, { share: true }), checkpointCosts(flops)),
        )
      : undefined;

  const workDir = options.workDir ?? (await createWorkDir());
  const cache = new IntermediateCache({
    ramBudgetBytes: def.budgeted ? budget : Number.POSITIVE_INFINITY,
    disk: { dir: join(workDir, 'features'), budgetBytes: Number.POSITIVE_INFINITY },
    overflow: 'refuse',
  });
  const executor = new Executor(
    {
      store: options.store,
      engine,
      dataset,
      proxy: options.proxy,
      cache,
      meter,
      logger,
      onProgress: options.onProgress,
      features: link,
    },
    {
      batchSize,
      featuresOnDisk: def.featuresOnDisk,
      reusePrepared: improvements.keepPrepared,
      prefetchBlocks: improvements.prefetchBlocks,
      seed: options.seed ?? SEARCH_DEFAULTS.seed,
      deterministic: options.deterministic ?? false,
    },
  );

  const trainLength = options.dataset.train.length;
  const testLength = options.dataset.test.length;
  const chunks = iterationChunks(def, candidates.length, trainLength);
  let alive = candidates;
  let persisted: readonly PersistedFeatures[] = [];
  const boundaries = new UnitBoundaries(checkpoints, improvements.keepPrepared);
  const lastScore = new Map<ModelId, { score: number; iteration: number }>();
  const iterations: IterationReport[] = [];
  let before = meter.snapshot();
  try {
    for (const [i, trainRange] of chunks.entries()) {
      const planOnce = () =>
        meter.measureSync('planning', () =>
          planIteration({
            models: alive,
            ...strategyPlanOptions(def, improvements, budget, i, testLength),
            batchSize,
            trainRange,
            persisted,
            stored: link,
            checkpoints: boundaries.nodes,
          }),
        );
      let plan = planOnce();
      // Every stored entry the plan reads is checked first; a corrupt one is dropped, so planning again computes it.
      while (link && (await meter.measure('cache', () => link.check(plan.steps))) > 0) {
        logger.warn(`feature store ${fs!.dir}: corrupt entries deleted, to be recomputed (see corruptEntries)`);
        plan = planOnce();
      }
      boundaries.keepFrom(plan);
      const sessionsBefore = executor.sessions;
      const workBefore = executor.work;
      const scores = await executor.run(plan.steps, `iteration ${i + 1}/${chunks.length}`);
      const ranking = meter.measureSync('planning', () =>
        rankModels(new Map([...scores].map(([m, s]) => [m, s.score]))),
      );
      for (const r of ranking) lastScore.set(r.model, { score: r.score, iteration: i });
      const now = meter.snapshot();
      iterations.push({
        iteration: i,
        models: alive.length,
        trainRange,
        trainItemsSoFar: trainRange.end,
        runs: plan.runs.length,
        units: plan.tree.units.size,
        sessionsCreated: executor.sessions.created - sessionsBefore.created,
        sessionsReused: executor.sessions.reused - sessionsBefore.reused,
        requirementBytesPerItem: plan.requirementBytesPerItem,
        orderUsed: plan.orderUsed,
        measurements: subtractMeasurements(now, before),
        ranking,
        unitItemsComputed: executor.work.unitItems - workBefore.unitItems,
      });
      before = now;
      logger.info(
        `${options.strategy}: iteration ${i + 1}/${chunks.length}: ${alive.length} models, train [0, ` +
          `${trainRange.end}), ${plan.runs.length} run(s), best ${ranking[0]?.model} (` +
          `${ranking[0]?.score.toFixed(4)})`,
      );
      persisted = plan.persisted;
      if (def.successiveHalving && i < chunks.length - 1) {
        const { kept } = keepBetterHalf(ranking);
        const keep = new Set(kept);
        alive = alive.filter((m) => keep.has(m.id));
      }
    }
    if (fs) await meter.measure('cache', () => fs.flush());
  } finally {
    await executor.dispose();
    await cache.clear();
    if (!options.workDir) await rm(workDir, { recursive: true, force: true });
  }
  return {
    strategy: options.strategy,
    improvements,
    ranking: finalRanking(lastScore),
    measurements: meter.snapshot(),
    iterations,
    sessions: executor.sessions,
    storeReads: readsSince(options.store.readStats(), readsBefore),
    peakCacheBytes: cache.usage().ram.peak,
    cacheBudgetBytes: budget,
    work: executor.work,
    featureStore: fs && featureStoreReport(fs, countersBefore!),
  };
}

/**
 * The planner's view of each candidate: block ids, output bytes per item and fusion with the block before, from the
 * stored descriptors.
 */
export async function planModels(
  store: ModelStore,
  ids: readonly ModelId[],
): Promise<{ models: PlanModel[]; outputs: Map<string, readonly TensorSpec[]>; flops: Map<string, number> }> {
  const sizes = new Map<string, number>();
  const joined = new Set<string>();
  const outputs = new Map<string, readonly TensorSpec[]>();
  const flops = new Map<string, number>();
  const out: PlanModel[] = [];
  for (const id of ids) {
    const manifest = store.getModel(id);
    const blocks = [];
    for (const block of manifest.blocks) {
      let bytes = sizes.get(block);
      if (bytes === undefined) {
        const info = await store.blockInfo(block);
        bytes = info.descriptor.outputs.reduce((s, o) => s + itemBytes(o), 0);
        sizes.set(block, bytes);
        outputs.set(block, info.descriptor.outputs);
        flops.set(block, blockInfo(info.descriptor, 0, block).flops);
        if (joinsPrevious(info.descriptor)) joined.add(block);
      }
      blocks.push({ id: block, outputBytesPerItem: bytes, joinsPrevious: joined.has(block) });
    }
    out.push({ id, blocks });
  }
  return { models: out, outputs, flops };
}

export function readsSince(now: ReadStats, before: ReadStats): ReadStats {
  const minus = (a: ReadStats['fromDisk'], b: ReadStats['fromDisk']) => ({
    reads: a.reads - b.reads,
    bytes: a.bytes - b.bytes,
  });
  return {
    fromDisk: minus(now.fromDisk, before.fromDisk),
    fromPageCache: minus(now.fromPageCache, before.fromPageCache),
  };
}

/** Latest iteration first (survivors rank above models pruned earlier), then by score, then id (descending). */
export function finalRanking(last: ReadonlyMap<ModelId, { score: number; iteration: number }>): RankingEntry[] {
  return [...last]
    .map(([model, s]) => ({ model, score: s.score, iteration: s.iteration }))
    .sort(
      (a, b) => b.iteration - a.iteration || b.score - a.score || (a.model < b.model ? 1 : a.model > b.model ? -1 : 0),
    );
}
