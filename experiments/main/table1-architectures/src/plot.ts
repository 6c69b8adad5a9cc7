/** `tsx src/plot.ts [--scale quick] [--results-dir results]`: re-renders Table 1's chart from an existing run. */
import { runPlotCli } from '@alsatian/exp-shared';
import { plotTable1 } from './charts.ts';

await runPlotCli('table1-architectures', async (runDir, logger) => {
  await plotTable1(runDir, logger);
});
