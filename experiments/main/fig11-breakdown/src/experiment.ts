/**
 * Fig 11: where the search time goes (prepare model / prepare data / inference / proxy, plus our cache and
 * planning) per strategy, and for Alsatian per distribution. Cells fig10 already measured are reused (reuse.ts).
 */
import { defineExperiment, runEndToEndCell, SEARCH_COLUMNS, syntheticSearchProvenance } from '@alsatian/exp-shared';
import { fig11Charts } from './charts.ts';
import { fig11Report } from './report.ts';
import { reusedRows } from './reuse.ts';
import { fig11Grid, FIG11_SCALES } from './scales.ts';

export default defineExperiment({
  name: 'fig11-breakdown',
  figure: 'fig11',
  title: 'Fig 11: time breakdowns',
  description:
    'Time breakdown of Base, SHiFT and Alsatian searches (and Alsatian per distribution), synthetic chained sets',
  columns: [...SEARCH_COLUMNS, 'reusedFrom'],
  scales: FIG11_SCALES,
  grid: fig11Grid,
  provenance: () => syntheticSearchProvenance('chained'),
  async runCell(cell, ctx) {
    const { batchSize, paperIndices } = ctx.settings;
    const reused = await reusedRows(cell, ctx, { batchSize, paperIndices });
    if (reused !== undefined) {
      ctx.logger.info(
        `fig11: reusing fig10's measurement of ${cell.strategy} ${cell.architecture} ${cell.distribution} ` +
          `${cell.items}`,
      );
      return reused;
    }
    return (await runEndToEndCell(cell, ctx, { batchSize, paperIndices })).map((r) => ({ ...r, reusedFrom: null }));
  },
  charts: fig11Charts,
  report: fig11Report,
});
