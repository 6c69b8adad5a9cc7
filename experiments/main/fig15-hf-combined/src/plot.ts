/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Fig 15 from an existing run's CSV. */
import { runPlotCli } from '@alsatian/exp-shared';
import { renderFig15 } from './render.ts';

await runPlotCli('fig15-hf-combined', async (runDir, logger) => {
  await renderFig15(runDir, logger);
});
