/**
 * Fig 13: Base vs SHiFT vs Alsatian over the paper's M_train shape: 36 models per architecture, each fine-tuned
 * directly from the base with the last Top-25 % of blocks retrained, 2000 items. Real fine-tuned checkpoints are
 * searched with `--checkpoints DIR`; otherwise a synthetic stand-in of the same structure.
 */
import {
  defineExperiment,
  runSearchCell,
  SEARCH_COLUMNS,
  searchStore,
  storesDirFor,
  strategyOf,
  syntheticSearchProvenance,
} from '@alsatian/exp-shared';
import { fig13Charts } from './charts.ts';
import { ensureCheckpointStore } from './checkpoints.ts';
import { fig13Report } from './report.ts';
import { fig13Grid, fig13Reductions, FIG13_SCALES } from './scales.ts';

export default defineExperiment({
  name: 'fig13-trained',
  figure: 'fig13',
  title: 'Fig 13: trained models (M_train)',
  description: 'Model search over 36 models fine-tuned from one base per architecture (Top 25 %), 2000 items.',
  columns: SEARCH_COLUMNS,
  scales: FIG13_SCALES,
  inputs: {
    checkpoints:
      'DIR/<architecture>/ holding fine-tuned torchvision state dicts (*.safetensors) or Hugging Face folders',
  },
  grid: fig13Grid,
  reductions: fig13Reductions,
  provenance: (_s, inputs) => {
    const synthetic = syntheticSearchProvenance('from-base');
    return inputs.checkpoints === ''
      ? synthetic
      : {
          models: { kind: 'real', what: `fine-tuned checkpoints imported from ${inputs.checkpoints}` },
          dataset: synthetic.dataset,
        };
  },
  async runCell(cell, ctx) {
    const strategy = strategyOf(cell.strategy);
    const batchSize = ctx.settings.batchSize;
    const storesDir = storesDirFor(ctx.runDir);
    if (cell.checkpoints !== '') {
      const store = await ensureCheckpointStore(storesDir, cell.checkpoints, cell.architecture, ctx.logger);
      const size = cell.imageSize > 0 ? cell.imageSize : 224;
      const dataset = `synthetic:classes=10,train=${cell.train},test=${cell.test},size=${size},seed=1`;
      const { rows } = await searchStore({
        storeDir: store.dir,
        models: store.models,
        strategy,
        dataset,
        imageSize: size,
        batchSize,
        seed: ctx.seed,
        ep: ctx.ep,
        logger: ctx.logger,
      });
      return rows;
    }
    const { rows } = await runSearchCell({
      set: {
        architecture: cell.architecture,
        imageSize: cell.imageSize > 0 ? cell.imageSize : undefined,
        count: cell.setSize,
        distribution: 'top-25',
        structure: 'from-base',
        seed: ctx.seed,
      },
      dataset: { kind: 'synthetic', train: cell.train, test: cell.test },
      strategy,
      storesDir,
      batchSize,
      seed: ctx.seed,
      ep: ctx.ep,
      logger: ctx.logger,
    });
    return rows;
  },
  charts: fig13Charts,
  report: fig13Report,
});
