import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_FILE } from '@alsatian/bench';
import { writeFixtureCsv } from '@alsatian/exp-shared';
import { plotFig10 } from '../src/charts.ts';
import experiment from '../src/experiment.ts';
import { report } from '../src/report.ts';
import { checkShape, endToEndPoints } from '../src/summary.ts';

/** Totals (and the ranking columns) for one fixture cell; Alsatian's time shrinks with fewer retrained blocks. */
function fixtureRows(): Record<string, string | number | null>[] {
  const rows: Record<string, string | number | null>[] = [];
  const seconds: Record<string, [number, number, number]> = { 'top-50': [100, 80, 40], 'top-25': [100, 80, 25], 'top-layers': [100, 80, 10] };
  for (const items of [96, 256]) {
    for (const architecture of ['resnet18', 'mobilenet_v2']) {
      for (const [distribution, [base, shift, als]] of Object.entries(seconds)) {
        for (const [approach, s, winner] of [['Base', base, 'm1'], ['SHiFT', shift, 'm2'], ['Alsatian', als, 'm1']] as const) {
          const common = { experiment: 'fig10-end-to-end', figure: 'fig10', scale: 'quick', repetition: 0, approach, architecture, distribution, items, scope: 'search' };
          rows.push({ ...common, category: 'inference', seconds: s / 2, winner: null, ranking: null });
          rows.push({ ...common, category: 'total', seconds: s * (items / 96), winner, ranking: approach === 'Base' ? 'm1 m2 m3' : winner });
        }
      }
    }
  }
  return rows;
}

describe('fig10-end-to-end', () => {
  it('the quick grid covers every (items, distribution, architecture) with the three approaches', () => {
    const grid = experiment.grid('quick');
    expect(grid).toHaveLength(2 * 3 * 2 * 3);
    expect(new Set(grid.map((c) => c.approach))).toEqual(new Set(['Base', 'SHiFT', 'Alsatian']));
    for (const c of grid) expect(c.train + c.test).toBe(c.items);
    expect(experiment.grid('paper').filter((c) => c.approach === 'Base')).toHaveLength(24);
  });

  it('renders the grouped bars with speedup labels and the report from a fixture CSV', async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'fig10-')), 'fig10-end-to-end', 'quick');
    await writeFixtureCsv(join(runDir, CSV_FILE), fixtureRows());
    const images = await plotFig10(runDir);
    expect(existsSync(join(runDir, images[0]))).toBe(true);
    const svg = await readFile(join(runDir, 'fig10-end-to-end.svg'), 'utf8');
    for (const label of ['resnet18', 'mobilenet_v2', 'Top Layers', 'Top 50 %', '96 items', '256 items', '10.0x', '1.3x', 'quick scale']) expect(svg).toContain(label);

    const section = await report(runDir);
    expect(section.images).toEqual(['fig10-end-to-end/quick/fig10-end-to-end.png']);
    expect(section.markdown).toContain('| 96 | Top Layers | resnet18 | 100.0 | 80.0 | 10.0 | 1.3x | 10.0x | 8.0x | 2000, resnet18 | 1.2x | 6.7x |');
    expect(section.markdown).toContain('Alsatian is the fastest in every cell and its speedup over Base grows');
    expect(section.markdown).toContain('| resnet18 | top-50 | 96 | SHiFT | 2 of 3 |');
    expect(section.markdown).toContain('ours varies by up to 1.00x');
  });

  it('the shape check names cells where Alsatian loses or its advantage does not grow', () => {
    const rows = fixtureRows().map((r) => (r.approach === 'Alsatian' && r.distribution === 'top-layers' && r.architecture === 'mobilenet_v2' && r.items === 96 ? { ...r, seconds: 120 } : r));
    const shape = checkShape(endToEndPoints(rows.filter((r) => r.category === 'total')));
    expect(shape.alsatianNotFastest.map((p) => `${p.architecture}/${p.distribution}/${p.items}`)).toEqual(['mobilenet_v2/top-layers/96']);
    expect(shape.notGrowing.map((g) => `${g.architecture}/${g.items}`)).toEqual(['mobilenet_v2/96']);
  });
});
