/** `tsx src/run.ts [--scale quick|small|paper] [--results-dir results] [--in-process]`: Fig 11, then its charts. */
import { runExperimentCli } from '@alsatian/exp-shared';
import { plotFig11 } from './charts.ts';
import experiment from './experiment.ts';

await runExperimentCli(experiment, async (runDir, logger) => {
  await plotFig11(runDir, logger);
});
