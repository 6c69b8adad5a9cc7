/**
 * Fig 10: end-to-end search time of Base, SHiFT and Alsatian on chained synthetic snapshot sets (M_syn), per
 * architecture, distribution of retrained blocks and dataset size. Each cell is one search in a fresh process;
 * generating the snapshot store is outside the measured time and shared by the cells of the same set.
 */
import { defineExperiment } from '@alsatian/bench';
import { PAPER_STORE_READ_BYTES_PER_SEC, runEndToEndCell, SEARCH_COLUMNS } from '@alsatian/exp-shared';
import type { EndToEndCell } from '@alsatian/exp-shared';
import { fig10Grid, FIG10_SCALES } from './settings.ts';

export default defineExperiment<EndToEndCell>({
  name: 'fig10-end-to-end',
  figure: 'fig10',
  description: 'End-to-end search time, Base vs SHiFT vs Alsatian, synthetic chained snapshot sets',
  moduleUrl: import.meta.url,
  columns: [...SEARCH_COLUMNS],
  grid: fig10Grid,
  repetitions: (scale) => FIG10_SCALES[scale].repetitions,
  reductions: (scale) => FIG10_SCALES[scale].reductions,
  config: (scale) => ({
    ...FIG10_SCALES[scale],
    storeReadBytesPerSec: PAPER_STORE_READ_BYTES_PER_SEC,
    structure: 'chained',
    proxy: 'linear',
    cacheBudget: 'search default (2 GiB), as the paper\'s unlimited budget at these sizes',
  }),
  runCell: (cell, ctx) => runEndToEndCell(cell, ctx, { batchSize: FIG10_SCALES[ctx.scale].batchSize }),
});
