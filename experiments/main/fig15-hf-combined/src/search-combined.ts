import type { ExecutionProvider, Logger } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';
import { inputSide, searchStore } from '@alsatian/exp-shared';
import type { FamilyStore, SearchRow } from '@alsatian/exp-shared';
import { openStore } from '@alsatian/store';
import type { StrategyName } from '@alsatian/strategies';

export interface CombinedSearchOptions {
  readonly store: FamilyStore;
  readonly strategy: StrategyName;
  readonly train: number;
  readonly test: number;
  readonly batchSize: number;
  readonly blockCacheBytes: number;
  readonly seed: number;
  readonly ep: ExecutionProvider;
  readonly logger: Logger;
}

/** One search over every family's models in the combined store; all families must take the same image side. */
export async function searchCombined(options: CombinedSearchOptions): Promise<SearchRow[]> {
  const models = Object.values(options.store.models).flat();
  const store = await openStore(options.store.dir);
  const sides = new Set(models.map((id) => inputSide(store.getModel(id).architecture)));
  if (sides.size !== 1)
    throw new InvalidArgumentError(
      `The combined families take different image sizes (${[...sides].join(', ')}); one search needs one dataset size.`,
    );
  const [side] = sides;
  const { rows } = await searchStore({
    storeDir: options.store.dir,
    models,
    strategy: options.strategy,
    dataset: `synthetic:classes=10,train=${options.train},test=${options.test},size=${side},seed=1`,
    imageSize: side,
    batchSize: options.batchSize,
    blockCacheBytes: options.blockCacheBytes,
    seed: options.seed,
    ep: options.ep,
    logger: options.logger,
  });
  return rows;
}
