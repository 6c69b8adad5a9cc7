import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BadInputError } from '@alsatian/core';
import { isExperiment } from './experiment.ts';
import type { Experiment } from './experiment.ts';

/** The file every experiment package exports its definition from (as its default export). */
export const EXPERIMENT_MODULE = join('src', 'experiment.ts');

/** Imports `<packageDir>/src/experiment.ts` and returns its default export with the module's URL. */
export async function loadExperiment(packageDir: string): Promise<{ experiment: Experiment; moduleUrl: string }> {
  const path = resolve(packageDir, EXPERIMENT_MODULE);
  if (!existsSync(path))
    throw new BadInputError(
      `${path} is missing: an experiment package exports its definition from ${EXPERIMENT_MODULE}.`,
    );
  const moduleUrl = pathToFileURL(path).href;
  const module = (await import(moduleUrl)) as { default?: unknown };
  if (!isExperiment(module.default))
    throw new BadInputError(
      `${path} must export default defineExperiment({ name, scales, grid, runCell, charts, report, ... }).`,
    );
  return { experiment: module.default, moduleUrl };
}
