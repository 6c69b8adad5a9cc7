/**
 * Fig 14: Base vs SHiFT vs Alsatian per Hugging Face family (ViT-B-16 in21k, DETR-50, DETR-101, DINOv2-L,
 * M-ResNet-152), each family searched on its own. Stand-in families by default; the real downloaded checkpoints
 * with --hf-dir DIR (DIR/<family>/<model folder>/).
 */
import {
  defineExperiment,
  hfProvenance,
  hfReductions,
  ensureFamilyStore,
  ensureImportedStore,
  inputSide,
  SEARCH_COLUMNS,
  searchStore,
  storesDirFor,
  strategyOf,
} from '@alsatian/exp-shared';
import { fig14Charts } from './charts.ts';
import { fig14Report } from './report.ts';
import { fig14Grid, FIG14_SCALES } from './scales.ts';
import type { Fig14Cell, Fig14Settings } from './scales.ts';

export default defineExperiment<Fig14Cell, Fig14Settings>({
  name: 'fig14-hf-families',
  figure: 'fig14',
  title: 'Fig 14: Hugging Face models, per family',
  description:
    'Model search per Hugging Face family (ViT-B-16, DETR-50, DETR-101, DINOv2-L, M-ResNet-152), 2000 and 8000 items.',
  columns: [...SEARCH_COLUMNS, 'storeUniqueBytes'],
  scales: FIG14_SCALES,
  inputs: {
    'hf-dir':
      'DIR/<family>/ holding downloaded Hugging Face model folders (families: vit-b-16, detr-50, detr-101, ' +
      'dinov2-l, m-res-152)',
  },
  grid: fig14Grid,
  reductions: hfReductions,
  provenance: (_s, inputs) => hfProvenance(inputs),
  async runCell(cell, ctx) {
    const storesDir = storesDirFor(ctx.runDir);
    const store =
      cell.hfDir === ''
        ? await ensureFamilyStore(
            storesDir,
            [{ key: cell.family, architecture: cell.architecture, count: cell.setSize }],
            ctx.seed,
            ctx.logger,
          )
        : await ensureImportedStore(storesDir, cell.hfDir, [cell.family], ctx.logger);
    const side = inputSide(cell.architecture);
    const { rows } = await searchStore({
      storeDir: store.dir,
      models: store.models[cell.family],
      strategy: strategyOf(cell.strategy),
      dataset: `synthetic:classes=10,train=${cell.train},test=${cell.test},size=${side},seed=1`,
      imageSize: side,
      batchSize: ctx.settings.batchSize,
      seed: ctx.seed,
      ep: ctx.ep,
      logger: ctx.logger,
    });
    return rows.map((row) => ({ ...row, storeUniqueBytes: store.uniqueBytes }));
  },
  charts: fig14Charts,
  report: fig14Report,
});
