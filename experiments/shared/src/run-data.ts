import { join } from 'node:path';
import { CSV_FILE, META_FILE, readCsvRows, readMeta } from '@alsatian/bench';
import type { ScaleSettings } from '@alsatian/bench';
import { BadInputError } from '@alsatian/core';
import type { Experiment, RunData } from './experiment.ts';

/** Reads a run directory (meta.json and results.csv) for the experiment's charts and report. */
export async function loadRun<S extends ScaleSettings>(
  experiment: Pick<Experiment, 'name'> & { readonly scales: Readonly<Record<string, S>> },
  runDir: string,
): Promise<RunData<S>> {
  const meta = await readMeta(join(runDir, META_FILE));
  if (meta === undefined) throw new BadInputError(`${runDir} holds no ${META_FILE}: run ${experiment.name} first.`);
  if (meta.experiment !== experiment.name)
    throw new BadInputError(`${join(runDir, META_FILE)} belongs to '${meta.experiment}', not '${experiment.name}'.`);
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  return { runDir, scale: meta.scale, settings: experiment.scales[meta.scale], inputs: meta.inputs ?? {}, meta, rows };
}
