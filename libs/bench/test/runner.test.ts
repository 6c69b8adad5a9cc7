import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { AlsatianError } from '@alsatian/core';
import { defineExperiment, readCsvRows, readMeta, runExperiment } from '../src/index.ts';
import type { RunOptions, RunProgressEvent } from '../src/index.ts';
import { toyExperiment, undeclaredColumnExperiment } from './fixtures/toy-experiment.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'bench-runner-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const noDrop = async () => ({ dropped: false as const, reason: 'test' });

const TOY_MODULE = new URL('./fixtures/toy-experiment.ts', import.meta.url).href;

function options(resultsDir: string, extra: Partial<RunOptions> = {}): RunOptions {
  return { scale: 'quick', resultsDir, freshProcess: false, cacheDropper: noDrop, moduleUrl: TOY_MODULE, ...extra };
}

async function uninterruptedCsv(scale: RunOptions['scale'] = 'quick'): Promise<string> {
  const result = await runExperiment(toyExperiment, options(join(root, 'reference'), { scale }));
  return readFile(result.csvPath, 'utf8');
}

function unitKeys(rows: Record<string, unknown>[]): string[] {
  return rows.map((r) => `${r.cellId}/${r.repetition}/${r.category}`);
}

describe('runExperiment, in process', () => {
  it('writes one tidy row per measured value with runner columns and cell parameters', async () => {
    const result = await runExperiment(toyExperiment, options(root));
    const rows = await readCsvRows(result.csvPath);
    expect(Object.keys(rows[0])).toEqual([
      'experiment',
      'figure',
      'scale',
      'cellId',
      'repetition',
      'strategy',
      'items',
      'category',
      'seconds',
      'label',
    ]);
    expect(rows).toHaveLength(2 * 2 * 4);
    expect(new Set(unitKeys(rows)).size).toBe(rows.length);
    expect(rows[0]).toMatchObject({
      experiment: 'toy',
      figure: 'figT',
      scale: 'quick',
      repetition: 0,
      strategy: 'baseline',
      items: 2,
      label: 'baseline, "quoted"',
    });
    // Repetition-major order: every cell once before any second repetition.
    expect(rows.map((r) => `${r.strategy}${r.repetition}`).filter((_, i) => i % 4 === 0)).toEqual([
      'baseline0',
      'alsatian0',
      'baseline1',
      'alsatian1',
    ]);
    expect(result).toMatchObject({ unitsRun: 4, unitsSkipped: 0 });
  });

  it('resumes after a failing unit and ends with the same CSV as an uninterrupted run', async () => {
    const reference = await uninterruptedCsv();
    const runDir = join(root, 'toy', 'quick');
    await mkdir(runDir, { recursive: true });
    await writeFile(join(runDir, 'fail-baseline-1'), 'throw');
    await expect(runExperiment(toyExperiment, options(root))).rejects.toThrow(
      /planned failure of baseline repetition 1/,
    );
    const partial = await readCsvRows(join(runDir, 'results.csv'));
    expect(partial).toHaveLength(2 * 4);

    const events: RunProgressEvent[] = [];
    const resumed = await runExperiment(toyExperiment, options(root, { onProgress: (e) => events.push(e) }));
    expect(resumed).toMatchObject({ unitsRun: 2, unitsSkipped: 2 });
    expect(await readFile(resumed.csvPath, 'utf8')).toBe(reference);
    expect(events.filter((e) => e.kind === 'unit-skipped')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ kind: 'unit-done', doneUnits: 4, totalUnits: 4 });
    expect(events.at(-1)?.estimatedRemainingSeconds).toBe(0);

    const meta = await readMeta(resumed.metaPath);
    expect(meta?.sessions.map((s) => s.status)).toEqual(['failed', 'complete']);
    expect(meta?.sessions[0].error).toMatch(/planned failure/);
    expect(meta?.status).toBe('complete');
  });

  it('drops a torn last line and redoes that unit', async () => {
    const reference = await uninterruptedCsv();
    const csv = join(root, 'reference', 'toy', 'quick', 'results.csv');
    const lines = reference.split('\n');
    // Keep the header and three complete units (1 + 12 lines), then half of the fourth unit's first line.
    const kept = lines.slice(0, 13).join('\n') + '\n' + lines[13].slice(0, 20);
    await writeFile(csv, kept);
    const resumed = await runExperiment(toyExperiment, options(join(root, 'reference')));
    expect(resumed).toMatchObject({ unitsRun: 1, unitsSkipped: 3 });
    expect(await readFile(csv, 'utf8')).toBe(reference);
  });

  it('skips everything on a rerun of a finished run', async () => {
    const first = await runExperiment(toyExperiment, options(root));
    const before = await readFile(first.csvPath, 'utf8');
    const again = await runExperiment(toyExperiment, options(root));
    expect(again).toMatchObject({ unitsRun: 0, unitsSkipped: 4 });
    expect(await readFile(first.csvPath, 'utf8')).toBe(before);
  });
});

