import type { Cell, CellContext, Row } from '@alsatian/bench';
import { InvalidArgumentError } from '@alsatian/core';
import type { PreparationSettings } from '@alsatian/engine';
import type { DistributionName } from '@alsatian/store';
import type { Improvements } from '@alsatian/strategies';
import { runSearchCell } from './search-cell.ts';
import { storesDirFor } from './snapshot-stores.ts';
import { strategyOf } from './strategies.ts';

/**
 * One cell of the paper's synthetic-snapshot searches (Fig 10, 11, 16): every field is a CSV column. Zero means
 * "the default" for imageSize (the architecture's own), cacheBudgetMB and blockCacheMB (the search's).
 */
export interface EndToEndCell extends Cell {
  /** baseline | shift | alsatian. */
  readonly strategy: string;
  readonly architecture: string;
  readonly distribution: string;
  /** train + test items (the paper's 2000 / 8000). */
  readonly items: number;
  readonly train: number;
  readonly test: number;
  /** Models in the snapshot set, the base included (the paper: 35). */
  readonly setSize: number;
  readonly imageSize: number;
  readonly cacheBudgetMB: number;
  readonly blockCacheMB: number;
}

/** A cell that bounds the modelled page cache in front of the throttled store (MB; 0 = unbounded): Fig 16. */
export interface PageCacheBound {
  readonly pageCacheMB?: number;
}

export interface EndToEndSettings {
  readonly batchSize: number;
  /** Store read limit (bytes/s); the paper's 200 MB/s unless a scale says otherwise. */
  readonly storeReadBytesPerSec?: number;
  /** Seed of the snapshot sets (one set per architecture, distribution, size and image size). */
  readonly setSeed?: number;
  /** Take the reference's own retrain draws for the set (the first distinct ones; see --paper-indices). */
  readonly paperIndices?: boolean;
  /** Our improvements switched on or off (default: the strategy's); the ablation varies them. */
  readonly improvements?: Partial<Improvements>;
  /** How the engine prepares units (default: the engine's); the ablation varies it. */
  readonly preparation?: Partial<PreparationSettings>;
}

const MB = 1e6;

/** Runs one cell's search on the shared synthetic store for its set and returns its tidy rows. */
export async function runEndToEndCell(
  cell: EndToEndCell & PageCacheBound,
  ctx: CellContext,
  settings: EndToEndSettings,
): Promise<Row[]> {
  const strategy = strategyOf(cell.strategy);
  if (cell.train + cell.test !== cell.items)
    throw new InvalidArgumentError(`Cell items ${cell.items} != train ${cell.train} + test ${cell.test}.`);
  const { rows } = await runSearchCell({
    set: {
      architecture: cell.architecture,
      imageSize: cell.imageSize > 0 ? cell.imageSize : undefined,
      count: cell.setSize,
      distribution: cell.distribution as DistributionName,
      structure: 'chained',
      seed: settings.setSeed ?? 42,
      paperIndices: settings.paperIndices,
    },
    dataset: { kind: 'synthetic', train: cell.train, test: cell.test },
    strategy,
    storesDir: storesDirFor(ctx.runDir),
    cacheBudgetBytes: cell.cacheBudgetMB > 0 ? cell.cacheBudgetMB * MB : undefined,
    blockCacheBytes: cell.blockCacheMB > 0 ? cell.blockCacheMB * MB : undefined,
    storeReadBytesPerSec: settings.storeReadBytesPerSec,
    pageCacheBytes: cell.pageCacheMB !== undefined && cell.pageCacheMB > 0 ? cell.pageCacheMB * MB : undefined,
    improvements: settings.improvements,
    preparation: settings.preparation,
    batchSize: settings.batchSize,
    seed: ctx.seed,
    ep: ctx.ep,
    logger: ctx.logger,
  });
  return [...rows];
}
