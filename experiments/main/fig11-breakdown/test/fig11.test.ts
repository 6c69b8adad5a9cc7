import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_FILE, META_FILE } from '@alsatian/bench';
import { writeFileAtomic } from '@alsatian/core';
import { fixtureCellContext, fixtureGrid, fixtureRun, plotRun, writeFixtureCsv } from '@alsatian/exp-shared';
import experiment from '../src/experiment.ts';
import { reusedRows } from '../src/reuse.ts';

const CATEGORY_SECONDS: Record<string, Record<string, number>> = {
  baseline: { prepareModel: 10, prepareData: 6, inference: 30, proxy: 4, cache: 0, planning: 0.1 },
  shift: { prepareModel: 14, prepareData: 6, inference: 9, proxy: 1, cache: 0.5, planning: 0.1 },
  alsatian: { prepareModel: 4, prepareData: 1, inference: 5, proxy: 1, cache: 0.1, planning: 0.2 },
};

/** Search-scope rows of every quick cell, as fig11's CSV (or fig10's) would hold them. */
function fixtureRows(extra: Record<string, string | number> = {}, options: { parts?: boolean } = {}) {
  return fixtureGrid(experiment).flatMap((cell) => {
    const seconds = CATEGORY_SECONDS[cell.strategy];
    const total = Object.values(seconds).reduce((s, v) => s + v, 0);
    const base = {
      experiment: 'fig11-breakdown',
      figure: 'fig11',
      scale: 'quick',
      repetition: 0,
      ...cell,
      scope: 'search',
      ...extra,
    };
    // Prepare model's parts (rows of runs made since the split): read 20 %, lower 10 %, sessions 70 %.
    const parts = options.parts
      ? Object.entries({ read: 0.2, lower: 0.1, session: 0.7 }).map(([part, share]) => ({
          ...base,
          category: `prepareModel:${part}`,
          seconds: seconds.prepareModel * share,
          winner: null,
          ranking: null,
        }))
      : [];
    return [
      ...Object.entries(seconds).map(([category, s]) => ({
        ...base,
        category,
        seconds: s,
        winner: null,
        ranking: null,
      })),
      ...parts,
      {
        ...base,
        category: 'total',
        seconds: total,
        winner: cell.strategy === 'shift' ? 'm2' : 'm1',
        ranking: cell.strategy === 'baseline' ? 'm1 m2 m3' : null,
      },
    ];
  });
}

describe('fig11-breakdown', () => {
  it('renders both breakdown charts and the report from fixture rows', async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'fig11-')), 'fig11-breakdown', 'quick');
    const run = fixtureRun(experiment, fixtureRows(), { runDir });
    const charts = await plotRun(experiment, run);
    expect(charts.map((c) => c.image)).toEqual([
      'fig11-breakdown/quick/fig11-strategies.png',
      'fig11-breakdown/quick/fig11-alsatian-distributions.png',
    ]);
    const svg = await readFile(join(runDir, 'fig11-strategies.svg'), 'utf8');
    for (const label of [
      'resnet18, 256 items, Top 50 %',
      'resnet50, 256 items, Top Layers',
      'prepare model',
      'proxy score',
      'SHiFT',
      '50.1',
    ])
      expect(svg).toContain(label);
    const dists = await readFile(join(runDir, 'fig11-alsatian-distributions.svg'), 'utf8');
    for (const label of ['Top 25 %', 'resnet18, 256 items', 'resnet50, 256 items']) expect(dists).toContain(label);

    const markdown = experiment.report(run);
    // resnet18 at 256 items / Top 50 % stands for the paper's panel (a).
    expect(markdown).toContain(
      '| resnet18, 256 items, Top 50 % | Base | 10.0 / 6.0 / 30.0 / 4.0 (+ 0.1) = 50.1 | (a) resnet152, ' +
        '8000, Top 50 % | 116.4 / 92.1 / 437.8 / 68.9 = 715.1 |',
    );
    // The paper's observations, computed from the catalogue and from ours with the same formulas.
    expect(markdown).toContain(
      '- paper (a) resnet152, 8000 items, Top 50 %: SHiFT / Base prepare model 1.19x; SH cuts inference 3.7x ' +
        'and proxy 5.4x; SHiFT / Alsatian prepare data 7.1x; Alsatian / SHiFT proxy 0.98x.',
    );
    expect(markdown).toContain(
      '- ours, resnet18, 256 items, Top 50 %: SHiFT / Base prepare model 1.40x; SH cuts inference 3.3x and ' +
        'proxy 4.0x; SHiFT / Alsatian prepare data 6.0x; Alsatian / SHiFT proxy 1.00x.',
    );
  });

  it('adds the prepare-model split when the rows have it, without changing the breakdown', async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'fig11-')), 'fig11-breakdown', 'quick');
    const run = fixtureRun(experiment, fixtureRows({}, { parts: true }), { runDir });
    const charts = await plotRun(experiment, run);
    expect(charts.map((c) => c.image)).toContain('fig11-breakdown/quick/fig11-prepare-model-parts.png');
    const svg = await readFile(join(runDir, 'fig11-prepare-model-parts.svg'), 'utf8');
    for (const label of ['read blocks', 'lower to ONNX', 'create sessions', '14.0']) expect(svg).toContain(label);
    expect(experiment.report(run)).toContain(
      '| resnet18, 256 items, Top 50 % | Base | 10.0 / 6.0 / 30.0 / 4.0 (+ 0.1) = 50.1 |',
    );
  });

  it("reuses fig10's rows for a cell measured there with the same settings, and only then", async () => {
    const results = await mkdtemp(join(tmpdir(), 'fig11-reuse-'));
    const fig10Dir = join(results, 'fig10-end-to-end', 'quick');
    await writeFixtureCsv(join(fig10Dir, CSV_FILE), fixtureRows({ experiment: 'fig10-end-to-end' }));
    await writeFileAtomic(
      join(fig10Dir, META_FILE),
      JSON.stringify({ config: { seed: 42, executionProvider: 'cpu', settings: { batchSize: 32 } } }),
    );
    const ctx = fixtureCellContext(experiment, { runDir: join(results, 'fig11-breakdown', 'quick') });
    const cell = fixtureGrid(experiment).find((c) => c.strategy === 'shift')!;
    const rows = await experiment.runCell(cell, ctx);
    expect(rows.every((r) => r.reusedFrom === 'fig10-end-to-end')).toBe(true);
    expect(rows.find((r) => r.category === 'inference')?.seconds).toBe(9);
    expect(rows.find((r) => r.category === 'total')?.winner).toBe('m2');

    // A different seed, batch size, provider or set draw means different measurements: nothing is reused.
    expect(await reusedRows(cell, ctx, { batchSize: 32 })).toBeDefined();
    expect(await reusedRows(cell, { ...ctx, seed: 7 }, { batchSize: 32 })).toBeUndefined();
    expect(await reusedRows(cell, ctx, { batchSize: 64 })).toBeUndefined();
    expect(await reusedRows(cell, { ...ctx, ep: 'cuda' }, { batchSize: 32 })).toBeUndefined();
    expect(await reusedRows(cell, ctx, { batchSize: 32, paperIndices: true })).toBeUndefined();
  });
});
