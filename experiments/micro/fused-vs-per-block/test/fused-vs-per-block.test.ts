import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksAt, fixtureRunFromCsv, plotRun } from '@alsatian/exp-shared';
import { CHART_FILES } from '../src/charts.ts';
import experiment from '../src/experiment.ts';
import { measureFusedVsPerBlock } from '../src/measure.ts';
import { silentLogger } from '@alsatian/core';

let root: string;
let runDir: string;

/** A fixture CSV as the runner writes it: two architectures, one thread count, both modes, three batches. */
function fixtureCsv(): string {
  const header =
    'experiment,figure,scale,cellId,repetition,architecture,imageSize,batchSize,threads,mode,metric,' +
    'batchIndex,sessions,seconds';
  const lines = [header];
  const add = (arch: string, mode: string, metric: string, i: number, sessions: number, s: number) =>
    lines.push(
      `fused-vs-per-block,micro-seq-vs-merged,quick,c1,0,${arch},64,8,2,${mode},${metric},${i},${sessions},${s}`,
    );
  for (const [arch, blocks, fusedMs, chainMs] of [
    ['resnet18', 14, 0.02, 0.05],
    ['vit_b_32', 17, 0.04, 0.06],
  ] as const) {
    add(arch, 'fused', 'session', -1, 1, 0.5);
    add(arch, 'fused', 'lower', -1, 1, 0.1);
    add(arch, 'per-block', 'session', -1, blocks, 1.5);
    add(arch, 'per-block', 'lower', -1, blocks, 0.2);
    for (let b = 0; b < 3; b++) {
      add(arch, 'fused', 'batch', b, 1, fusedMs + b * 0.001);
      add(arch, 'per-block', 'batch', b, blocks, chainMs + b * 0.001);
    }
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fused-vs-per-block-'));
  runDir = join(root, 'fused-vs-per-block', 'quick');
  await mkdir(runDir, { recursive: true });
  await writeFile(join(runDir, 'results.csv'), fixtureCsv());
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fused-vs-per-block charts and report', () => {
  it('renders both charts from the CSV with the architectures and modes as labels', async () => {
    await plotRun(experiment, await fixtureRunFromCsv(experiment, runDir));
    for (const file of Object.values(CHART_FILES)) {
      const svg = await readFile(join(runDir, `${file}.svg`), 'utf8');
      expect((await stat(join(runDir, `${file}.png`))).size).toBeGreaterThan(1000);
      for (const label of ['resnet18', 'vit_b_32', 'fused', 'per-block']) expect(svg).toContain(label);
    }
  });

  it('reports medians per mode and their ratio next to the reference', async () => {
    const markdown = experiment.report(await fixtureRunFromCsv(experiment, runDir));
    // resnet18: median fused 21 ms, median chained 51 ms -> 2.43x; the reference's 14.26 / 14.18 ms is quoted.
    expect(markdown).toMatch(/\| resnet18 \| 2 \| 14 \| 21\.00 \| 51\.00 \| 2\.43x \| 0\.50 \| 1\.50 \|/);
    expect(markdown).toContain('14.26');
  });
});

describe('measureFusedVsPerBlock', () => {
  it('times a tiny model fused and chained, one session per block in the chain', async () => {
    const blocks = blocksAt('tiny_resnet', 32, 1);
    const rows = await measureFusedVsPerBlock({
      blocks,
      batchSize: 2,
      warmupBatches: 0,
      measuredBatches: 2,
      threads: 1,
      ep: 'cpu',
      logger: silentLogger,
    });
    const batches = rows.filter((r) => r.metric === 'batch');
    expect(batches.filter((r) => r.mode === 'fused')).toHaveLength(2);
    expect(batches.filter((r) => r.mode === 'per-block').every((r) => r.sessions === blocks.length)).toBe(true);
    expect(
      rows
        .filter((r) => r.metric === 'session')
        .map((r) => r.mode)
        .sort(),
    ).toEqual(['fused', 'per-block']);
    expect(rows.every((r) => typeof r.seconds === 'number' && r.seconds >= 0)).toBe(true);
  });
});
