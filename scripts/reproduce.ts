/**
 * `npm run reproduce -- [--scale quick|small|paper] [--ep cpu|webgpu|cuda] [--only a,b] [--results-dir results]`:
 * runs every experiment package (experiments/{main,side,micro}/<name>) at the scale, each in its own process (run +
 * plot), then builds results/REPORT.md and results/REPORT.html from each package's report section. A failing
 * experiment is reported and makes the exit code non-zero but does not stop the others. Progress goes to stderr
 * (one bar for all, one for the running experiment), logs to results/_logs/. `--report-only` rebuilds the report
 * from existing runs without running anything; each experiment's time is then the run time its meta.json recorded.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scaleArg } from '@alsatian/bench';
import { relaunchWithAllocatorSettings, EXECUTION_PROVIDERS, writeFileAtomic } from '@alsatian/core';
import { buildSection, loadExperiment, runDirOf } from '@alsatian/exp-shared';
import { writeReportAssets } from './report/assets.ts';
import { reportMarkdown } from './report/build.ts';
import type { ExperimentOutcome, ReportInput } from './report/build.ts';
import { discoverExperiments, selectExperiments } from './report/discover.ts';
import type { ExperimentPackage } from './report/discover.ts';
import { reportHtml } from './report/html.ts';
import { ReproduceProgress } from './report/progress.ts';
import { recordedRunSeconds, runPackage } from './report/run-one.ts';

// glibc malloc settings that let sessions reuse freed memory (see libs/core/src/allocator.ts).
await relaunchWithAllocatorSettings();

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

interface Options {
  readonly scale: ReturnType<typeof scaleArg>;
  readonly ep: string;
  readonly resultsDir: string;
  readonly reportOnly: boolean;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'quick' },
      ep: { type: 'string', default: 'cpu' },
      only: { type: 'string' },
      'results-dir': { type: 'string', default: 'results' },
      'report-only': { type: 'boolean', default: false },
    },
  });
  if (!(EXECUTION_PROVIDERS as readonly string[]).includes(values.ep!))
    throw new Error(`--ep '${values.ep}' is not an execution provider. Valid: ${EXECUTION_PROVIDERS.join(', ')}.`);
  const options: Options = {
    scale: scaleArg(values.scale),
    ep: values.ep!,
    resultsDir: resolve(values['results-dir']!),
    reportOnly: values['report-only']!,
  };
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const packages = selectExperiments(discoverExperiments(repoRoot), only);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  process.stderr.write(
    `reproduce: ${packages.length} experiment(s) at scale ${options.scale} on ${options.ep} into ${options.resultsDir}\n`,
  );
  await writeReportAssets(options.resultsDir);

  const progress = new ReproduceProgress(packages.length);
  const outcomes: ExperimentOutcome[] = [];
  try {
    for (const [index, pkg] of packages.entries()) {
      outcomes.push(await runAndReport(pkg, options, progress, `[${index + 1}/${packages.length}]`));
      await writeReports(
        { scale: options.scale, startedAt, wallSeconds: (performance.now() - started) / 1000, outcomes },
        options.resultsDir,
      );
    }
  } finally {
    progress.stop();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  await writeReports({ scale: options.scale, startedAt, wallSeconds, outcomes }, options.resultsDir);
  const failed = outcomes.filter((o) => o.status !== 'ok');
  process.stderr.write(
    `reproduce: done in ${(wallSeconds / 60).toFixed(1)} min; ${failed.length} failed; report: ${join(options.resultsDir, 'REPORT.md')}\n`,
  );
  return failed.length === 0 ? 0 : 1;
}

async function runAndReport(
  pkg: ExperimentPackage,
  options: Options,
  progress: ReproduceProgress,
  counter: string,
): Promise<ExperimentOutcome> {
  const base = { name: pkg.name, group: pkg.group };
  const runDir = runDirOf(options.resultsDir, pkg.name, options.scale);
  let seconds = Number.NaN;
  if (!options.reportOnly) {
    const logFile = join(options.resultsDir, '_logs', `${pkg.name}.log`);
    progress.start(pkg.name);
    const run = await runPackage(pkg, {
      scale: options.scale,
      ep: options.ep,
      resultsDir: options.resultsDir,
      logFile,
      repoRoot,
      onProgress: (e) => progress.progress(e),
    });
    seconds = run.seconds;
    progress.finish(
      `${counter} ${pkg.name}: ${run.ok ? 'done' : `FAILED (exit ${run.exitCode}; log: ${logFile})`} in ${seconds.toFixed(0)} s`,
    );
    // A partial CSV may still give a useful section; its absence is not a second error.
    if (!run.ok)
      return {
        ...base,
        status: 'run-failed',
        seconds,
        error: `exit code ${run.exitCode}; last output:\n${run.tail}`,
        section: await section(pkg, runDir).catch(() => undefined),
      };
  }
  const recordedSeconds = options.reportOnly ? await recordedRunSeconds(runDir) : undefined;
  try {
    return { ...base, status: 'ok', seconds, recordedSeconds, section: await section(pkg, runDir) };
  } catch (error) {
    return {
      ...base,
      status: 'report-failed',
      seconds,
      recordedSeconds,
      error: (error as Error).stack ?? String(error),
    };
  }
}

async function section(pkg: ExperimentPackage, runDir: string) {
  return buildSection((await loadExperiment(pkg.dir)).experiment, runDir);
}

async function writeReports(input: ReportInput, resultsDir: string): Promise<void> {
  await writeFileAtomic(join(resultsDir, 'REPORT.md'), reportMarkdown(input));
  await writeFileAtomic(join(resultsDir, 'REPORT.html'), reportHtml(input));
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`reproduce: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
