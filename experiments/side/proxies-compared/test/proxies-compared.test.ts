import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureGrid, fixtureRunFromCsv, plotRun } from '@alsatian/exp-shared';
import { agreements, kendallTau, proxySummaries } from '../src/agreement.ts';
import { CHART_FILE } from '../src/charts.ts';
import experiment from '../src/experiment.ts';
import { readCsvRows } from '@alsatian/bench';

let root: string;
let runDir: string;

// Base rankings per proxy (best first) and Alsatian winners.
// Ids share the set's prefix, as generated snapshot ids do; the report abbreviates it.
const id = (names: string) =>
  names
    .split(' ')
    .map((n) => `set-s42-${n}`)
    .join(' ');
const BASE: Record<string, string> = { linear: id('m1 m2 m3 m4'), knn: id('m1 m3 m2 m4'), logme: id('m4 m3 m2 m1') };
const ALSATIAN_WINNER: Record<string, string> = { linear: id('m1'), knn: id('m3'), logme: id('m4') };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'proxies-compared-'));
  runDir = join(root, 'proxies-compared', 'quick');
  await mkdir(runDir, { recursive: true });
  const lines = [
    'experiment,figure,scale,cellId,repetition,proxy,strategy,scope,iteration,category,seconds,winner,ranking',
  ];
  for (const [i, proxy] of ['linear', 'knn', 'logme'].entries()) {
    for (const strategy of ['baseline', 'alsatian']) {
      const factor = strategy === 'baseline' ? 4 : 1;
      lines.push(`proxies-compared,side,quick,c${i},0,${proxy},${strategy},iteration,0,proxy,${0.1 * factor},,`);
      lines.push(`proxies-compared,side,quick,c${i},0,${proxy},${strategy},search,,proxy,${(0.5 + i) * factor},,`);
      const ranking = strategy === 'baseline' ? BASE[proxy] : `${ALSATIAN_WINNER[proxy]}`;
      lines.push(
        `proxies-compared,side,quick,c${i},0,${proxy},${strategy},search,,total,${(10 + i) * factor},` +
          `${ranking.split(' ')[0]},${ranking}`,
      );
    }
  }
  await writeFile(join(runDir, 'results.csv'), `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('kendallTau', () => {
  it('is 1 for the same order, -1 for the reverse, and counts discordant pairs in between', () => {
    expect(kendallTau(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toBe(1);
    expect(kendallTau(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'])).toBe(-1);
    // One swapped adjacent pair of 6 pairs: (5 - 1) / 6.
    expect(kendallTau(['a', 'c', 'b', 'd'], ['a', 'b', 'c', 'd'])).toBeCloseTo(4 / 6, 12);
  });

  it('rejects rankings of different models', () => {
    expect(() => kendallTau(['a', 'b'], ['a', 'c'])).toThrow(/same models/);
  });
});

describe('agreements', () => {
  it('compares each proxy with the linear Base ranking, places its Alsatian winner in its Base ranking', async () => {
    const a = agreements(proxySummaries(await readCsvRows(join(runDir, 'results.csv'))));
    expect(a.find((x) => x.proxy === 'linear')).toMatchObject({
      tauVsLinear: 1,
      alsatianWinnerRankInOwnBase: 1,
      baseWinnerRankInLinear: 1,
    });
    expect(a.find((x) => x.proxy === 'knn')).toMatchObject({
      alsatianWinnerRankInOwnBase: 2,
      baseWinnerRankInLinear: 1,
    });
    expect(a.find((x) => x.proxy === 'logme')).toMatchObject({
      tauVsLinear: -1,
      alsatianWinnerRankInOwnBase: 1,
      baseWinnerRankInLinear: 4,
    });
  });
});

describe('proxies-compared chart and report', () => {
  it('renders grouped bars per proxy with both strategies and both measures', async () => {
    await plotRun(experiment, await fixtureRunFromCsv(experiment, runDir));
    const svg = await readFile(join(runDir, `${CHART_FILE}.svg`), 'utf8');
    expect((await stat(join(runDir, `${CHART_FILE}.png`))).size).toBeGreaterThan(1000);
    for (const label of ['linear', 'knn', 'logme', 'Base', 'Alsatian', 'proxy scoring', 'search total'])
      expect(svg).toContain(label);
  });

  it('reports times, winners and rank agreement per proxy', async () => {
    const markdown = experiment.report(await fixtureRunFromCsv(experiment, runDir));
    expect(markdown).toContain("'…' stands for 'set-s42-'");
    expect(markdown).toContain('| linear | 2.00 | 40.0 | 0.50 | 10.0 | …m1 | …m1 | 1 | yes | 1.00 |');
    expect(markdown).toContain('| knn | 6.00 | 44.0 | 1.50 | 11.0 | …m1 | …m3 | 2 | yes | 0.67 |');
    expect(markdown).toContain('| logme | 10.00 | 48.0 | 2.50 | 12.0 | …m4 | …m4 | 1 | no (rank 4) | -1.00 |');
  });
});

describe('grid', () => {
  it('runs every proxy with Base and Alsatian on one store and dataset per scale', async () => {
    for (const scale of ['quick', 'small', 'paper'] as const) {
      const cells = fixtureGrid(experiment, scale);
      expect(cells.map((c) => `${c.proxy}/${c.strategy}`).sort()).toEqual([
        'knn/alsatian',
        'knn/baseline',
        'linear/alsatian',
        'linear/baseline',
        'logme/alsatian',
        'logme/baseline',
      ]);
      const setting = (c: (typeof cells)[number]) =>
        JSON.stringify([c.architecture, c.imageSize, c.snapshots, c.distribution, c.train, c.test]);
      expect(new Set(cells.map(setting)).size).toBe(1);
    }
  });
});
