/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Fig 10 from an existing run's CSV. */
import { runPlotCli } from '@alsatian/exp-shared';
import { plotFig10 } from './charts.ts';

await runPlotCli('fig10-end-to-end', async (runDir, logger) => {
  await plotFig10(runDir, logger);
});
