/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Fig 12 from an existing run's CSV. */
import { runPlotCli } from '@alsatian/exp-shared';
import { renderFig12 } from './render.ts';

await runPlotCli('fig12-block-costs', async (runDir, logger) => {
  await renderFig12(runDir, logger);
});
