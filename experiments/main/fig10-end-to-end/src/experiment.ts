/**
 * Fig 10: end-to-end search time of Base, SHiFT and Alsatian on chained synthetic snapshot sets (M_syn), per
 * architecture, distribution of retrained blocks and dataset size. Each cell is one search in a fresh process;
 * generating the snapshot store is outside the measured time and shared by the cells of the same set.
 */
import { defineExperiment, runEndToEndCell, SEARCH_COLUMNS, syntheticSearchProvenance } from '@alsatian/exp-shared';
import { fig10Charts } from './charts.ts';
import { fig10Report } from './report.ts';
import { fig10Grid, FIG10_SCALES } from './scales.ts';

export default defineExperiment({
  name: 'fig10-end-to-end',
  figure: 'fig10',
  title: 'Fig 10: end-to-end search time, synthetic snapshots',
  description: 'End-to-end search time, Base vs SHiFT vs Alsatian, synthetic chained snapshot sets',
  columns: [...SEARCH_COLUMNS],
  scales: FIG10_SCALES,
  grid: fig10Grid,
  provenance: () => syntheticSearchProvenance('chained'),
  runCell: (cell, ctx) =>
    runEndToEndCell(cell, ctx, { batchSize: ctx.settings.batchSize, paperIndices: ctx.settings.paperIndices }),
  charts: fig10Charts,
  report: fig10Report,
});
