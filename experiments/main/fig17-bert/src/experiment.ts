/**
 * Fig 17: Base vs SHiFT vs Alsatian over 35 synthetic BERT-base snapshots (chained, three distributions) on IMDB
 * (a synthetic review corpus by default; the real aclImdb when the cell names a directory). The proxy reads the
 * CLS token of the last hidden state: bert_base's feature blocks end with the CLS-token block.
 */
import { defineExperiment } from '@alsatian/bench';
import { APPROACH_OF, SEARCH_COLUMNS, storesDirFor } from '@alsatian/exp-shared';
import type { SnapshotSetRequest } from '@alsatian/exp-shared';
import type { StrategyName } from '@alsatian/strategies';
import type { DistributionName } from '@alsatian/store';
import { searchText } from './text-search.ts';
import { DISTRIBUTIONS, reductions, SETTINGS, tokensOf } from './settings.ts';

export interface Fig17Cell extends Record<string, string | number> {
  readonly architecture: string;
  readonly distribution: string;
  readonly approach: string;
  /** Snapshots in the set, the base included. */
  readonly setSize: number;
  readonly train: number;
  readonly test: number;
  /** 'synthetic-text', or the IMDB directory (aclImdb layout: train/{neg,pos}, test/{neg,pos}). */
  readonly dataset: string;
  /** WordPiece vocab.txt for a real corpus ('' = DIR/vocab.txt if present, else the embedded one). */
  readonly vocab: string;
}

export const SYNTHETIC_TEXT = 'synthetic-text';
const STRATEGIES: readonly StrategyName[] = ['baseline', 'shift', 'alsatian'];

export default defineExperiment<Fig17Cell>({
  name: 'fig17-bert',
  figure: 'fig17',
  description: 'Model search over 35 synthetic BERT-base snapshots on IMDB, 2000 items, three distributions.',
  moduleUrl: import.meta.url,
  columns: SEARCH_COLUMNS,
  grid(scale) {
    const s = SETTINGS[scale];
    return DISTRIBUTIONS.flatMap((distribution) =>
      STRATEGIES.map((strategy) => ({ architecture: s.architecture, distribution, approach: APPROACH_OF[strategy], setSize: s.models, train: s.train, test: s.test, dataset: SYNTHETIC_TEXT, vocab: '' })),
    );
  },
  repetitions: () => 1,
  reductions,
  config: (scale) => ({ ...SETTINGS[scale], distributions: [...DISTRIBUTIONS] }),
  async runCell(cell, ctx) {
    const strategy = STRATEGIES.find((s) => APPROACH_OF[s] === cell.approach)!;
    const set: SnapshotSetRequest = { architecture: cell.architecture, count: cell.setSize, distribution: cell.distribution as DistributionName, structure: 'chained', seed: ctx.seed };
    const batchSize = SETTINGS[ctx.scale].batchSize;
    const storesDir = storesDirFor(ctx.runDir);
    const source = cell.dataset === SYNTHETIC_TEXT ? `synthetic-text:classes=2,train=${cell.train},test=${cell.test},length=${tokensOf(cell.architecture)},seed=1` : cell.dataset;
    return searchText({ set, strategy, storesDir, source, vocabFile: cell.vocab || undefined, train: cell.train, test: cell.test, batchSize, seed: ctx.seed, logger: ctx.logger });
  },
});

