import type { Logger } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { ensureSnapshotStore, PAPER_STORE_READ_BYTES_PER_SEC, searchRows } from '@alsatian/exp-shared';
import type { SearchRow, SnapshotSetRequest } from '@alsatian/exp-shared';
import { createProxy } from '@alsatian/proxies';
import { openStore } from '@alsatian/store';
import { search } from '@alsatian/strategies';
import type { StrategyName } from '@alsatian/strategies';
import { limitSplits } from './limit-splits.ts';

export interface ImdbSearchOptions {
  readonly set: SnapshotSetRequest;
  readonly strategy: StrategyName;
  readonly storesDir: string;
  /** aclImdb root (train/{neg,pos}, test/{neg,pos}); its first `train` / `test` items (seeded order) are used. */
  readonly dir: string;
  readonly vocabFile?: string;
  readonly train: number;
  readonly test: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly logger: Logger;
}

/**
 * runSearchCell for a real text folder: the shared helper passes no vocabulary file and cannot cut the two splits
 * to different sizes, so this opens the corpus itself; store, engine, proxy and rows are as in runSearchCell.
 */
export async function searchImdb(options: ImdbSearchOptions): Promise<SearchRow[]> {
  const info = await ensureSnapshotStore(options.storesDir, options.set, options.logger);
  const store = await openStore(info.dir, { readLimitBytesPerSec: PAPER_STORE_READ_BYTES_PER_SEC, logger: options.logger });
  const opened = await openDataset(options.dir, { vocabFile: options.vocabFile, seed: options.seed, logger: options.logger });
  const dataset = limitSplits(opened, options.train, options.test);
  try {
    const engine = await createEngine({ logger: options.logger });
    try {
      const result = await search({ store, models: info.models, dataset, strategy: options.strategy, engine, proxy: createProxy('linear'), batchSize: options.batchSize, seed: options.seed, deterministic: true, logger: options.logger });
      return searchRows(result, info);
    } finally {
      await engine.dispose();
    }
  } finally {
    await dataset.close();
  }
}
