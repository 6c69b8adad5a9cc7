/**
 * side/proxies-compared (ours, not in the reference): the three proxies (linear probe, kNN, LogME) on the same
 * search: same snapshot store, same dataset, the Alsatian strategy (successive halving) and Base (every model on
 * all data, the full ranking). Each (proxy, approach) is one cell; rows are the shared search rows.
 */
import { defineExperiment } from '@alsatian/bench';
import type { Scale } from '@alsatian/bench';
import { APPROACH_OF, runSearchCell, SEARCH_COLUMNS, storesDirFor, STRATEGY_OF } from '@alsatian/exp-shared';
import type { DistributionName } from '@alsatian/store';

export const PROXIES = ['linear', 'knn', 'logme'] as const;
export const APPROACHES = [APPROACH_OF.baseline, APPROACH_OF.alsatian] as const;

export interface ProxyCell extends Record<string, string | number> {
  readonly proxy: string;
  readonly approach: string;
  readonly architecture: string;
  readonly imageSize: number;
  /** Snapshots in the set ('models' is a measured column of the search rows). */
  readonly snapshots: number;
  readonly distribution: string;
  readonly train: number;
  readonly test: number;
}

interface ScaleConfig {
  readonly architecture: string;
  readonly imageSize: number;
  readonly models: number;
  readonly distribution: DistributionName;
  readonly train: number;
  readonly test: number;
  readonly batchSize: number;
  readonly repetitions: number;
}

export const SCALE_CONFIG: Readonly<Record<Scale, ScaleConfig>> = {
  quick: { architecture: 'resnet18', imageSize: 64, models: 6, distribution: 'top-layers', train: 192, test: 48, batchSize: 32, repetitions: 1 },
  small: { architecture: 'resnet18', imageSize: 112, models: 35, distribution: 'top-25', train: 1600, test: 400, batchSize: 64, repetitions: 1 },
  paper: { architecture: 'resnet152', imageSize: 224, models: 35, distribution: 'top-25', train: 1600, test: 400, batchSize: 128, repetitions: 3 },
};

export default defineExperiment<ProxyCell>({
  name: 'proxies-compared',
  figure: 'side-proxies',
  description: 'Linear probe vs kNN vs LogME on the same store and dataset: time per proxy (Alsatian and Base) and agreement of their winners and rankings.',
  moduleUrl: import.meta.url,
  columns: [...SEARCH_COLUMNS],
  grid(scale) {
    const c = SCALE_CONFIG[scale];
    return PROXIES.flatMap((proxy) =>
      APPROACHES.map((approach) => ({ proxy, approach, architecture: c.architecture, imageSize: c.imageSize, snapshots: c.models, distribution: c.distribution, train: c.train, test: c.test })),
    );
  },
  repetitions: (scale) => SCALE_CONFIG[scale].repetitions,
  reductions(scale) {
    const c = SCALE_CONFIG[scale];
    if (scale === 'paper') return [];
    return [`${c.models} ${c.architecture} snapshots at ${c.imageSize} px, ${c.distribution}`, `synthetic data: ${c.train} train / ${c.test} test items`];
  },
  config: (scale) => ({ ...SCALE_CONFIG[scale] }),
  async runCell(cell, ctx) {
    const c = SCALE_CONFIG[ctx.scale];
    const { rows } = await runSearchCell({
      set: { architecture: cell.architecture, imageSize: cell.imageSize, count: cell.snapshots, distribution: c.distribution, structure: 'chained', seed: ctx.seed },
      dataset: { kind: 'synthetic', train: cell.train, test: cell.test },
      strategy: STRATEGY_OF[cell.approach],
      storesDir: storesDirFor(ctx.runDir),
      proxy: cell.proxy,
      batchSize: c.batchSize,
      seed: ctx.seed,
      logger: ctx.logger,
    });
    return rows;
  },
});
