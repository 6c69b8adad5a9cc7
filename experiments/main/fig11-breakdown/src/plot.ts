/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Fig 11 from an existing run's CSV. */
import { runPlotCli } from '@alsatian/exp-shared';
import { plotFig11 } from './charts.ts';

await runPlotCli('fig11-breakdown', async (runDir, logger) => {
  await plotFig11(runDir, logger);
});