describe('runExperiment, fresh processes', () => {
  it('runs each unit in its own process and resumes after a unit process is killed', async () => {
    const reference = await uninterruptedCsv('small');
    const runDir = join(root, 'toy', 'small');
    const csv = join(runDir, 'results.csv');
    await mkdir(runDir, { recursive: true });
    await writeFile(join(runDir, 'fail-alsatian-0'), 'kill');
    await expect(runExperiment(toyExperiment, options(root, { scale: 'small', freshProcess: true }))).rejects.toThrow(
      /killed by SIGKILL/,
    );
    expect(await readCsvRows(csv)).toHaveLength(4);

    const resumed = await runExperiment(toyExperiment, options(root, { scale: 'small', freshProcess: true }));
    expect(resumed).toMatchObject({ unitsRun: 1, unitsSkipped: 1 });
    expect(await readFile(csv, 'utf8')).toBe(reference);
    const pids = (await readFile(join(runDir, 'pids.txt'), 'utf8')).trim().split('\n').map(Number);
    expect(pids).toHaveLength(3);
    expect(new Set(pids).size).toBe(3);
    expect(pids).not.toContain(process.pid);
  });

  it('resumes after the runner itself is killed mid-experiment', async () => {
    const reference = await uninterruptedCsv('small');
    const runDir = join(root, 'toy', 'small');
    await mkdir(runDir, { recursive: true });
    await writeFile(join(runDir, 'fail-alsatian-0'), 'kill-runner');
    const runner = await execa(process.execPath, ['--import', 'tsx', join(FIXTURES, 'run-toy.ts'), root], {
      reject: false,
      cwd: FIXTURES,
    });
    expect(runner.signal).toBe('SIGKILL');
    expect(await readCsvRows(join(runDir, 'results.csv'))).toHaveLength(4);

    const resumed = await runExperiment(
      toyExperiment,
      options(root, { scale: 'small', freshProcess: true, dropPageCache: false }),
    );
    expect(resumed).toMatchObject({ unitsRun: 1, unitsSkipped: 1 });
    expect(await readFile(resumed.csvPath, 'utf8')).toBe(reference);
    const meta = await readMeta(resumed.metaPath);
    expect(meta?.sessions.map((s) => s.status)).toEqual(['running', 'complete']);
  });

  it('reports a user error raised in a unit process as an AlsatianError', async () => {
    const run = runExperiment(undeclaredColumnExperiment, options(root, { scale: 'small', freshProcess: true }));
    await expect(run).rejects.toThrow(AlsatianError);
    await expect(run).rejects.toThrow(/row column 'extra' is not declared/);
  });

  it('reports a definition the unit process cannot find', async () => {
    const renamed = defineExperiment({ ...toyExperiment, name: 'toy-renamed' });
    await expect(runExperiment(renamed, options(root, { scale: 'small', freshProcess: true }))).rejects.toThrow(
      /exports no experiment named 'toy-renamed'/,
    );
  });
});
