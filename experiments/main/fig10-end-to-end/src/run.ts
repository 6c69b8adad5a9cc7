/** `tsx src/run.ts [--scale quick|small|paper] [--results-dir results] [--in-process]`: Fig 10, then its chart. */
import { runExperimentCli } from '@alsatian/exp-shared';
import { plotFig10 } from './charts.ts';
import experiment from './experiment.ts';

await runExperimentCli(experiment, async (runDir, logger) => {
  await plotFig10(runDir, logger);
});
