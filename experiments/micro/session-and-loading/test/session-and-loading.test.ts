import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@alsatian/core';
import { blocksAt, fixtureRunFromCsv, plotRun } from '@alsatian/exp-shared';
import { CHART_FILE } from '../src/charts.ts';
import experiment from '../src/experiment.ts';
import { measureLoading, STAGES } from '../src/measure.ts';

let root: string;
let runDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'session-and-loading-'));
  runDir = join(root, 'session-and-loading', 'quick');
  await mkdir(runDir, { recursive: true });
  const lines = [
    'experiment,figure,scale,cellId,repetition,architecture,imageSize,stage,seconds,weightBytes,blocks,pageCache',
  ];
  for (const [arch, bytes] of [
    ['resnet18', 44_700_000],
    ['resnet50', 94_000_000],
  ] as const) {
    const mb = bytes / 1e6;
    for (const [stage, seconds] of [
      ['readThrottled', mb / 200],
      ['readUnthrottled', mb / 1000],
      ['lower', 0.05],
      ['session', mb / 100],
    ] as const) {
      lines.push(
        `session-and-loading,micro-loading,quick,c1,0,${arch},64,${stage},${seconds},${bytes},14,` +
          `${stage.startsWith('read') ? 'dropped' : 'n/a'}`,
      );
    }
  }
  await writeFile(join(runDir, 'results.csv'), `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('session-and-loading chart and report', () => {
  it('renders one line per stage over the weight size', async () => {
    await plotRun(experiment, await fixtureRunFromCsv(experiment, runDir));
    const svg = await readFile(join(runDir, `${CHART_FILE}.svg`), 'utf8');
    expect((await stat(join(runDir, `${CHART_FILE}.png`))).size).toBeGreaterThan(1000);
    for (const label of ['read at 200 MB/s', 'read unthrottled', 'session creation', 'weights (MB)'])
      expect(svg).toContain(label);
  });

  it('reports seconds and the implied read rate per architecture', async () => {
    const markdown = experiment.report(await fixtureRunFromCsv(experiment, runDir));
    // resnet18: 44.7 MB read in 0.2235 s at the limit -> 200 MB/s; unthrottled 1000 MB/s; session 0.447 s.
    expect(markdown).toMatch(
      /\| resnet18 \| 44\.7 \| 46\.8 \| 0\.22 \| 200 \| 0\.04 \| 1000 \| 0\.05 \| 0\.45 \| dropped \|/,
    );
  });
});

describe('measureLoading', () => {
  it('reads a tiny model through a throttled and an unthrottled store, lowers it and creates its session', async () => {
    const scratch = join(root, 'scratch');
    const blocks = blocksAt('tiny_resnet', 32, 1);
    const drops: string[] = [];
    const rows = await measureLoading({
      architecture: 'tiny_resnet',
      blocks,
      scratchDir: scratch,
      readLimitBytesPerSec: 1e9,
      threads: 1,
      ep: 'cpu',
      logger: silentLogger,
      dropCache: async () => {
        drops.push('drop');
        return { dropped: false, reason: 'test' };
      },
    });
    expect(rows.map((r) => r.stage)).toEqual([...STAGES]);
    expect(drops).toHaveLength(2);
    const bytes = blocks.reduce((s, b) => s + [...b.weights.values()].reduce((t, w) => t + w.data.byteLength, 0), 0);
    expect(rows.every((r) => r.weightBytes === bytes && r.blocks === blocks.length)).toBe(true);
    expect(rows.filter((r) => String(r.stage).startsWith('read')).every((r) => r.pageCache === 'warm')).toBe(true);
    // The scratch store is removed after measuring.
    expect(await readdir(scratch)).toEqual([]);
  });
});
