import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { BadInputError } from '@alsatian/core';
import { readMeta, runExperiment } from '../src/index.ts';
import type { RunOptions } from '../src/index.ts';
import { toyExperiment } from './fixtures/toy-experiment.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'bench-meta-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function options(extra: Partial<RunOptions> = {}): RunOptions {
  return { scale: 'quick', resultsDir: root, freshProcess: false, ...extra };
}

describe('meta.json', () => {
  it('records source, software, machine, scale, seed, times, cold-cache method and the resolved config', async () => {
    let drops = 0;
    const result = await runExperiment(
      toyExperiment,
      options({
        seed: 7,
        dropPageCache: true,
        ep: 'cpu',
        inputs: { note: 'from a test' },
        cacheDropper: async () => (drops++, { dropped: true }),
      }),
    );
    const meta = await readMeta(result.metaPath);
    if (meta === undefined) throw new Error('meta.json missing');
    expect(Object.keys(meta).sort()).toEqual(
      [
        'coldCache',
        'config',
        'description',
        'endedAt',
        'executionProvider',
        'experiment',
        'figure',
        'files',
        'git',
        'inputs',
        'node',
        'packages',
        'provenance',
        'reductions',
        'runId',
        'scale',
        'seed',
        'sessions',
        'startedAt',
        'status',
        'system',
      ].sort(),
    );
    expect(meta).toMatchObject({
      experiment: 'toy',
      figure: 'figT',
      runId: 'quick',
      scale: 'quick',
      seed: 7,
      executionProvider: 'cpu',
      status: 'complete',
      node: process.version,
    });
    expect(meta.git.commit).toMatch(/^[0-9a-f]{40}$/);
    const exists = await execa('git', ['cat-file', '-e', `${meta.git.commit}^{commit}`], { reject: false });
    expect(exists.exitCode).toBe(0);
    expect(typeof meta.git.dirty).toBe('boolean');
    const ort = JSON.parse(
      await readFile(new URL('../../../node_modules/onnxruntime-node/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(meta.packages['onnxruntime-node']).toBe(ort.version);
    expect(meta.packages['vega-lite']).toMatch(/^\d+\.\d+\.\d+/);
    expect(meta.system.cpu).toMatchObject({ model: cpus()[0].model.trim(), logicalCores: cpus().length });
    expect(meta.system.memory.totalBytes).toBeGreaterThan(0);
    expect(Date.parse(meta.startedAt)).toBeLessThanOrEqual(Date.parse(meta.endedAt ?? ''));
    expect(meta.coldCache).toEqual({
      freshProcessPerUnit: false,
      pageCache: { requested: true, method: 'sync; echo 3 > /proc/sys/vm/drop_caches', dropped: 4, notDropped: 0 },
    });
    expect(drops).toBe(4);
    expect(meta.reductions).toEqual(['2 and 3 items instead of 20 and 30']);
    expect(meta.config).toMatchObject({
      repetitions: 2,
      settings: { imageSize: 8 },
      inputs: { note: 'from a test' },
      freshProcess: false,
      dropPageCache: true,
    });
    expect((meta.config as { cells: unknown[] }).cells).toEqual(
      toyExperiment.grid(toyExperiment.scales.quick, { scale: 'quick', inputs: { note: '' } }),
    );
    expect(meta.inputs).toEqual({ note: 'from a test' });
    expect(meta.provenance).toEqual({ dataset: { kind: 'real', what: 'from a test' } });
    expect(meta.system.gpu.source === 'none' ? meta.system.gpu.reason : meta.system.gpu.names.join()).toMatch(/\S/);
  });

  it('records why the page cache was not dropped', async () => {
    const result = await runExperiment(
      toyExperiment,
      options({ dropPageCache: true, cacheDropper: async () => ({ dropped: false, reason: 'not root' }) }),
    );
    const meta = await readMeta(result.metaPath);
    expect(meta?.coldCache.pageCache).toMatchObject({ requested: true, dropped: 0, notDropped: 4, reason: 'not root' });
  });

  it('says the page cache was left alone when dropping is off', async () => {
    const result = await runExperiment(toyExperiment, options());
    const meta = await readMeta(result.metaPath);
    expect(meta?.coldCache.pageCache).toMatchObject({
      requested: false,
      dropped: 0,
      reason: 'disabled by the dropPageCache option',
    });
  });

  it('refuses an option the experiment does not declare, naming the ones it has', async () => {
    await expect(runExperiment(toyExperiment, options({ inputs: { checkpoints: 'x' } }))).rejects.toThrow(
      /has no option --checkpoints. Its own options: --note/,
    );
  });

  it('refuses to resume a run directory made with another configuration', async () => {
    await runExperiment(toyExperiment, options({ seed: 1 }));
    await expect(runExperiment(toyExperiment, options({ seed: 2 }))).rejects.toThrow(BadInputError);
    await expect(runExperiment(toyExperiment, options({ seed: 2 }))).rejects.toThrow(/differs in: .*seed/);
  });
});

describe('run directory lock', () => {
  it("refuses a run directory another live runner holds, and takes over a dead runner's lock", async () => {
    const runDir = join(root, 'toy', 'quick');
    await mkdir(runDir, { recursive: true });
    await writeFile(join(runDir, 'run.lock'), `${process.ppid}\n`);
    await expect(runExperiment(toyExperiment, options())).rejects.toThrow(/held by running process/);

    const exited = execa(process.execPath, ['-e', '0']);
    await exited;
    await writeFile(join(runDir, 'run.lock'), `${exited.pid}\n`);
    await expect(runExperiment(toyExperiment, options())).resolves.toMatchObject({ unitsRun: 4 });
    await expect(readFile(join(runDir, 'run.lock'))).rejects.toThrow(/ENOENT/);
  });
});
