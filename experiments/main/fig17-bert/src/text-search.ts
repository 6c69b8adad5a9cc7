import type { ExecutionProvider, Logger } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { ensureSnapshotStore, PAPER_STORE_READ_BYTES_PER_SEC, searchRows } from '@alsatian/exp-shared';
import type { SearchRow, SnapshotSetRequest } from '@alsatian/exp-shared';
import { architecture } from '@alsatian/models';
import { createProxy } from '@alsatian/proxies';
import { openStore } from '@alsatian/store';
import { search } from '@alsatian/strategies';
import type { StrategyName } from '@alsatian/strategies';
import { clampVocabulary } from './clamp-vocab.ts';
import { limitSplits } from './limit-splits.ts';

export interface TextSearchOptions {
  readonly set: SnapshotSetRequest;
  readonly strategy: StrategyName;
  readonly storesDir: string;
  /** A `synthetic-text:` spec, or an aclImdb root (train/{neg,pos}, test/{neg,pos}). */
  readonly source: string;
  readonly vocabFile?: string;
  /** The first `train` / `test` items (seeded order) of each split are used. */
  readonly train: number;
  readonly test: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly ep: ExecutionProvider;
  readonly logger: Logger;
}

/**
 * runSearchCell for text: the shared helper passes no vocabulary file, cannot cut the two splits to different
 * sizes and cannot map token ids beyond a small model's vocabulary, so this opens the corpus itself; store,
 * engine, proxy and rows are as in runSearchCell.
 */
export async function searchText(options: TextSearchOptions): Promise<SearchRow[]> {
  const info = await ensureSnapshotStore(options.storesDir, options.set, options.logger);
  const store = await openStore(info.dir, {
    readLimitBytesPerSec: PAPER_STORE_READ_BYTES_PER_SEC,
    logger: options.logger,
  });
  const def = architecture(options.set.architecture);
  const vocab = Number(def.features[0].attrs.vocab);
  const opened = await openDataset(options.source, {
    vocabFile: options.vocabFile,
    maxLength: def.inputs[0].shape[0],
    seed: options.seed,
    logger: options.logger,
  });
  const dataset = clampVocabulary(limitSplits(opened, options.train, options.test), vocab);
  try {
    const engine = await createEngine({ ep: options.ep, logger: options.logger });
    try {
      const result = await search({
        store,
        models: info.models,
        dataset,
        strategy: options.strategy,
        engine,
        proxy: createProxy('linear'),
        batchSize: options.batchSize,
        seed: options.seed,
        deterministic: true,
        logger: options.logger,
      });
      return searchRows(result, info);
    } finally {
      await engine.dispose();
    }
  } finally {
    await dataset.close();
  }
}
