/** `tsx src/run.ts [--scale quick|small|paper] [--results-dir results]`: measures Fig 12, then plots it. */
import { runExperimentCli } from '@alsatian/exp-shared';
import experiment from './experiment.ts';
import { renderFig12 } from './render.ts';

await runExperimentCli(experiment, async (runDir, logger) => {
  await renderFig12(runDir, logger);
});
