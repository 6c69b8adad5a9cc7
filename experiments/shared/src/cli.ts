/**
 * Entry-point helpers for experiment packages (src/run.ts, src/plot.ts). Programs, not library code: they parse
 * argv, write progress and errors to stderr and set the exit code.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AlsatianError } from '@alsatian/core';
import type { Logger } from '@alsatian/core';
import { runExperiment, scaleArg, terminalProgress } from '@alsatian/bench';
import type { Cell, ExperimentDefinition, RunResult, Scale } from '@alsatian/bench';
import { defaultResultsDir } from './repo-root.ts';

/** Renders an experiment's charts from its run directory's CSV. */
export type PlotFunction = (runDir: string, logger: Logger) => Promise<void>;

export interface CliArgs {
  readonly scale: Scale;
  readonly resultsDir: string;
  readonly inProcess: boolean;
  readonly verbose: boolean;
}

/**
 * `--results-dir` given: relative to the current directory, like any path on a command line. Absent: the
 * repository's `results/` whatever the current directory (nx runs a package's scripts from its own folder).
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scale: { type: 'string', default: 'quick' },
      'results-dir': { type: 'string' },
      'in-process': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  return { scale: scaleArg(values.scale), resultsDir: values['results-dir'] === undefined ? defaultResultsDir() : resolve(values['results-dir']), inProcess: values['in-process']!, verbose: values.verbose! };
}

export function stderrLogger(verbose: boolean): Logger {
  return {
    debug: (m) => verbose && process.stderr.write(`debug: ${m}\n`),
    info: (m) => process.stderr.write(`${m}\n`),
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
  };
}

/** `<resultsDir>/<experiment>/<scale>`: where runExperiment writes a run with the default run id. */
export function runDirOf(resultsDir: string, experiment: string, scale: Scale): string {
  return join(resultsDir, experiment, scale);
}

/**
 * `tsx src/run.ts [--scale quick|small|paper] [--results-dir DIR] [--in-process] [--verbose]`: runs the
 * experiment (resuming a killed run) with a progress bar, then plots; DIR defaults to the repository's results/.
 * Returns the run result; on failure prints the error (no stack for user mistakes) and sets a non-zero exit code.
 */
export async function runExperimentCli<C extends Cell>(
  experiment: ExperimentDefinition<C>,
  plot?: PlotFunction,
  argv: readonly string[] = process.argv.slice(2),
): Promise<RunResult | undefined> {
  return reportErrors(async () => {
    const args = parseCliArgs(argv);
    const logger = stderrLogger(args.verbose);
    const progress = terminalProgress();
    let result: RunResult;
    try {
      result = await runExperiment(experiment, { scale: args.scale, resultsDir: args.resultsDir, freshProcess: !args.inProcess, logger, onProgress: progress.onProgress });
    } finally {
      progress.stop();
    }
    if (plot !== undefined) await plot(result.runDir, logger);
    process.stderr.write(`${experiment.name}: results in ${result.runDir}\n`);
    return result;
  });
}

/** `tsx src/plot.ts [--scale ...] [--results-dir ...]`: re-renders the charts of an existing run from its CSV. */
export async function runPlotCli(experimentName: string, plot: PlotFunction, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  await reportErrors(async () => {
    const args = parseCliArgs(argv);
    const runDir = runDirOf(args.resultsDir, experimentName, args.scale);
    await plot(runDir, stderrLogger(args.verbose));
    process.stderr.write(`${experimentName}: charts in ${runDir}\n`);
  });
}

async function reportErrors<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AlsatianError || (error as Error).name === 'TypeError' && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
    } else {
      process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    }
    process.exitCode = 1;
    return undefined;
  }
}
