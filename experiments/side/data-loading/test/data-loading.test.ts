import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRunFromCsv, plotRun } from '@alsatian/exp-shared';
import { silentLogger } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { CHART_FILE } from '../src/charts.ts';
import experiment from '../src/experiment.ts';
import { measureDataLoading } from '../src/measure.ts';
import { ensureJpegFolder, ensureTensorFile, readTensorBatches } from '../src/sources.ts';

let root: string;
let runDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'data-loading-'));
  runDir = join(root, 'data-loading', 'quick');
  await mkdir(runDir, { recursive: true });
  const lines = [
    'experiment,figure,scale,cellId,repetition,source,workers,batchSize,items,batches,pageCache,metric,' +
      'seconds,imagesPerSecond',
  ];
  for (const [source, workers, perSecond] of [
    ['jpeg-folder', 1, 100],
    ['jpeg-folder', 2, 180],
    ['tensor-file', 1, 900],
    ['tensor-file', 2, 1500],
  ] as const) {
    for (const [k, batch] of [16, 64].entries()) {
      const ips = perSecond * (1 + k * 0.1);
      lines.push(
        `data-loading,side,quick,c1,0,${source},${workers},${batch},320,${320 / batch},dropped,total,` +
          `${320 / ips},${ips}`,
      );
      lines.push(
        `data-loading,side,quick,c1,0,${source},${workers},${batch},320,${320 / batch},dropped,firstBatch,0.25,`,
      );
      lines.push(
        `data-loading,side,quick,c1,0,${source},${workers},${batch},320,${320 / batch}` +
          `,dropped,afterFirstBatch,1,${ips * 2}`,
      );
    }
  }
  await writeFile(join(runDir, 'results.csv'), `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('data-loading chart and report', () => {
  it('renders lines per worker count over batch size, one panel per source', async () => {
    await plotRun(experiment, await fixtureRunFromCsv(experiment, runDir));
    const svg = await readFile(join(runDir, `${CHART_FILE}.svg`), 'utf8');
    expect((await stat(join(runDir, `${CHART_FILE}.png`))).size).toBeGreaterThan(1000);
    for (const label of ['jpeg-folder', 'tensor-file', 'workers', 'images per second', 'batch size'])
      expect(svg).toContain(label);
  });

  it('reports images per second per configuration, the best of each source and the reference converted', async () => {
    const markdown = experiment.report(await fixtureRunFromCsv(experiment, runDir));
    expect(markdown).toContain('| jpeg-folder | 2 | 180 | 198 | 360 | 396 | 0.25 |');
    expect(markdown).toContain(
      'best JPEG folder 198 images/s (2 workers, batch 64); best tensor file 1650 images/s (2 read lanes, ' +
        'batch 64): 8.3x',
    );
    // Reference: 11 batches of 128 in 5.1 s with one worker.
    expect(markdown).toContain('| jpeg-folder | 1 | 128 | 276 |');
  });
});

describe('sources and measurement', () => {
  it('writes a JPEG folder once, pre-decodes it into an equal tensor file, and times both', async () => {
    const scratch = join(root, 'scratch');
    const spec = { items: 12, jpegSize: 40, imageSize: 32, seed: 3 };
    const jpeg = await ensureJpegFolder(scratch, spec);
    expect(await ensureJpegFolder(scratch, spec)).toBe(jpeg);
    const file = await ensureTensorFile(scratch, jpeg, spec);

    const dataset = await openDataset(jpeg, { imageSize: 32, workers: 0 });
    const decoded: number[] = [];
    for await (const b of dataset.train.batches({ start: 0, end: dataset.train.length }, { batchSize: 12 }))
      decoded.push(...(b.inputs[0].data as Float32Array));
    await dataset.close();
    const read: number[] = [];
    for await (const batch of readTensorBatches(file, 5, 2)) read.push(...batch);
    expect(read).toHaveLength(12 * 3 * 32 * 32);
    expect(read).toEqual(decoded);

    for (const [source, path] of [
      ['jpeg-folder', jpeg],
      ['tensor-file', file],
    ] as const) {
      const rows = await measureDataLoading({
        source,
        path,
        imageSize: 32,
        workers: 1,
        batchSizes: [4, 12],
        logger: silentLogger,
        dropCache: async () => ({ dropped: false, reason: 'test' }),
      });
      const totals = rows.filter((r) => r.metric === 'total');
      expect(totals.map((r) => [r.batchSize, r.items, r.batches])).toEqual([
        [4, 12, 3],
        [12, 12, 1],
      ]);
      expect(totals.every((r) => r.pageCache === 'warm' && Number(r.imagesPerSecond) > 0)).toBe(true);
      // Only the pass with several batches has a steady state after its first batch.
      expect(rows.filter((r) => r.metric === 'afterFirstBatch').map((r) => r.batchSize)).toEqual([4]);
    }
  });
});
