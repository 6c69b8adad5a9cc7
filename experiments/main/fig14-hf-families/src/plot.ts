/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Fig 14 from an existing run's CSV. */
import { runPlotCli } from '@alsatian/exp-shared';
import { renderFig14 } from './render.ts';

await runPlotCli('fig14-hf-families', async (runDir, logger) => {
  await renderFig14(runDir, logger);
});
