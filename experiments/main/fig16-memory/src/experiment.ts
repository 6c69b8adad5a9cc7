/**
 * Fig 16: search time of Base, SHiFT and Alsatian as memory shrinks. Alsatian's cache budget follows the memory
 * level, so it splits the data into more runs (reloading shared blocks per run); see settings.ts for how the
 * limit is emulated.
 */
import { defineExperiment } from '@alsatian/bench';
import { PAPER_STORE_READ_BYTES_PER_SEC, runEndToEndCell, SEARCH_COLUMNS } from '@alsatian/exp-shared';
import { fig16Grid, FIG16_SCALES } from './settings.ts';
import type { Fig16Cell } from './settings.ts';

export default defineExperiment<Fig16Cell>({
  name: 'fig16-memory',
  figure: 'fig16',
  description: 'Search time under three memory levels (Alsatian cache and block-cache budgets follow the level)',
  moduleUrl: import.meta.url,
  columns: [...SEARCH_COLUMNS],
  grid: fig16Grid,
  repetitions: (scale) => FIG16_SCALES[scale].repetitions,
  reductions: (scale) => FIG16_SCALES[scale].reductions,
  config: (scale) => ({
    ...FIG16_SCALES[scale],
    storeReadBytesPerSec: PAPER_STORE_READ_BYTES_PER_SEC,
    memoryLimitImposedBy: "Alsatian's intermediate-cache budget (cacheBudgetMB) and the loaded-block/session cache budget (blockCacheMB); Base and SHiFT keep no caches, so the levels do not change their settings. No process memory bound: node --max-old-space-size would not bound ONNX Runtime's native memory and an address-space rlimit breaks V8.",
  }),
  runCell: (cell, ctx) => runEndToEndCell(cell, ctx, { batchSize: FIG16_SCALES[ctx.scale].batchSize }),
});
