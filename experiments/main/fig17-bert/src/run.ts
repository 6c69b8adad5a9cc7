/**
 * `tsx src/run.ts [--scale quick|small|paper] [--results-dir results] [--imdb DIR [--vocab vocab.txt]]`: runs
 * Fig 17 (synthetic review corpus by default; the real aclImdb with --imdb), then plots it.
 */
import { resolve } from 'node:path';
import { runExperimentCli, takeOwnOptions } from '@alsatian/exp-shared';
import experiment from './experiment.ts';
import { renderFig17 } from './render.ts';
import { withImdb } from './with-imdb.ts';

try {
  const { own, rest } = takeOwnOptions(process.argv.slice(2), ['imdb', 'vocab']);
  const definition = own.imdb === undefined ? experiment : withImdb(experiment, resolve(own.imdb), own.vocab === undefined ? undefined : resolve(own.vocab));
  await runExperimentCli(definition, async (runDir, logger) => {
    await renderFig17(runDir, logger);
  }, rest);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
