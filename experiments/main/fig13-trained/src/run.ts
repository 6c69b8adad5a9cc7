/**
 * `tsx src/run.ts [--scale quick|small|paper] [--results-dir results] [--checkpoints DIR]`: runs Fig 13 (the
 * synthetic stand-in, or the fine-tuned checkpoints in DIR/<architecture>/), then plots it.
 */
import { resolve } from 'node:path';
import { runExperimentCli, takeOwnOptions } from '@alsatian/exp-shared';
import experiment from './experiment.ts';
import { renderFig13 } from './render.ts';
import { withCheckpoints } from './with-checkpoints.ts';

try {
  const { own, rest } = takeOwnOptions(process.argv.slice(2), ['checkpoints']);
  const definition = own.checkpoints === undefined ? experiment : withCheckpoints(experiment, resolve(own.checkpoints));
  await runExperimentCli(definition, async (runDir, logger) => {
    await renderFig13(runDir, logger);
  }, rest);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
