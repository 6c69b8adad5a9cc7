import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvRows } from '@alsatian/bench';
import { silentLogger } from '@alsatian/core';
import { blocksAt, fixtureRunFromCsv, plotRun } from '@alsatian/exp-shared';
import { CHART_FILES } from '../src/charts.ts';
import experiment from '../src/experiment.ts';
import { measureCacheVsRecompute } from '../src/measure.ts';
import { startBlocks } from '../src/summary.ts';

let root: string;
let runDir: string;

// Four blocks: compute 1, 2, 3, 4 ms; reading their inputs takes 6, 1, 10, 0.5 ms (2, 1, 1, 0.5 MB).
const COMPUTE = [0.001, 0.002, 0.003, 0.004];
const READ = [0.006, 0.001, 0.01, 0.0005];
const BYTES = [2e6, 1e6, 1e6, 0.5e6];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cache-vs-recompute-'));
  runDir = join(root, 'cache-vs-recompute', 'quick');
  await mkdir(runDir, { recursive: true });
  const lines = [
    'experiment,figure,scale,cellId,repetition,architecture,imageSize,batchSize,block,kind,metric,seconds,' +
      'bytes,pageCache',
  ];
  for (const arch of ['resnet50', 'vit_b_32']) {
    for (let b = 0; b < 4; b++) {
      lines.push(`cache-vs-recompute,micro,quick,c1,0,${arch},64,8,${b},conv,read,${READ[b]},${BYTES[b]},dropped`);
      lines.push(`cache-vs-recompute,micro,quick,c1,0,${arch},64,8,${b},conv,compute,${COMPUTE[b]},${BYTES[b]},n/a`);
    }
  }
  await writeFile(join(runDir, 'results.csv'), `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('startBlocks', () => {
  it('counts consecutive following blocks whose summed compute fits into the read', async () => {
    const starts = startBlocks(await readCsvRows(join(runDir, 'results.csv'))).filter(
      (s) => s.architecture === 'resnet50',
    );
    // Block 0: 1+2+3 = 6 <= 6, adding 4 exceeds. Block 1: 2 > 1. Block 2: 3+4 = 7 <= 10 (all remaining). Block 3: 4 >
    // 0.5.
    expect(starts.map((s) => s.fits)).toEqual([3, 0, 2, 0]);
    expect(starts.map((s) => s.remaining)).toEqual([4, 3, 2, 1]);
  });
});

describe('cache-vs-recompute charts and report', () => {
  it('renders the count chart and the read-vs-compute chart with one panel per architecture', async () => {
    await plotRun(experiment, await fixtureRunFromCsv(experiment, runDir));
    for (const file of Object.values(CHART_FILES)) {
      const svg = await readFile(join(runDir, `${file}.svg`), 'utf8');
      expect((await stat(join(runDir, `${file}.png`))).size).toBeGreaterThan(1000);
      for (const label of ['resnet50', 'vit_b_32']) expect(svg).toContain(label);
    }
    expect(await readFile(join(runDir, `${CHART_FILES.fits}.svg`), 'utf8')).toContain('fit in read');
  });

  it('reports the counts, the measured read rate and the reference counts', async () => {
    const markdown = experiment.report(await fixtureRunFromCsv(experiment, runDir));
    // 4.5 MB read in 17.5 ms -> 257 MB/s; one start block (2) where all remaining fit, two where none fits.
    expect(markdown).toContain('| resnet50 (for resnet152) | 4 | 3, 0, 2, 0 | 1 / 4 | 2 / 4 | 257 |');
    expect(markdown).toContain('11, 21, then 54');
    expect(markdown).toContain('page cache dropped before every read');
  });
});

describe('measureCacheVsRecompute', () => {
  it('times every block of a tiny model and reads inputs of the real sizes back from the disk tier', async () => {
    const blocks = blocksAt('tiny_resnet', 32, 1);
    const scratch = join(root, 'scratch');
    const rows = await measureCacheVsRecompute({
      blocks,
      batchSize: 2,
      warmupRuns: 0,
      runs: 1,
      scratchDir: scratch,
      threads: 1,
      ep: 'cpu',
      logger: silentLogger,
      dropCache: async () => ({ dropped: false, reason: 'test' }),
    });
    expect(rows.filter((r) => r.metric === 'compute')).toHaveLength(blocks.length);
    expect(rows.filter((r) => r.metric === 'read')).toHaveLength(blocks.length);
    // Block 0 reads the image batch: 2 items of 3x32x32 float32.
    expect(rows.find((r) => r.block === 0 && r.metric === 'read')?.bytes).toBe(2 * 3 * 32 * 32 * 4);
    // Block i's input is block i-1's output.
    const perItem = blocks.map((b) =>
      b.descriptor.outputs.reduce((s, o) => s + o.shape.reduce((p, d) => p * d, 1) * 4, 0),
    );
    for (let i = 1; i < blocks.length; i++)
      expect(rows.find((r) => r.block === i && r.metric === 'read')?.bytes).toBe(2 * perItem[i - 1]);
    expect(await readdir(scratch)).toEqual([]);
  });
});
