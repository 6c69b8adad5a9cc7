/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Fig 16 from an existing run's CSV. */
import { runPlotCli } from '@alsatian/exp-shared';
import { plotFig16 } from './charts.ts';

await runPlotCli('fig16-memory', async (runDir, logger) => {
  await plotFig16(runDir, logger);
});
