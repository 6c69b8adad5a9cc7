/**
 * `npm run reproduce -- [--scale quick|small|paper] [--only a,b] [--results-dir results]`: runs every experiment
 * package (experiments/{main,side,micro}/<name>) at the scale, each in its own process (run + plot), then builds
 * results/REPORT.md and results/REPORT.html from each package's report(runDir). A failing experiment is reported
 * and makes the exit code non-zero but does not stop the others. Progress goes to stderr, logs to results/_logs/.
 * `--report-only` rebuilds the report from existing runs without running anything.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { scaleArg } from '@alsatian/bench';
import { writeFileAtomic } from '@alsatian/core';
import type { ReportFunction } from '@alsatian/exp-shared';
import { reportHtml, reportMarkdown } from './report/build.ts';
import type { ExperimentOutcome } from './report/build.ts';
import { discoverExperiments, selectExperiments } from './report/discover.ts';
import type { ExperimentPackage } from './report/discover.ts';
import { runPackage } from './report/run-one.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'quick' },
      only: { type: 'string' },
      'results-dir': { type: 'string', default: 'results' },
      'report-only': { type: 'boolean', default: false },
    },
  });
  const scale = scaleArg(values.scale);
  const resultsDir = resolve(values['results-dir']!);
  const only = values.only?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const packages = selectExperiments(discoverExperiments(repoRoot), only);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const machine = `Machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average at start ${loadavg()[0].toFixed(1)} (times are wall-clock on this machine; a loaded machine inflates them).`;
  process.stderr.write(`reproduce: ${packages.length} experiment(s) at scale ${scale} into ${resultsDir}\n`);

  const outcomes: ExperimentOutcome[] = [];
  for (const [index, pkg] of packages.entries()) {
    outcomes.push(await runAndReport(pkg, { scale, resultsDir, reportOnly: values['report-only']! }, `[${index + 1}/${packages.length}]`));
    await writeReports({ scale, startedAt, wallSeconds: (performance.now() - started) / 1000, machine, outcomes }, resultsDir);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  await writeReports({ scale, startedAt, wallSeconds, machine, outcomes }, resultsDir);
  const failed = outcomes.filter((o) => o.status === 'run-failed' || o.status === 'report-failed');
  process.stderr.write(`reproduce: done in ${(wallSeconds / 60).toFixed(1)} min; ${failed.length} failed; report: ${join(resultsDir, 'REPORT.md')}\n`);
  return failed.length === 0 ? 0 : 1;
}

async function runAndReport(pkg: ExperimentPackage, options: { scale: string; resultsDir: string; reportOnly: boolean }, counter: string): Promise<ExperimentOutcome> {
  const base = { name: pkg.name, group: pkg.group };
  let seconds = Number.NaN;
  if (!options.reportOnly) {
    process.stderr.write(`${counter} ${pkg.name}: running (log: ${join(options.resultsDir, '_logs', `${pkg.name}.log`)})\n`);
    const run = await runPackage(pkg, { scale: options.scale, resultsDir: options.resultsDir, logFile: join(options.resultsDir, '_logs', `${pkg.name}.log`), repoRoot });
    seconds = run.seconds;
    process.stderr.write(`${counter} ${pkg.name}: ${run.ok ? 'done' : `FAILED (exit ${run.exitCode})`} in ${seconds.toFixed(0)} s\n`);
    if (!run.ok) return { ...base, status: 'run-failed', seconds, error: `exit code ${run.exitCode}; last output:\n${run.tail}`, section: await trySection(pkg, options) };
  }
  if (pkg.reportModule === undefined) return { ...base, status: 'no-report', seconds };
  try {
    const section = await loadSection(pkg, options);
    return { ...base, status: 'ok', seconds, section };
  } catch (error) {
    return { ...base, status: 'report-failed', seconds, error: (error as Error).stack ?? String(error) };
  }
}

async function loadSection(pkg: ExperimentPackage, options: { scale: string; resultsDir: string }) {
  const module = (await import(pathToFileURL(pkg.reportModule!).href)) as { report?: ReportFunction };
  if (typeof module.report !== 'function') throw new Error(`${pkg.reportModule} exports no report(runDir) function.`);
  return module.report(join(options.resultsDir, pkg.name, options.scale));
}

/** After a failed run, a partial CSV may still give a useful section; its absence is not a second error. */
async function trySection(pkg: ExperimentPackage, options: { scale: string; resultsDir: string }) {
  if (pkg.reportModule === undefined) return undefined;
  try {
    return await loadSection(pkg, options);
  } catch {
    return undefined;
  }
}

async function writeReports(input: Parameters<typeof reportMarkdown>[0], resultsDir: string): Promise<void> {
  await writeFileAtomic(join(resultsDir, 'REPORT.md'), reportMarkdown(input));
  await writeFileAtomic(join(resultsDir, 'REPORT.html'), reportHtml(input));
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`reproduce: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
