/**
 * The shared entry point of every experiment package (its nx targets `run` and `plot` call it):
 *
 *   tsx experiments/shared/src/main.ts run  <package dir> [--scale quick|small|paper] [--results-dir DIR]
 *                                          [--ep cpu|webgpu|cuda] [--in-process] [--verbose] [--<own option> VALUE]
 *   tsx experiments/shared/src/main.ts plot <package dir> [--scale ...] [--results-dir DIR]
 *
 * `run` runs the experiment (resuming a killed run) with a progress bar, then renders its charts; `plot` renders
 * the charts of an existing run. DIR defaults to the repository's results/. The package's own options (e.g.
 * --checkpoints) are paths, resolved against the current directory. Started by `npm run reproduce`, progress goes
 * to the parent process as messages instead of a bar.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  relaunchWithAllocatorSettings,
  EXECUTION_PROVIDERS,
  AlsatianError,
  InvalidArgumentError,
} from '@alsatian/core';
import type { ExecutionProvider, Logger } from '@alsatian/core';
import { runExperiment, scaleArg, terminalProgress } from '@alsatian/bench';
import type { RunProgressEvent } from '@alsatian/bench';
import { loadExperiment } from './load-experiment.ts';
import { plotRun } from './plot-run.ts';
import { defaultResultsDir } from './repo-root.ts';
import { loadRun } from './run-data.ts';
import { runDirOf } from './run-dir.ts';

// glibc malloc settings that let sessions reuse freed memory (see libs/core/src/allocator.ts).
await relaunchWithAllocatorSettings();

/** The message a run sends its parent (npm run reproduce) for each progress event. */
export interface ProgressMessage {
  readonly kind: 'alsatian-progress';
  readonly event: RunProgressEvent;
}

const COMMANDS = ['run', 'plot'] as const;

export function stderrLogger(verbose: boolean): Logger {
  return {
    debug: (m) => verbose && process.stderr.write(`debug: ${m}\n`),
    info: (m) => process.stderr.write(`${m}\n`),
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, packageDir] = argv;
  if (!(COMMANDS as readonly string[]).includes(command) || packageDir === undefined || packageDir.startsWith('--')) {
    throw new InvalidArgumentError(
      `usage: main.ts ${COMMANDS.join('|')} <experiment package dir> [--scale quick|small|paper] ` +
        `[--results-dir DIR] [--ep ${EXECUTION_PROVIDERS.join('|')}]`,
    );
  }
  const { experiment, moduleUrl } = await loadExperiment(packageDir);
  const own = Object.keys(experiment.inputs ?? {});
  const { values } = parseArgs({
    args: argv.slice(2),
    options: {
      scale: { type: 'string', default: 'quick' },
      'results-dir': { type: 'string' },
      ep: { type: 'string', default: 'cpu' },
      'in-process': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      ...Object.fromEntries(own.map((name) => [name, { type: 'string' as const }])),
    },
    strict: true,
  });
  const scale = scaleArg(values.scale as string);
  const resultsDir = values['results-dir'] === undefined ? defaultResultsDir() : resolve(String(values['results-dir']));
  const logger = stderrLogger(values.verbose === true);
  const runDir = runDirOf(resultsDir, experiment.name, scale);
  if (command === 'run') {
    const ep = String(values.ep);
    if (!(EXECUTION_PROVIDERS as readonly string[]).includes(ep))
      throw new InvalidArgumentError(
        `--ep '${ep}' is not an execution provider. Valid: ${EXECUTION_PROVIDERS.join(', ')}.`,
      );
    const given = values as Record<string, string | boolean | undefined>;
    const inputs = Object.fromEntries(
      own.flatMap((name) => (typeof given[name] === 'string' ? [[name, resolve(String(given[name]))]] : [])),
    );
    const toParent = process.send !== undefined;
    const bar = toParent ? undefined : terminalProgress();
    try {
      await runExperiment(experiment, {
        scale,
        resultsDir,
        ep: ep as ExecutionProvider,
        inputs,
        moduleUrl,
        freshProcess: values['in-process'] !== true,
        logger,
        onProgress: (event) =>
          toParent
            ? process.send!({ kind: 'alsatian-progress', event } satisfies ProgressMessage)
            : bar!.onProgress(event),
      });
    } finally {
      bar?.stop();
    }
  }
  await plotRun(experiment, await loadRun(experiment, runDir), logger);
  process.stderr.write(`${experiment.name}: results and charts in ${runDir}\n`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const e = error as Error & { code?: string };
  const user = error instanceof AlsatianError || e.code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`error: ${user ? e.message : (e.stack ?? String(error))}\n`);
  process.exitCode = 1;
} finally {
  // The IPC channel to a parent would keep this process alive.
  if (process.connected) process.disconnect();
}
