import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureGrid, fixtureRun, plotRun, searchPoints } from '@alsatian/exp-shared';
import experiment from '../src/experiment.ts';
import { referenceComparison } from '../src/reference-cells.ts';
import { shapeChecks } from '../src/report.ts';
import { KEYS } from '../src/summary.ts';

type Row = Record<string, string | number | null>;

/** Totals (and the ranking columns) per fixture cell; Alsatian's time shrinks with fewer retrained blocks. */
function fixtureRows(): Row[] {
  const rows: Row[] = [];
  const seconds: Record<string, [number, number, number]> = {
    'top-50': [100, 80, 40],
    'top-25': [100, 80, 25],
    'top-layers': [100, 80, 10],
  };
  for (const items of [96, 256]) {
    for (const architecture of ['resnet18', 'mobilenet_v2']) {
      for (const [distribution, [base, shift, als]] of Object.entries(seconds)) {
        for (const [strategy, s, winner] of [
          ['baseline', base, 'm1'],
          ['shift', shift, 'm2'],
          ['alsatian', als / (items / 96), 'm1'],
        ] as const) {
          const common = {
            experiment: 'fig10-end-to-end',
            figure: 'fig10',
            scale: 'quick',
            repetition: 0,
            strategy,
            architecture,
            distribution,
            items,
            scope: 'search',
          };
          rows.push({ ...common, category: 'inference', seconds: (s * (items / 96)) / 2, winner: null, ranking: null });
          rows.push({
            ...common,
            category: 'prepareModel',
            seconds: (s * (items / 96)) / 4,
            winner: null,
            ranking: null,
          });
          rows.push({
            ...common,
            category: 'total',
            seconds: s * (items / 96),
            winner,
            ranking: strategy === 'baseline' ? 'm1 m2 m3' : winner,
          });
        }
      }
    }
  }
  return rows;
}

describe('fig10-end-to-end', () => {
  it('the quick grid covers every (items, distribution, architecture) with the three strategies', () => {
    const grid = fixtureGrid(experiment);
    expect(grid).toHaveLength(2 * 3 * 2 * 3);
    expect(new Set(grid.map((c) => c.strategy))).toEqual(new Set(['baseline', 'shift', 'alsatian']));
    for (const c of grid) expect(c.train + c.test).toBe(c.items);
    expect(fixtureGrid(experiment, 'paper').filter((c) => c.strategy === 'baseline')).toHaveLength(24);
  });

  it('renders the grouped bars with speedup labels and the report from fixture rows', async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'fig10-')), 'fig10-end-to-end', 'quick');
    const run = fixtureRun(experiment, fixtureRows(), { runDir });
    const charts = await plotRun(experiment, run);
    expect(charts.map((c) => c.image)).toEqual(['fig10-end-to-end/quick/fig10-end-to-end.png']);
    const svg = await readFile(join(runDir, 'fig10-end-to-end.svg'), 'utf8');
    for (const label of [
      'resnet18',
      'mobilenet_v2',
      'Top Layers',
      'Top 50 %',
      '96 items',
      '256 items',
      '10.0x',
      '1.3x',
      'quick scale',
    ])
      expect(svg).toContain(label);

    const markdown = experiment.report(run);
    expect(markdown).toContain(
      '| 96 | Top Layers | resnet18 | 100.0 | 80.0 | 10.0 | 1.3x | 10.0x | 8.0x | 2000, resnet18 | 1.2x | 6.7x |',
    );
    expect(markdown).toContain(
      "| Alsatian is the fastest in every cell | Alsatian's median time < Base's and < SHiFT's in each cell " +
        '| holds | holds |',
    );
    expect(markdown).toMatch(/grows from Top 50 % to Top Layers \| .* \| holds \| holds \|/);
    expect(markdown).toMatch(/grows with the items \| .* \| holds \| holds \|/);
    expect(markdown).toContain('| resnet18 | top-50 | 96 | SHiFT | 2 of 3 |');
    expect(markdown).toContain('ours varies by up to 1.00x');
    expect(markdown).toContain('Base 25 % / 50 % (paper 16 % / 61 %)');
  });

  it('the shape checks name the cells where Alsatian loses or its advantage does not grow', () => {
    const rows = fixtureRows().map((r) =>
      r.strategy === 'alsatian' &&
      r.distribution === 'top-layers' &&
      r.architecture === 'mobilenet_v2' &&
      r.items === 96 &&
      r.category === 'total'
        ? { ...r, seconds: 120 }
        : r,
    );
    const table = shapeChecks(searchPoints(rows, KEYS));
    expect(table).toContain('| holds | differs: mobilenet_v2 / top-layers / 96 |');
    expect(table).toContain('| holds | differs: mobilenet_v2 / 96: 2.5x -> 0.8x |');
    // The slow cell is at the smaller item count, so the speedup still grows with the items there.
    expect(table).toMatch(/grows with the items \| Base \/ Alsatian at items 256 > at 96, .* \| holds \| holds \|/);
  });

  it("small runs the reference's 2-core configuration at 224 px; the report sets the reference beside ours", () => {
    const grid = fixtureGrid(experiment, 'small');
    expect(grid).toHaveLength(3 * 2 * 3);
    expect(new Set(grid.map((c) => `${c.train}/${c.test}`))).toEqual(new Set(['256/64', '512/128']));
    for (const c of grid) expect([c.architecture, c.setSize, c.imageSize]).toEqual(['resnet18', 35, 0]);

    const parts = { prepareModel: 4, prepareData: 1, inference: 8, proxy: 0.5, total: 14 };
    const rows = grid.flatMap((cell) =>
      Object.entries(parts).map(([category, seconds]) => ({
        ...cell,
        repetition: 0,
        scope: 'search',
        category,
        seconds: cell.strategy === 'baseline' ? seconds * 10 : seconds,
      })),
    );
    const small = referenceComparison(fixtureRun(experiment, rows, { scale: 'small' }));
    expect(small).toContain('measured on 2026-12-02 on a CPU machine with 2 cores, not in this run');
    expect(small).toContain('Its data: a 10-class folder of 256x256 JPEGs (quality 90)');
    expect(small).toContain(
      '| resnet18, Top Layers, 256/64 items | Alsatian | 14.0 (4.0 / 1.0 / 8.0 / 0.5) | ' +
        '35.1 (3.2 / 0.7 / 28.9 / 2.3) | 2.5x |',
    );
    expect(small).toContain('| resnet18, Top Layers, 256/64 items | Base | 140.0 (40.0 / 10.0 / 80.0 / 5.0) |');
    // Quick cells are another configuration: no comparison is drawn.
    expect(referenceComparison(fixtureRun(experiment, fixtureRows()))).toBe('');
  });
});
