/**
 * The program a fresh process runs for one unit: `node --import tsx cell-runner.ts --request <json>`. It imports
 * the experiment's module, finds the definition by name, runs the unit and writes its rows (or its error) to the
 * request's outPath as JSON. Started by cell-process.ts; never imported.
 */
import { parseArgs } from 'node:util';
import { AlsatianError, writeFileAtomic } from '@alsatian/core';
import type { Logger } from '@alsatian/core';
import { executeCell } from './cell-execution.ts';
import type { CellRequest } from './cell-execution.ts';
import { isExperimentDefinition } from './experiment.ts';
import type { ExperimentDefinition } from './experiment.ts';

export type CellOutcome =
  | { readonly ok: true; readonly rows: unknown[] }
  | {
      readonly ok: false;
      readonly userError: boolean;
      readonly name: string;
      readonly message: string;
      readonly stack?: string;
    };

const stderrLogger: Logger = {
  debug: (m) => process.stderr.write(`debug: ${m}\n`),
  info: (m) => process.stderr.write(`info: ${m}\n`),
  warn: (m) => process.stderr.write(`warn: ${m}\n`),
};

async function findDefinition(request: CellRequest): Promise<ExperimentDefinition> {
  const module = (await import(request.moduleUrl)) as Record<string, unknown>;
  const found = Object.values(module)
    .filter(isExperimentDefinition)
    .find((d) => d.name === request.experiment);
  if (found === undefined)
    throw new Error(`Module ${request.moduleUrl} exports no experiment named '${request.experiment}'.`);
  return found;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { request: { type: 'string' } } });
  if (values.request === undefined) throw new Error('cell-runner: --request <json> is required');
  const request = JSON.parse(values.request) as CellRequest;
  let outcome: CellOutcome;
  try {
    const definition = await findDefinition(request);
    outcome = { ok: true, rows: await executeCell(definition, request, stderrLogger) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    outcome = { ok: false, userError: e instanceof AlsatianError, name: e.name, message: e.message, stack: e.stack };
  }
  await writeFileAtomic(request.outPath, JSON.stringify(outcome));
  process.exitCode = outcome.ok ? 0 : 1;
}

await main();
