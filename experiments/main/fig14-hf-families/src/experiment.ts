/**
 * Fig 14: Base vs SHiFT vs Alsatian per Hugging Face family (ViT-B-16 in21k, DETR-50, DETR-101, DINOv2-L,
 * M-ResNet-152), each family searched on its own. Stand-in families by default; the real downloaded checkpoints
 * when the cell names an --hf-dir.
 */
import { defineExperiment } from '@alsatian/bench';
import { APPROACH_OF, ensureFamilyStore, ensureImportedStore, FIG14_FAMILIES, inputSide, scaledCount, SEARCH_COLUMNS, searchStore, storesDirFor, STRATEGY_OF, tinyArchitecture } from '@alsatian/exp-shared';
import { SETTINGS } from './settings.ts';

export interface Fig14Cell extends Record<string, string | number> {
  readonly approach: string;
  readonly family: string;
  readonly architecture: string;
  /** Models searched, the base included. */
  readonly setSize: number;
  readonly items: number;
  readonly train: number;
  readonly test: number;
  /** '' = stand-in family; else the folder holding <family>/<HF model folders>. */
  readonly hfDir: string;
}

export default defineExperiment<Fig14Cell>({
  name: 'fig14-hf-families',
  figure: 'fig14',
  description: 'Model search per Hugging Face family (ViT-B-16, DETR-50, DETR-101, DINOv2-L, M-ResNet-152), 2000 and 8000 items.',
  moduleUrl: import.meta.url,
  columns: [...SEARCH_COLUMNS, 'storeUniqueBytes'],
  grid(scale) {
    const s = SETTINGS[scale];
    return s.items.flatMap(([train, test]) =>
      FIG14_FAMILIES.flatMap((f) =>
        Object.values(APPROACH_OF).map((approach) => ({
          approach, family: f.key, architecture: s.tiny ? tinyArchitecture(f.architecture) : f.architecture,
          setSize: scaledCount(f, s.modelFraction, s.minModels), items: train + test, train, test, hfDir: '',
        })),
      ),
    );
  },
  repetitions: () => 1,
  reductions: (scale) => SETTINGS[scale].reductions,
  config: (scale) => ({ ...SETTINGS[scale], families: FIG14_FAMILIES.map((f) => ({ ...f })) }),
  async runCell(cell, ctx) {
    const storesDir = storesDirFor(ctx.runDir);
    const store = cell.hfDir === ''
      ? await ensureFamilyStore(storesDir, [{ key: cell.family, architecture: cell.architecture, count: cell.setSize }], ctx.seed, ctx.logger)
      : await ensureImportedStore(storesDir, cell.hfDir, [cell.family], ctx.logger);
    const side = inputSide(cell.architecture);
    const { rows } = await searchStore({
      storeDir: store.dir, models: store.models[cell.family], strategy: STRATEGY_OF[cell.approach],
      dataset: `synthetic:classes=10,train=${cell.train},test=${cell.test},size=${side},seed=1`, imageSize: side,
      batchSize: SETTINGS[ctx.scale].batchSize, seed: ctx.seed, logger: ctx.logger,
    });
    return rows.map((row) => ({ ...row, storeUniqueBytes: store.uniqueBytes }));
  },
});
