/**
 * Fig 16: search time of Base, SHiFT and Alsatian as memory shrinks. Alsatian's cache budget follows the memory
 * level, so it splits the data into more runs (reloading shared blocks per run); see scales.ts for how the limit
 * is emulated.
 */
import { defineExperiment, runEndToEndCell, SEARCH_COLUMNS, syntheticSearchProvenance } from '@alsatian/exp-shared';
import { fig16Charts } from './charts.ts';
import { fig16Report } from './report.ts';
import { fig16Grid, FIG16_SCALES } from './scales.ts';

export default defineExperiment({
  name: 'fig16-memory',
  figure: 'fig16',
  title: 'Fig 16: memory budget',
  description: 'Search time under three memory levels (Alsatian cache and block-cache budgets follow the level)',
  columns: [...SEARCH_COLUMNS],
  scales: FIG16_SCALES,
  grid: fig16Grid,
  provenance: () => syntheticSearchProvenance('chained'),
  runCell: (cell, ctx) => runEndToEndCell(cell, ctx, { batchSize: ctx.settings.batchSize }),
  charts: fig16Charts,
  report: fig16Report,
});
