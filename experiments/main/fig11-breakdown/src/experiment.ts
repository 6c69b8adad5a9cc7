/**
 * Fig 11: where the search time goes (prepare model / prepare data / inference / proxy, plus our cache and
 * planning) per approach, and for Alsatian per distribution. Cells fig10 already measured are reused (reuse.ts).
 */
import { defineExperiment } from '@alsatian/bench';
import { PAPER_STORE_READ_BYTES_PER_SEC, runEndToEndCell, SEARCH_COLUMNS } from '@alsatian/exp-shared';
import type { EndToEndCell } from '@alsatian/exp-shared';
import { reusedRows } from './reuse.ts';
import { fig11Grid, FIG11_SCALES } from './settings.ts';

export default defineExperiment<EndToEndCell>({
  name: 'fig11-breakdown',
  figure: 'fig11',
  description: 'Time breakdown of Base, SHiFT and Alsatian searches (and Alsatian per distribution), synthetic chained sets',
  moduleUrl: import.meta.url,
  columns: [...SEARCH_COLUMNS, 'reusedFrom'],
  grid: fig11Grid,
  repetitions: (scale) => FIG11_SCALES[scale].repetitions,
  reductions: (scale) => FIG11_SCALES[scale].reductions,
  config: (scale) => ({ ...FIG11_SCALES[scale], storeReadBytesPerSec: PAPER_STORE_READ_BYTES_PER_SEC, structure: 'chained', proxy: 'linear', reuse: 'rows of fig10-end-to-end with the same cell, scale, seed and batch size' }),
  async runCell(cell, ctx) {
    const batchSize = FIG11_SCALES[ctx.scale].batchSize;
    const reused = await reusedRows(cell, ctx, batchSize);
    if (reused !== undefined) {
      ctx.logger.info(`fig11: reusing fig10's measurement of ${cell.approach} ${cell.architecture} ${cell.distribution} ${cell.items}`);
      return reused;
    }
    return (await runEndToEndCell(cell, ctx, { batchSize })).map((r) => ({ ...r, reusedFrom: null }));
  },
});
