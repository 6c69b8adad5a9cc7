/**
 * Fig 17: Base vs SHiFT vs Alsatian over 35 synthetic BERT-base snapshots (chained, three distributions) on IMDB
 * (a synthetic review corpus by default; the real aclImdb with --imdb DIR [--vocab FILE]). The proxy reads the
 * CLS token of the last hidden state: bert_base's feature blocks end with the CLS-token block.
 */
import {
  defineExperiment,
  SEARCH_COLUMNS,
  storesDirFor,
  STRATEGY_ORDER,
  strategyOf,
  syntheticSearchProvenance,
} from '@alsatian/exp-shared';
import type { SnapshotSetRequest } from '@alsatian/exp-shared';
import type { DistributionName } from '@alsatian/store';
import { fig17Charts } from './charts.ts';
import { fig17Report } from './report.ts';
import { DISTRIBUTIONS, FIG17_SCALES, tokensOf } from './scales.ts';
import type { Fig17Cell, Fig17Settings } from './scales.ts';
import { searchText } from './text-search.ts';

export const SYNTHETIC_TEXT = 'synthetic-text';

export default defineExperiment<Fig17Cell, Fig17Settings>({
  name: 'fig17-bert',
  figure: 'fig17',
  title: 'Fig 17: BERT on IMDB',
  description: 'Model search over 35 synthetic BERT-base snapshots on IMDB, 2000 items, three distributions.',
  columns: SEARCH_COLUMNS,
  scales: FIG17_SCALES,
  inputs: {
    imdb: 'an aclImdb folder (train/{neg,pos}, test/{neg,pos}) instead of the synthetic review corpus',
    vocab: 'WordPiece vocab.txt for --imdb (default: DIR/vocab.txt if present, else the embedded one)',
  },
  grid: (s, { inputs }) =>
    DISTRIBUTIONS.flatMap((distribution) =>
      STRATEGY_ORDER.map((strategy) => ({
        architecture: s.architecture,
        distribution,
        strategy,
        setSize: s.models,
        train: s.train,
        test: s.test,
        dataset: inputs.imdb || SYNTHETIC_TEXT,
        vocab: inputs.vocab,
      })),
    ),
  provenance: (s, inputs) => ({
    models: syntheticSearchProvenance('chained').models,
    dataset:
      inputs.imdb === ''
        ? { kind: 'synthetic', what: `a seeded synthetic review corpus, 2 classes, ${tokensOf(s.architecture)} tokens` }
        : { kind: 'real', what: `IMDB reviews from ${inputs.imdb}, ${tokensOf(s.architecture)} tokens` },
  }),
  async runCell(cell, ctx) {
    const set: SnapshotSetRequest = {
      architecture: cell.architecture,
      count: cell.setSize,
      distribution: cell.distribution as DistributionName,
      structure: 'chained',
      seed: ctx.seed,
    };
    const source =
      cell.dataset === SYNTHETIC_TEXT
        ? `synthetic-text:classes=2,train=${cell.train},test=${cell.test},length=${tokensOf(cell.architecture)},seed=1`
        : cell.dataset;
    return searchText({
      set,
      strategy: strategyOf(cell.strategy),
      storesDir: storesDirFor(ctx.runDir),
      source,
      vocabFile: cell.vocab || undefined,
      train: cell.train,
      test: cell.test,
      batchSize: ctx.settings.batchSize,
      seed: ctx.seed,
      ep: ctx.ep,
      logger: ctx.logger,
    });
  },
  charts: fig17Charts,
  report: fig17Report,
});
