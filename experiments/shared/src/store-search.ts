import type { ExecutionProvider, Logger } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import { search } from '@alsatian/strategies';
import type { SearchResult, StrategyName } from '@alsatian/strategies';
import { openSearchStore } from './search-cell.ts';
import { searchRows } from './search-rows.ts';
import type { SearchRow } from './search-rows.ts';

export interface StoreSearchOptions {
  /** An existing store (imported checkpoints) and the models to search in it. */
  readonly storeDir: string;
  readonly models: readonly string[];
  readonly strategy: StrategyName;
  /** A `synthetic:` spec or an image folder. */
  readonly dataset: string;
  readonly imageSize: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly blockCacheBytes?: number;
  readonly ep: ExecutionProvider;
  readonly logger: Logger;
}

/**
 * runSearchCell over a store this package built (runSearchCell only searches the synthetic sets it generates
 * itself): the store read at the paper's 200 MB/s, a fresh dataset, engine and linear proxy, the shared tidy rows.
 */
export async function searchStore(options: StoreSearchOptions): Promise<{ result: SearchResult; rows: SearchRow[] }> {
  const store = await openSearchStore(options.storeDir, { logger: options.logger });
  const dataset = await openDataset(options.dataset, {
    imageSize: options.imageSize,
    seed: options.seed,
    logger: options.logger,
  });
  try {
    const engine = await createEngine({
      ep: options.ep,
      logger: options.logger,
      preparation: { compiledKeepBytes: options.blockCacheBytes },
    });
    try {
      const result = await search({
        store,
        models: options.models,
        dataset,
        strategy: options.strategy,
        engine,
        proxy: createProxy('linear'),
        batchSize: options.batchSize,
        seed: options.seed,
        deterministic: true,
        logger: options.logger,
      });
      return { result, rows: searchRows(result, { reused: true }) };
    } finally {
      await engine.dispose();
    }
  } finally {
    await dataset.close();
  }
}
