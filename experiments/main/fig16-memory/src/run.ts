/** `tsx src/run.ts [--scale quick|small|paper] [--results-dir results] [--in-process]`: Fig 16, then its chart. */
import { runExperimentCli } from '@alsatian/exp-shared';
import { plotFig16 } from './charts.ts';
import experiment from './experiment.ts';

await runExperimentCli(experiment, async (runDir, logger) => {
  await plotFig16(runDir, logger);
});
