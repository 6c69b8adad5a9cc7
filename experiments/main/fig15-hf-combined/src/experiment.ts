/**
 * Fig 15: Base vs SHiFT vs Alsatian over all twelve Hugging Face families at once (stand-ins by default, the
 * downloaded checkpoints with --hf-dir), with a block cache smaller than the combined weights so reloads show.
 */
import { defineExperiment } from '@alsatian/bench';
import { APPROACH_OF, ensureFamilyStore, ensureImportedStore, PAPER_FAMILIES, scaledCount, SEARCH_COLUMNS, storesDirFor, STRATEGY_OF, tinyArchitecture } from '@alsatian/exp-shared';
import { SETTINGS } from './settings.ts';
import { searchCombined } from './search-combined.ts';

export interface Fig15Cell extends Record<string, string | number> {
  readonly approach: string;
  /** Models over all families, the bases included. */
  readonly setSize: number;
  readonly items: number;
  readonly train: number;
  readonly test: number;
  /** Block-cache budget as a share of the combined set's unique weight bytes. */
  readonly blockCacheShare: number;
  /** Families and their model counts, 'key:count;...' (stand-ins) or the --hf-dir folder. */
  readonly families: string;
  readonly tiny: number;
  readonly hfDir: string;
}

/** 'key:count' per family at a scale. */
export function familyCounts(fraction: number, min: number): { key: string; architecture: string; count: number }[] {
  return PAPER_FAMILIES.map((f) => ({ key: f.key, architecture: f.architecture, count: scaledCount(f, fraction, min) }));
}

export default defineExperiment<Fig15Cell>({
  name: 'fig15-hf-combined',
  figure: 'fig15',
  description: 'One model search over all twelve Hugging Face families (~500 models), 2000 and 8000 items, block cache below the combined weights.',
  moduleUrl: import.meta.url,
  columns: [...SEARCH_COLUMNS, 'blockCacheBytes', 'storeUniqueBytes'],
  grid(scale) {
    const s = SETTINGS[scale];
    const counts = familyCounts(s.modelFraction, s.minModels);
    const families = counts.map((c) => `${c.key}:${c.count}`).join(';');
    const setSize = counts.reduce((sum, c) => sum + c.count, 0);
    return s.items.flatMap(([train, test]) =>
      Object.values(APPROACH_OF).map((approach) => ({ approach, setSize, items: train + test, train, test, blockCacheShare: s.blockCacheShare, families, tiny: s.tiny ? 1 : 0, hfDir: '' })),
    );
  },
  repetitions: () => 1,
  reductions: (scale) => SETTINGS[scale].reductions,
  config: (scale) => ({ ...SETTINGS[scale], families: familyCounts(SETTINGS[scale].modelFraction, SETTINGS[scale].minModels) }),
  async runCell(cell, ctx) {
    const storesDir = storesDirFor(ctx.runDir);
    let store;
    if (cell.hfDir === '') {
      const requests = cell.families.split(';').map((part) => {
        const [key, count] = part.split(':');
        const family = PAPER_FAMILIES.find((f) => f.key === key)!;
        return { key, architecture: cell.tiny ? tinyArchitecture(family.architecture) : family.architecture, count: Number(count) };
      });
      store = await ensureFamilyStore(storesDir, requests, ctx.seed, ctx.logger);
    } else {
      store = await ensureImportedStore(storesDir, cell.hfDir, cell.families.split(';'), ctx.logger);
    }
    const blockCacheBytes = Math.floor(cell.blockCacheShare * store.uniqueBytes);
    const rows = await searchCombined({ store, strategy: STRATEGY_OF[cell.approach], train: cell.train, test: cell.test, batchSize: SETTINGS[ctx.scale].batchSize, blockCacheBytes, seed: ctx.seed, logger: ctx.logger });
    return rows.map((row) => ({ ...row, blockCacheBytes, storeUniqueBytes: store.uniqueBytes }));
  },
});
