/**
 * Fig 13: Base vs SHiFT vs Alsatian over the paper's M_train shape: 36 models per architecture, each fine-tuned
 * directly from the base with the last Top-25 % of blocks retrained, 2000 items. Real fine-tuned checkpoints are
 * searched when the cell names a checkpoint folder; otherwise a synthetic stand-in of the same structure.
 */
import { defineExperiment } from '@alsatian/bench';
import { APPROACH_OF, runSearchCell, SEARCH_COLUMNS, searchStore, storesDirFor, STRATEGY_OF } from '@alsatian/exp-shared';
import { ensureCheckpointStore } from './checkpoints.ts';
import { SETTINGS } from './settings.ts';

export interface Fig13Cell extends Record<string, string | number> {
  readonly approach: string;
  readonly architecture: string;
  readonly distribution: string;
  /** Models searched, the base included (36 as the paper; with checkpoints, as many as the folder holds). */
  readonly setSize: number;
  readonly train: number;
  readonly test: number;
  /** 0 = the architecture's own (224). */
  readonly imageSize: number;
  /** '' = synthetic stand-in; else the checkpoint root (DIR/<architecture>/...). */
  readonly checkpoints: string;
}

export default defineExperiment<Fig13Cell>({
  name: 'fig13-trained',
  figure: 'fig13',
  description: 'Model search over 36 models fine-tuned from one base per architecture (Top 25 %), 2000 items.',
  moduleUrl: import.meta.url,
  columns: SEARCH_COLUMNS,
  grid(scale) {
    const s = SETTINGS[scale];
    return s.architectures.flatMap((architecture) =>
      Object.values(APPROACH_OF).map((approach) => ({ approach, architecture, distribution: 'top-25', setSize: s.setSize, train: s.train, test: s.test, imageSize: s.imageSize, checkpoints: '' })),
    );
  },
  repetitions: () => 1,
  reductions: (scale) => SETTINGS[scale].reductions,
  config: (scale) => ({ ...SETTINGS[scale], structure: 'from-base' }),
  async runCell(cell, ctx) {
    const strategy = STRATEGY_OF[cell.approach];
    const batchSize = SETTINGS[ctx.scale].batchSize;
    const storesDir = storesDirFor(ctx.runDir);
    if (cell.checkpoints !== '') {
      const store = await ensureCheckpointStore(storesDir, cell.checkpoints, cell.architecture, ctx.logger);
      const size = cell.imageSize > 0 ? cell.imageSize : 224;
      const dataset = `synthetic:classes=10,train=${cell.train},test=${cell.test},size=${size},seed=1`;
      const { rows } = await searchStore({ storeDir: store.dir, models: store.models, strategy, dataset, imageSize: size, batchSize, seed: ctx.seed, logger: ctx.logger });
      return rows;
    }
    const { rows } = await runSearchCell({
      set: { architecture: cell.architecture, imageSize: cell.imageSize > 0 ? cell.imageSize : undefined, count: cell.setSize, distribution: 'top-25', structure: 'from-base', seed: ctx.seed },
      dataset: { kind: 'synthetic', train: cell.train, test: cell.test },
      strategy,
      storesDir,
      batchSize,
      seed: ctx.seed,
      logger: ctx.logger,
    });
    return rows;
  },
});
