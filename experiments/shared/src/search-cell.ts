import { join } from 'node:path';
import { InvalidArgumentError, silentLogger } from '@alsatian/core';
import type { ExecutionProvider, Logger, ProgressListener } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine, type PreparationSettings } from '@alsatian/engine';
import { architectureAt } from '@alsatian/models';
import { createProxy } from '@alsatian/proxies';
import { openStore, type ModelStore } from '@alsatian/store';
import { search } from '@alsatian/strategies';
import type { Improvements, SearchResult, StrategyName } from '@alsatian/strategies';
import { searchRows } from './search-rows.ts';
import type { SearchRow } from './search-rows.ts';
import { ensureSnapshotStore } from './snapshot-stores.ts';
import type { SnapshotSetRequest, SnapshotStoreInfo } from './snapshot-stores.ts';

/** The target dataset of a cell: generated in memory from a seed, or a directory the user prepared. */
export type DatasetRequest =
  | {
      readonly kind: 'synthetic';
      readonly train: number;
      readonly test: number;
      readonly classes?: number;
      readonly seed?: number;
    }
  | {
      readonly kind: 'synthetic-text';
      readonly train: number;
      readonly test: number;
      readonly classes?: number;
      readonly length?: number;
      readonly seed?: number;
    }
  | { readonly kind: 'directory'; readonly path: string; readonly perClass?: number };

/** The paper's throttled model store: 200 MB/s (reference section 1.3). */
export const PAPER_STORE_READ_BYTES_PER_SEC = 200e6;

/**
 * A store as the paper's harness reads it: first reads of a block file at `readBytesPerSec` (0 = unthrottled),
 * re-reads from a modelled page cache of `pageCacheBytes` (default unbounded; Fig 16 bounds it by its memory
 * level), every file's hash checked at its first read by this handle (no signatures kept from earlier searches,
 * so no strategy reads files another one's run verified). A fresh handle per measured search: its page cache
 * starts empty, as the paper dropped the OS page cache before each run.
 */
export function openSearchStore(
  dir: string,
  options: { readBytesPerSec?: number; pageCacheBytes?: number; logger?: Logger } = {},
): Promise<ModelStore> {
  const readLimit = options.readBytesPerSec ?? PAPER_STORE_READ_BYTES_PER_SEC;
  if (!(readLimit >= 0))
    throw new InvalidArgumentError(`storeReadBytesPerSec must be >= 0 (0 = unlimited), got ${readLimit}.`);
  return openStore(dir, {
    readLimitBytesPerSec: readLimit === 0 ? undefined : readLimit,
    pageCacheBytes: options.pageCacheBytes,
    verifyReads: 'once',
    keepVerified: false,
    logger: options.logger,
  });
}

export interface SearchCellOptions {
  readonly set: SnapshotSetRequest;
  readonly dataset: DatasetRequest;
  readonly strategy: StrategyName;
  /** Where shared snapshot stores live (storesDirFor(ctx.runDir)). */
  readonly storesDir: string;
  /** Alsatian's intermediate-cache budget (bytes); default the search's (2 GiB). */
  readonly cacheBudgetBytes?: number;
  /** Compiled units kept for reuse (bytes; the engine's compiledKeepBytes); default the engine's. */
  readonly blockCacheBytes?: number;
  /** Store read limit in bytes/s (default 200 MB/s as the paper); 0 = unlimited. */
  readonly storeReadBytesPerSec?: number;
  /** The modelled page cache in front of the throttled store (default unbounded). */
  readonly pageCacheBytes?: number;
  /** Our improvements switched on or off (default: the strategy's). */
  readonly improvements?: Partial<Improvements>;
  /** How the engine prepares units (default: the engine's). */
  readonly preparation?: Partial<PreparationSettings>;
  readonly batchSize?: number;
  readonly proxy?: string;
  readonly seed?: number;
  /** Decode worker threads of the dataset (default: the data lib's, one per core). */
  readonly dataWorkers?: number;
  /** Intra-op threads of the engine (default: every core). */
  readonly threads?: number;
  /** The engine's execution provider (the run's --ep, ctx.ep). */
  readonly ep: ExecutionProvider;
  /** Scratch folder for features on disk (Base, SHiFT); default a temp folder removed after. */
  readonly workDir?: string;
  readonly logger?: Logger;
  readonly onProgress?: ProgressListener;
}

export interface SearchCellResult {
  readonly result: SearchResult;
  /** Tidy rows: one per (iteration, category), one per search-wide category, and a total row. */
  readonly rows: readonly SearchRow[];
  readonly store: SnapshotStoreInfo;
}

/**
 * One measured search of the paper's harness: the (shared, reused) synthetic snapshot store for the set, a fresh
 * dataset, engine and proxy, and `search`. Generating the store is outside the measured time, as in the paper.
 */
export async function runSearchCell(options: SearchCellOptions): Promise<SearchCellResult> {
  const logger = options.logger ?? silentLogger;
  const storeInfo = await ensureSnapshotStore(options.storesDir, options.set, logger);
  const store = await openSearchStore(storeInfo.dir, {
    readBytesPerSec: options.storeReadBytesPerSec,
    pageCacheBytes: options.pageCacheBytes,
    logger,
  });
  const dataset = await openDataset(datasetSpec(options), {
    imageSize: imageSideOf(options.set),
    workers: options.dataWorkers,
    seed: options.seed,
    perClass: options.dataset.kind === 'directory' ? options.dataset.perClass : undefined,
    logger,
  });
  try {
    const engine = await createEngine({
      ep: options.ep,
      threads: options.threads,
      logger,
      preparation: { compiledKeepBytes: options.blockCacheBytes, ...options.preparation },
    });
    try {
      const result = await search({
        store,
        models: storeInfo.models,
        dataset,
        strategy: options.strategy,
        improvements: options.improvements,
        engine,
        proxy: createProxy(options.proxy ?? 'linear'),
        cacheBudgetBytes: options.cacheBudgetBytes,
        batchSize: options.batchSize,
        seed: options.seed,
        deterministic: true,
        workDir: options.workDir === undefined ? undefined : join(options.workDir, options.strategy),
        logger,
        onProgress: options.onProgress,
      });
      return { result, rows: searchRows(result, storeInfo), store: storeInfo };
    } finally {
      await engine.dispose();
    }
  } finally {
    await dataset.close();
  }
}

/** The models' input side: the set's image size, else the architecture's own; undefined for text models. */
function imageSideOf(set: SnapshotSetRequest): number | undefined {
  const [input] = architectureAt(set.architecture, set.imageSize).inputs;
  return input.shape.length === 3 ? input.shape[2] : undefined;
}

function datasetSpec(options: SearchCellOptions): string {
  const d = options.dataset;
  if (d.kind === 'directory') return d.path;
  if (d.kind === 'synthetic-text') {
    const [input] = architectureAt(options.set.architecture).inputs;
    return (
      `synthetic-text:classes=${d.classes ?? 2},train=${d.train},test=${d.test},length=` +
      `${d.length ?? input.shape[0]},seed=${d.seed ?? 1}`
    );
  }
  const size = imageSideOf(options.set);
  if (size === undefined)
    throw new InvalidArgumentError(
      `Architecture '${options.set.architecture}' takes text; use a 'synthetic-text' dataset.`,
    );
  return `synthetic:classes=${d.classes ?? 10},train=${d.train},test=${d.test},size=${size},seed=${d.seed ?? 1}`;
}
