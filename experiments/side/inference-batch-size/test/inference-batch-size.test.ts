import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@alsatian/core';
import { blocksAt, fixtureRunFromCsv, plotRun } from '@alsatian/exp-shared';
import { CHART_FILE } from '../src/charts.ts';
import experiment from '../src/experiment.ts';
import { measureBatchSweep } from '../src/measure.ts';

let root: string;
let runDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'inference-batch-size-'));
  runDir = join(root, 'inference-batch-size', 'quick');
  await mkdir(runDir, { recursive: true });
  const lines = [
    'experiment,figure,scale,cellId,repetition,architecture,imageSize,batchSize,batchIndex,seconds,msPerItem,threads',
  ];
  // resnet18: 4, 2, 1.5 ms per item at batch 1, 4, 16 (best 16, 2.67x over batch 1); vit_b_32: 3, 3.5, 3.2 (best 1).
  for (const [arch, perItem] of [
    ['resnet18', [4, 2, 1.5]],
    ['vit_b_32', [3, 3.5, 3.2]],
  ] as const) {
    [1, 4, 16].forEach((batch, i) => {
      for (const jitter of [0.1, 0, -0.1]) {
        const ms = perItem[i] + jitter;
        lines.push(`inference-batch-size,side,quick,c1,0,${arch},64,${batch},0,${(ms * batch) / 1000},${ms},2`);
      }
    });
  }
  await writeFile(join(runDir, 'results.csv'), `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('inference-batch-size chart and report', () => {
  it('renders one line per architecture over batch size', async () => {
    await plotRun(experiment, await fixtureRunFromCsv(experiment, runDir));
    const svg = await readFile(join(runDir, `${CHART_FILE}.svg`), 'utf8');
    expect((await stat(join(runDir, `${CHART_FILE}.png`))).size).toBeGreaterThan(1000);
    for (const label of ['resnet18', 'vit_b_32', 'batch size', 'ms per item (median)']) expect(svg).toContain(label);
  });

  it('reports the median ms per item per batch size, the best batch size and its gain', async () => {
    const markdown = experiment.report(await fixtureRunFromCsv(experiment, runDir));
    expect(markdown).toContain('| resnet18 | 4.00 | 2.00 | 1.50 | 16 | 2.67x |');
    expect(markdown).toContain('| vit_b_32 | 3.00 | 3.50 | 3.20 | 1 | 1.00x |');
  });
});

describe('measureBatchSweep', () => {
  it('times each batch size on one session and divides by the items', async () => {
    const rows = await measureBatchSweep({
      blocks: blocksAt('tiny_resnet', 32, 1),
      batchSizes: [1, 3],
      warmupBatches: 0,
      batches: 2,
      threads: 1,
      ep: 'cpu',
      logger: silentLogger,
    });
    expect(rows.map((r) => r.batchSize)).toEqual([1, 1, 3, 3]);
    for (const r of rows) expect(r.msPerItem).toBeCloseTo((Number(r.seconds) * 1000) / Number(r.batchSize), 9);
  });
});
