/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Fig 17 from an existing run's CSV. */
import { runPlotCli } from '@alsatian/exp-shared';
import { renderFig17 } from './render.ts';

await runPlotCli('fig17-bert', async (runDir, logger) => {
  await renderFig17(runDir, logger);
});
