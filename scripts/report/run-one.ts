/**
 * Runs one experiment package (the shared entry point's `run`: run + plot) in a child process, its output kept in
 * a log file; the child's progress events arrive over an IPC channel and are passed to `onProgress`.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { META_FILE, readMeta, type RunProgressEvent } from '@alsatian/bench';
import type { ProgressMessage } from '@alsatian/exp-shared';
import type { ExperimentPackage } from './discover.ts';

export interface RunOutcome {
  readonly ok: boolean;
  readonly seconds: number;
  readonly exitCode: number | undefined;
  /** The last lines of the child's output, for the report when it failed. */
  readonly tail: string;
}

export interface RunOneOptions {
  readonly scale: string;
  readonly ep: string;
  readonly resultsDir: string;
  readonly logFile: string;
  readonly repoRoot: string;
  readonly onProgress?: (event: RunProgressEvent) => void;
}

const TAIL_LINES = 25;

export async function runPackage(pkg: ExperimentPackage, options: RunOneOptions): Promise<RunOutcome> {
  await mkdir(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const tail: string[] = [];
  const started = performance.now();
  const main = join(options.repoRoot, 'experiments', 'shared', 'src', 'main.ts');
  const child = execa(
    process.execPath,
    [
      '--import',
      'tsx',
      main,
      'run',
      pkg.dir,
      '--scale',
      options.scale,
      '--ep',
      options.ep,
      '--results-dir',
      options.resultsDir,
    ],
    {
      cwd: options.repoRoot,
      reject: false,
      all: true,
      buffer: false,
      stdin: 'ignore',
      ipc: true,
      serialization: 'json',
    },
  );
  child.on('message', (message: unknown) => {
    const m = message as Partial<ProgressMessage>;
    if (m?.kind === 'alsatian-progress' && m.event !== undefined) options.onProgress?.(m.event);
  });
  child.all?.setEncoding('utf8');
  child.all?.on('data', (chunk: string) => {
    log.write(chunk);
    // Progress bars redraw with \r; keep only finished lines in the tail.
    for (const line of chunk.split(/\r|\n/)) if (line.trim() !== '') tail.push(line);
    if (tail.length > TAIL_LINES * 4) tail.splice(0, tail.length - TAIL_LINES);
  });
  const result = await child;
  await new Promise<void>((resolve) => log.end(resolve));
  const seconds = (performance.now() - started) / 1000;
  return { ok: result.exitCode === 0, seconds, exitCode: result.exitCode, tail: tail.slice(-TAIL_LINES).join('\n') };
}

/**
 * The run time a finished run recorded in its meta.json (startedAt to endedAt), for a report rebuilt without
 * running; undefined when there is no such record.
 */
export async function recordedRunSeconds(runDir: string): Promise<number | undefined> {
  // A damaged meta.json gives no time here; the report's section for that run says what is wrong with it.
  const meta = await readMeta(join(runDir, META_FILE)).catch(() => undefined);
  if (typeof meta?.startedAt !== 'string' || typeof meta.endedAt !== 'string') return undefined;
  const seconds = (Date.parse(meta.endedAt) - Date.parse(meta.startedAt)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
