/**
 * Runs made up for tests: RunData from fixture rows and a meta.json-shaped record (by default a 2-core machine on
 * the CPU provider whose page cache could not be dropped; override any field), and a CellContext for calling
 * runCell directly.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_FILE, readCsvRows, resolveInputs } from '@alsatian/bench';
import type { Cell, CellContext, Inputs, RunMeta, Scale, ScaleSettings } from '@alsatian/bench';
import { Rng, silentLogger } from '@alsatian/core';
import type { CsvRow, Experiment, RunData } from './experiment.ts';

export function fixtureMeta(
  experiment: Pick<Experiment, 'name' | 'figure' | 'description' | 'scales'>,
  scale: Scale = 'quick',
  overrides: Partial<RunMeta> = {},
): RunMeta {
  const settings = experiment.scales[scale];
  return {
    experiment: experiment.name,
    figure: experiment.figure,
    description: experiment.description,
    runId: scale,
    scale,
    seed: 42,
    executionProvider: 'cpu',
    inputs: {},
    provenance: {},
    status: 'complete',
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:10:00.000Z',
    git: { commit: '0'.repeat(40), dirty: false },
    node: 'v20.20.0',
    packages: { 'onnxruntime-node': '1.30.0' },
    system: {
      os: { platform: 'linux', release: '6', arch: 'x64', hostname: 'fixture' },
      cpu: { model: 'Fixture CPU', logicalCores: 2, availableParallelism: 2 },
      memory: { totalBytes: 24 * 2 ** 30, freeBytesAtStart: 8 * 2 ** 30 },
      node: 'v20.20.0',
      gpu: { names: [], source: 'none', reason: 'nvidia-smi is not installed and /proc/driver/nvidia/gpus lists none' },
    },
    coldCache: {
      freshProcessPerUnit: true,
      pageCache: {
        requested: true,
        method: 'sync; echo 3 > /proc/sys/vm/drop_caches',
        dropped: 0,
        notDropped: 4,
        reason: 'cannot write /proc/sys/vm/drop_caches (EROFS)',
      },
    },
    reductions: settings.reductions,
    files: { csv: 'results.csv' },
    config: { repetitions: settings.repetitions },
    sessions: [],
    ...overrides,
  };
}

export function fixtureRun<S extends ScaleSettings>(
  experiment: Pick<Experiment, 'name' | 'figure' | 'description' | 'inputs'> & {
    readonly scales: Readonly<Record<Scale, S>>;
  },
  rows: readonly CsvRow[],
  options: { readonly scale?: Scale; readonly runDir?: string; readonly meta?: Partial<RunMeta> } = {},
): RunData<S> {
  const scale = options.scale ?? 'quick';
  const meta = fixtureMeta(experiment, scale, options.meta);
  return {
    runDir: options.runDir ?? tmpdir(),
    scale,
    settings: experiment.scales[scale],
    inputs: resolveInputs(experiment, meta.inputs),
    meta,
    rows,
  };
}

export function fixtureCellContext<S extends ScaleSettings>(
  experiment: Pick<Experiment, 'name' | 'inputs'> & { readonly scales: Readonly<Record<Scale, S>> },
  options: { readonly scale?: Scale; readonly runDir?: string; readonly inputs?: Inputs } = {},
): CellContext<S> {
  const scale = options.scale ?? 'quick';
  return {
    experiment: experiment.name,
    scale,
    settings: experiment.scales[scale],
    inputs: resolveInputs(experiment, options.inputs),
    ep: 'cpu',
    seed: 42,
    repetition: 0,
    cellId: 'c0',
    runDir: options.runDir ?? tmpdir(),
    rng: Rng.derive(1, 'fixture'),
    logger: silentLogger,
  };
}

/** The cells of a scale, as the runner asks for them. */
export function fixtureGrid<C extends Cell, S extends ScaleSettings>(
  experiment: Pick<Experiment<C, S>, 'name' | 'inputs' | 'grid' | 'scales'>,
  scale: Scale = 'quick',
  inputs: Inputs = {},
): readonly C[] {
  return experiment.grid(experiment.scales[scale], { scale, inputs: resolveInputs(experiment, inputs) });
}

/** fixtureRun over the rows of `<runDir>/results.csv` (a CSV a test wrote as the runner would). */
export async function fixtureRunFromCsv<S extends ScaleSettings>(
  experiment: Pick<Experiment, 'name' | 'figure' | 'description' | 'inputs'> & {
    readonly scales: Readonly<Record<Scale, S>>;
  },
  runDir: string,
  meta?: Partial<RunMeta>,
): Promise<RunData<S>> {
  return fixtureRun(experiment, await readCsvRows(join(runDir, CSV_FILE)), { runDir, meta });
}
