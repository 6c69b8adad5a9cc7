/** `tsx src/run.ts [--scale quick|small|paper] [--results-dir results]`: Table 1, then its chart. */
import { runExperimentCli } from '@alsatian/exp-shared';
import { plotTable1 } from './charts.ts';
import experiment from './experiment.ts';

await runExperimentCli(experiment, async (runDir, logger) => {
  await plotTable1(runDir, logger);
});
