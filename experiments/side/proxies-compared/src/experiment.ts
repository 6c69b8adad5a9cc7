/**
 * side/proxies-compared (ours, not in the reference): the three proxies (linear probe, kNN, LogME) on the same
 * search: same snapshot store, same dataset, the Alsatian strategy (successive halving) and Base (every model on
 * all data, the full ranking). Each (proxy, strategy) is one cell; rows are the shared search rows.
 */
import type { Scales } from '@alsatian/bench';
import {
  defineExperiment,
  runSearchCell,
  SEARCH_COLUMNS,
  storesDirFor,
  strategyOf,
  syntheticSearchProvenance,
} from '@alsatian/exp-shared';
import type { DistributionName } from '@alsatian/store';
import { proxyCharts } from './charts.ts';
import { proxyReport } from './report.ts';

export const PROXIES = ['linear', 'knn', 'logme'] as const;
export const STRATEGIES = ['baseline', 'alsatian'] as const;

export interface ProxyCell extends Record<string, string | number> {
  readonly proxy: string;
  readonly strategy: string;
  readonly architecture: string;
  readonly imageSize: number;
  /** Snapshots in the set ('models' is a measured column of the search rows). */
  readonly snapshots: number;
  readonly distribution: string;
  readonly train: number;
  readonly test: number;
}

export interface ProxySettings {
  readonly architecture: string;
  readonly imageSize: number;
  readonly models: number;
  readonly distribution: DistributionName;
  readonly train: number;
  readonly test: number;
  readonly batchSize: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

const reduced = (s: Omit<ProxySettings, 'reductions'>): ProxySettings => ({
  ...s,
  reductions: [
    `${s.models} ${s.architecture} snapshots at ${s.imageSize} px, ${s.distribution}`,
    `${s.train} train / ${s.test} test items`,
  ],
});

export const PROXY_SCALES: Scales<ProxySettings> = {
  quick: reduced({
    architecture: 'resnet18',
    imageSize: 64,
    models: 6,
    distribution: 'top-layers',
    train: 192,
    test: 48,
    batchSize: 32,
    repetitions: 1,
  }),
  small: reduced({
    architecture: 'resnet18',
    imageSize: 224,
    models: 35,
    distribution: 'top-25',
    train: 96,
    test: 32,
    batchSize: 32,
    repetitions: 1,
  }),
  paper: {
    architecture: 'resnet152',
    imageSize: 224,
    models: 35,
    distribution: 'top-25',
    train: 1600,
    test: 400,
    batchSize: 128,
    repetitions: 3,
    reductions: [],
  },
};

export default defineExperiment<ProxyCell, ProxySettings>({
  name: 'proxies-compared',
  figure: 'side-proxies',
  title: 'Side experiment: linear vs kNN vs LogME proxies on the same search',
  description:
    'Linear probe vs kNN vs LogME on the same store and dataset: time per proxy (Alsatian and Base) and ' +
    'agreement of their winners and rankings.',
  columns: [...SEARCH_COLUMNS],
  scales: PROXY_SCALES,
  grid: (c) =>
    PROXIES.flatMap((proxy) =>
      STRATEGIES.map((strategy) => ({
        proxy,
        strategy,
        architecture: c.architecture,
        imageSize: c.imageSize,
        snapshots: c.models,
        distribution: c.distribution,
        train: c.train,
        test: c.test,
      })),
    ),
  provenance: () => syntheticSearchProvenance('chained'),
  async runCell(cell, ctx) {
    const c = ctx.settings;
    const { rows } = await runSearchCell({
      set: {
        architecture: cell.architecture,
        imageSize: cell.imageSize,
        count: cell.snapshots,
        distribution: c.distribution,
        structure: 'chained',
        seed: ctx.seed,
      },
      dataset: { kind: 'synthetic', train: cell.train, test: cell.test },
      strategy: strategyOf(cell.strategy),
      storesDir: storesDirFor(ctx.runDir),
      proxy: cell.proxy,
      batchSize: c.batchSize,
      seed: ctx.seed,
      ep: ctx.ep,
      logger: ctx.logger,
    });
    return rows;
  },
  charts: proxyCharts,
  report: proxyReport,
});
