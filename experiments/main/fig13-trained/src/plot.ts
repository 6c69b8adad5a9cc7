/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Fig 13 from an existing run's CSV. */
import { runPlotCli } from '@alsatian/exp-shared';
import { renderFig13 } from './render.ts';

await runPlotCli('fig13-trained', async (runDir, logger) => {
  await renderFig13(runDir, logger);
});
