/**
 * Fig 15: Base vs SHiFT vs Alsatian over all twelve Hugging Face families at once (stand-ins by default, the
 * downloaded checkpoints with --hf-dir), with a block cache smaller than the combined weights so reloads show.
 */
import {
  defineExperiment,
  hfProvenance,
  hfReductions,
  ensureFamilyStore,
  ensureImportedStore,
  PAPER_FAMILIES,
  SEARCH_COLUMNS,
  storesDirFor,
  strategyOf,
  tinyArchitecture,
} from '@alsatian/exp-shared';
import { fig15Charts } from './charts.ts';
import { fig15Report } from './report.ts';
import { fig15Grid, FIG15_SCALES } from './scales.ts';
import type { Fig15Cell, Fig15Settings } from './scales.ts';
import { searchCombined } from './search-combined.ts';

export default defineExperiment<Fig15Cell, Fig15Settings>({
  name: 'fig15-hf-combined',
  figure: 'fig15',
  title: 'Fig 15: all Hugging Face families combined',
  description:
    'One model search over all twelve Hugging Face families (~500 models), 2000 and 8000 items, block cache ' +
    'below the combined weights.',
  columns: [...SEARCH_COLUMNS, 'blockCacheBytes', 'storeUniqueBytes'],
  scales: FIG15_SCALES,
  inputs: { 'hf-dir': 'DIR/<family>/ holding downloaded Hugging Face model folders, for any of the twelve families' },
  grid: fig15Grid,
  reductions: hfReductions,
  provenance: (_s, inputs) => hfProvenance(inputs),
  async runCell(cell, ctx) {
    const storesDir = storesDirFor(ctx.runDir);
    let store;
    if (cell.hfDir === '') {
      const requests = cell.families.split(';').map((part) => {
        const [key, count] = part.split(':');
        const family = PAPER_FAMILIES.find((f) => f.key === key)!;
        return {
          key,
          architecture: cell.tiny ? tinyArchitecture(family.architecture) : family.architecture,
          count: Number(count),
        };
      });
      store = await ensureFamilyStore(storesDir, requests, ctx.seed, ctx.logger);
    } else {
      store = await ensureImportedStore(storesDir, cell.hfDir, cell.families.split(';'), ctx.logger);
    }
    const blockCacheBytes = Math.floor(cell.blockCacheShare * store.uniqueBytes);
    const rows = await searchCombined({
      store,
      strategy: strategyOf(cell.strategy),
      train: cell.train,
      test: cell.test,
      batchSize: ctx.settings.batchSize,
      blockCacheBytes,
      seed: ctx.seed,
      ep: ctx.ep,
      logger: ctx.logger,
    });
    return rows.map((row) => ({ ...row, blockCacheBytes, storeUniqueBytes: store.uniqueBytes }));
  },
  charts: fig15Charts,
  report: fig15Report,
});
