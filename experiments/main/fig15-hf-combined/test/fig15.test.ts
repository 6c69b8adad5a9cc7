import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureGrid, fixtureRun, plotRun } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import experiment from '../src/experiment.ts';
import { familyCounts } from '../src/scales.ts';
import type { Fig15Settings } from '../src/scales.ts';

let root: string;
let run: RunData<Fig15Settings>;
const TOTALS = { baseline: 120, shift: 150, alsatian: 40 } as const;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fig15-'));
  const runDir = join(root, 'fig15-hf-combined', 'quick');
  await mkdir(runDir, { recursive: true });
  const rows = [];
  for (const [strategy, total] of Object.entries(TOTALS)) {
    const base = {
      experiment: 'fig15-hf-combined',
      figure: 'fig15',
      scale: 'quick',
      cellId: `c${strategy}`,
      repetition: 0,
      strategy,
      setSize: 37,
      items: 128,
      train: 96,
      test: 32,
      blockCacheShare: 0.25,
      families: 'vit-b-16:5',
      tiny: 1,
      hfDir: '',
      scope: 'search',
      iteration: null,
      models: 37,
      blockCacheBytes: 400_000,
      storeUniqueBytes: 1_600_000,
    };
    for (const [category, share] of [
      ['prepareData', 0.25],
      ['prepareModel', 0.5],
      ['inference', 0.25],
    ] as const)
      rows.push({ ...base, category, seconds: total * share });
    rows.push({
      ...base,
      category: 'total',
      seconds: total,
      ranking: 'a b c',
      winner: strategy === 'shift' ? 'c' : 'a',
      sessionsReused: 10,
      sessionsCreated: strategy === 'shift' ? 90 : 30,
    });
  }
  run = fixtureRun(experiment, rows, { runDir });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fig15 charts and report', () => {
  it('renders the end-to-end bars and the breakdown, stating the block-cache budget', async () => {
    expect((await plotRun(experiment, run)).map((c) => c.name)).toEqual(['combined-end_to_end', 'combined-breakdown']);
    const bars = await readFile(join(run.runDir, 'combined-end_to_end.svg'), 'utf8');
    for (const text of [
      'All Hugging Face families in one search',
      '3.0x',
      '0.8x',
      'block cache 0.4 MB = 25 % of the 1.6 MB of unique weights',
    ])
      expect(bars).toContain(text);
    const breakdown = await readFile(join(run.runDir, 'combined-breakdown.svg'), 'utf8');
    for (const text of ['prepare model', 'prepare data', '150.0']) expect(breakdown).toContain(text);
  });

  it("reports times, speedups, block-cache reloads and the paper's numbers", async () => {
    const markdown = experiment.report(run);
    expect(markdown).toContain(
      '| 128 (paper 2000) | 120.0 / 150.0 / 40.0 | 3.0x / 3.8x / 0.80x | 10 / 90; 10 / 30 | 73 / 77.1 / 34.9 ' +
        '| 2.1x / 2.2x / 0.95x |',
    );
    expect(markdown).toContain('| 128 | SHiFT | 3 of 3 |');
    expect(markdown).toMatch(/fastest in every cell .* \| holds \| holds \|/);
  });
});

describe('grid', () => {
  it('holds every family at the paper scale (about 500 models) and names them in each cell', () => {
    const paper = fixtureGrid(experiment, 'paper');
    expect(paper).toHaveLength(6);
    expect(paper[0].setSize).toBe(familyCounts(1, 1).reduce((s, f) => s + f.count, 0));
    expect(paper[0].setSize).toBeGreaterThan(490);
    expect(paper[0].families.split(';')).toHaveLength(12);
    expect(fixtureGrid(experiment).every((c) => c.tiny === 1 && c.blockCacheShare === 0.25)).toBe(true);
  });

  it('searches the family folders found under --hf-dir', async () => {
    const dir = join(root, 'hf');
    for (const path of ['vit-b-16/a', 'vit-b-16/b', 'm-res-18/c']) await mkdir(join(dir, path), { recursive: true });
    const cells = fixtureGrid(experiment, 'quick', { 'hf-dir': dir });
    expect(cells.map((c) => `${c.families}|${c.setSize}|${c.tiny}`)).toEqual(Array(3).fill('vit-b-16;m-res-18|3|0'));
  });
});
