/** `tsx src/run.ts [--scale quick|small|paper] [--results-dir results]`: measures Fig 5, then plots it. */
import { runExperimentCli } from '@alsatian/exp-shared';
import experiment from './experiment.ts';
import { renderFig05 } from './render.ts';

await runExperimentCli(experiment, async (runDir, logger) => {
  await renderFig05(runDir, logger);
});
