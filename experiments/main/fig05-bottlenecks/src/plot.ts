/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Fig 5 from an existing run's CSV. */
import { runPlotCli } from '@alsatian/exp-shared';
import { renderFig05 } from './render.ts';

await runPlotCli('fig05-bottlenecks', async (runDir, logger) => {
  await renderFig05(runDir, logger);
});
