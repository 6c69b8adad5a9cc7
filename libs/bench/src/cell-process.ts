import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { AlsatianError } from '@alsatian/core';
import type { Logger } from '@alsatian/core';
import type { CellRequest } from './cell-execution.ts';
import type { CellOutcome } from './cell-runner.ts';
import type { Row } from './experiment.ts';

/** Set in every cell process, so an experiment module that runs an experiment on import is caught, not recursed. */
export const CELL_PROCESS_ENV = 'ALSATIAN_BENCH_CELL_PROCESS';

const RUNNER = fileURLToPath(new URL('./cell-runner.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const STDERR_TAIL_LINES = 20;

/** A unit that failed in its own process for a reason other than a user mistake (a crash, a kill, a bug). */
export class CellProcessError extends Error {
  override readonly name = 'CellProcessError';
}

/**
 * Runs one unit in a fresh Node process so module, session and allocator caches start cold, as each run did in
 * the paper. The child's log lines are forwarded to `logger` at their level; its last stderr lines go into the error.
 */
export async function runInFreshProcess(request: CellRequest, logger: Logger): Promise<Row[]> {
  const tail: string[] = [];
  const child = execa(process.execPath, ['--import', TSX_LOADER, RUNNER, '--request', JSON.stringify(request)], {
    env: { [CELL_PROCESS_ENV]: '1' },
    reject: false,
    stdout: 'ignore',
    stderr: 'pipe',
    buffer: false,
  });
  let pending = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      forward(logger, line);
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
    }
  });
  const result = await child;
  if (pending !== '') tail.push(pending);
  const outcome = await readOutcome(request.outPath);
  await rm(request.outPath, { force: true });
  const unit =
    `experiment '${request.experiment}', cell ` +
    `${JSON.stringify(request.cell)}, repetition ` +
    `${request.repetition}`;
  if (outcome?.ok === true && result.exitCode === 0) return outcome.rows as Row[];
  if (outcome?.ok === false) {
    if (outcome.userError) throw new AlsatianError(`${unit}: ${outcome.message}`);
    throw new CellProcessError(`${unit} failed: ${outcome.name}: ${outcome.message}\n${outcome.stack ?? ''}`);
  }
  const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
  throw new CellProcessError(`${unit}: the cell process ${how} without writing its rows.\n${tail.join('\n')}`);
}

/** The cell runner prefixes its log lines with their level; anything else (Node warnings) is debug output. */
function forward(logger: Logger, line: string): void {
  const match = /^(debug|info|warn): (.*)$/.exec(line);
  if (match === null) logger.debug(line);
  else logger[match[1] as 'debug' | 'info' | 'warn'](match[2]);
}

async function readOutcome(path: string): Promise<CellOutcome | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CellOutcome;
  } catch {
    return undefined;
  }
}
