/**
 * Every experiment's report built from a fixture run: the CSV of a real quick run (fixtures/runs/<name>.csv) with a
 * meta.json of a machine of the test's choosing, so a test can check what the reports say about other machines.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { castField } from '@alsatian/bench';
import type { RunMeta, Scale } from '@alsatian/bench';
import { fixtureRun, loadExperiment, runFacts } from '@alsatian/exp-shared';
import type { CsvRow, Experiment, ReportChart, ReportSection } from '@alsatian/exp-shared';
import { discoverExperiments } from '../report/discover.ts';
import type { ExperimentPackage } from '../report/discover.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURE_RUNS = fileURLToPath(new URL('./fixtures/runs/', import.meta.url));

/** A machine to pretend a run was measured on. */
export interface FixtureMachine {
  readonly meta: Partial<RunMeta>;
  /** Give every input the experiment declares (real checkpoints, corpora): the run used real data. */
  readonly realInputs: boolean;
  /** What the experiments' own page-cache columns say ('dropped' where they could drop it, else 'warm'). */
  readonly pageCacheColumn: 'dropped' | 'warm';
}

export async function fixtureRows(name: string, pageCacheColumn: FixtureMachine['pageCacheColumn']): Promise<CsvRow[]> {
  const records = parse(await readFile(join(FIXTURE_RUNS, `${name}.csv`), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return records.map((record) => {
    const row = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, castField(v)]));
    if (row.pageCache === 'dropped' || row.pageCache === 'warm') row.pageCache = pageCacheColumn;
    return row;
  });
}

/** The section of one experiment, charts as specs (not rendered), for a fixture machine. */
export async function fixtureSection(
  experiment: Experiment,
  machine: FixtureMachine,
  runDir: string,
  scale: Scale = 'quick',
): Promise<ReportSection> {
  const settings = experiment.scales[scale];
  const inputs = Object.fromEntries(
    Object.keys(experiment.inputs ?? {}).map((k) => [k, machine.realInputs ? `/data/real/${k}` : '']),
  );
  const rows = await fixtureRows(experiment.name, machine.pageCacheColumn);
  const meta: Partial<RunMeta> = {
    ...machine.meta,
    inputs,
    provenance: experiment.provenance?.(settings, inputs) ?? {},
    reductions: experiment.reductions?.(settings, inputs) ?? settings.reductions,
  };
  const run = fixtureRun(experiment, rows, { scale, runDir, meta });
  const charts: ReportChart[] = experiment
    .charts(run)
    .map((c) => ({ name: c.name, image: `${experiment.name}/${scale}/${c.name}.png`, spec: c.spec }));
  return {
    id: experiment.name,
    title: experiment.title,
    figure: experiment.figure,
    facts: runFacts(run.meta),
    charts,
    markdown: experiment.report(run),
  };
}

export async function everyExperiment(): Promise<{ pkg: ExperimentPackage; experiment: Experiment }[]> {
  return Promise.all(
    discoverExperiments(REPO_ROOT).map(async (pkg) => ({
      pkg,
      experiment: (await loadExperiment(pkg.dir)).experiment,
    })),
  );
}

const GIB = 2 ** 30;

/** A 64-core machine with an H200 running the CUDA provider, root, real inputs given. */
export const GPU_MACHINE: FixtureMachine = {
  realInputs: true,
  pageCacheColumn: 'dropped',
  meta: {
    executionProvider: 'cuda',
    system: {
      os: { platform: 'linux', release: '6.8', arch: 'x64', hostname: 'gpu-box' },
      cpu: { model: 'Intel Xeon Platinum 8480+', logicalCores: 64, availableParallelism: 64 },
      memory: { totalBytes: 512 * GIB, freeBytesAtStart: 400 * GIB },
      node: 'v22.1.0',
      gpu: { names: ['NVIDIA H200'], source: 'nvidia-smi' },
    },
    node: 'v22.1.0',
    packages: { 'onnxruntime-node': '1.31.0' },
    coldCache: {
      freshProcessPerUnit: true,
      pageCache: { requested: true, method: 'sync; echo 3 > /proc/sys/vm/drop_caches', dropped: 12, notDropped: 0 },
    },
  },
};

/** A 2-core machine without GPU on the CPU provider, not root (the drop fails), synthetic inputs only. */
export const SMALL_MACHINE: FixtureMachine = {
  realInputs: false,
  pageCacheColumn: 'warm',
  meta: {
    executionProvider: 'cpu',
    system: {
      os: { platform: 'linux', release: '6.1', arch: 'x64', hostname: 'laptop' },
      cpu: { model: 'AMD EPYC', logicalCores: 2, availableParallelism: 2 },
      memory: { totalBytes: 24 * GIB, freeBytesAtStart: 10 * GIB },
      node: 'v20.20.2',
      gpu: { names: [], source: 'none', reason: 'nvidia-smi is not installed and /proc/driver/nvidia/gpus lists none' },
    },
    coldCache: {
      freshProcessPerUnit: true,
      pageCache: {
        requested: true,
        method: 'sync; echo 3 > /proc/sys/vm/drop_caches',
        dropped: 0,
        notDropped: 12,
        reason: 'cannot write /proc/sys/vm/drop_caches (EACCES); run as root to drop the page cache',
      },
    },
  },
};
