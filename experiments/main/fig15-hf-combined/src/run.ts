/**
 * `tsx src/run.ts [--scale quick|small|paper] [--results-dir results] [--hf-dir DIR]`: runs Fig 15 (stand-in
 * families, or the downloaded checkpoints in DIR/<family>/<model>/ combined), then plots it.
 */
import { resolve } from 'node:path';
import { runExperimentCli, takeOwnOptions } from '@alsatian/exp-shared';
import experiment from './experiment.ts';
import { renderFig15 } from './render.ts';
import { withHfDir } from './with-hf-dir.ts';

try {
  const { own, rest } = takeOwnOptions(process.argv.slice(2), ['hf-dir']);
  const definition = own['hf-dir'] === undefined ? experiment : withHfDir(experiment, resolve(own['hf-dir']));
  await runExperimentCli(definition, async (runDir, logger) => {
    await renderFig15(runDir, logger);
  }, rest);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
