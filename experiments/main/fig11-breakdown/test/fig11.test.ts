import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_FILE, META_FILE } from '@alsatian/bench';
import type { CellContext } from '@alsatian/bench';
import { Rng, silentLogger, writeFileAtomic } from '@alsatian/core';
import { writeFixtureCsv } from '@alsatian/exp-shared';
import { plotFig11 } from '../src/charts.ts';
import experiment from '../src/experiment.ts';
import { report } from '../src/report.ts';

const CATEGORY_SECONDS: Record<string, Record<string, number>> = {
  Base: { prepareModel: 10, prepareData: 6, inference: 30, proxy: 4, cache: 0, planning: 0.1 },
  SHiFT: { prepareModel: 14, prepareData: 6, inference: 9, proxy: 1, cache: 0.5, planning: 0.1 },
  Alsatian: { prepareModel: 4, prepareData: 1, inference: 5, proxy: 1, cache: 0.1, planning: 0.2 },
};

/** Search-scope rows of every quick cell, as fig11's CSV (or fig10's) would hold them. */
function fixtureRows(extra: Record<string, string | number> = {}) {
  return experiment.grid('quick').flatMap((cell) => {
    const seconds = CATEGORY_SECONDS[cell.approach];
    const total = Object.values(seconds).reduce((s, v) => s + v, 0);
    const base = { experiment: 'fig11-breakdown', figure: 'fig11', scale: 'quick', repetition: 0, ...cell, scope: 'search', ...extra };
    return [
      ...Object.entries(seconds).map(([category, s]) => ({ ...base, category, seconds: s, winner: null, ranking: null })),
      { ...base, category: 'total', seconds: total, winner: cell.approach === 'SHiFT' ? 'm2' : 'm1', ranking: cell.approach === 'Base' ? 'm1 m2 m3' : null },
    ];
  });
}

describe('fig11-breakdown', () => {
  it('renders both breakdown charts and the report from a fixture CSV', async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'fig11-')), 'fig11-breakdown', 'quick');
    await writeFixtureCsv(join(runDir, CSV_FILE), fixtureRows());
    const images = await plotFig11(runDir);
    expect(images).toEqual(['fig11-approaches.png', 'fig11-alsatian-distributions.png']);
    for (const image of images) expect(existsSync(join(runDir, image))).toBe(true);
    const svg = await readFile(join(runDir, 'fig11-approaches.svg'), 'utf8');
    for (const label of ['resnet18, 256 items, Top 50 %', 'resnet50, 256 items, Top Layers', 'prepare model', 'proxy score', 'SHiFT', '50.1']) expect(svg).toContain(label);
    const dists = await readFile(join(runDir, 'fig11-alsatian-distributions.svg'), 'utf8');
    for (const label of ['Top 25 %', 'resnet18, 256 items', 'resnet50, 256 items']) expect(dists).toContain(label);

    const section = await report(runDir);
    expect(section.images).toEqual(['fig11-breakdown/quick/fig11-approaches.png', 'fig11-breakdown/quick/fig11-alsatian-distributions.png']);
    // resnet18 at 256 items / Top 50 % stands for the paper's panel (a).
    expect(section.markdown).toContain('| resnet18, 256 items, Top 50 % | Base | 10.0 / 6.0 / 30.0 / 4.0 (+ 0.1) = 50.1 | (a) 8000, Top 50 % | 116.4 / 92.1 / 437.8 / 68.9 = 715.1 |');
    expect(section.markdown).toContain('SH cuts inference 3.3x');
  });

  it("reuses fig10's rows for a cell measured there with the same settings, and only then", async () => {
    const results = await mkdtemp(join(tmpdir(), 'fig11-reuse-'));
    const fig10Dir = join(results, 'fig10-end-to-end', 'quick');
    await writeFixtureCsv(join(fig10Dir, CSV_FILE), fixtureRows({ experiment: 'fig10-end-to-end' }));
    await writeFileAtomic(join(fig10Dir, META_FILE), JSON.stringify({ config: { seed: 42, experimentConfig: { batchSize: 32 } } }));
    const ctx = { experiment: 'fig11-breakdown', scale: 'quick', seed: 42, repetition: 0, cellId: 'c1', runDir: join(results, 'fig11-breakdown', 'quick'), rng: Rng.derive(1, 't'), logger: silentLogger } as CellContext;
    const cell = experiment.grid('quick').find((c) => c.approach === 'SHiFT')!;
    const rows = await experiment.runCell(cell, ctx);
    expect(rows.every((r) => r.reusedFrom === 'fig10-end-to-end')).toBe(true);
    expect(rows.find((r) => r.category === 'inference')?.seconds).toBe(9);
    expect(rows.find((r) => r.category === 'total')?.winner).toBe('m2');

    // A different seed means different measurements: nothing is reused (the cell would run; not done here).
    const { reusedRows } = await import('../src/reuse.ts');
    expect(await reusedRows(cell, { ...ctx, seed: 7 }, 32)).toBeUndefined();
    expect(await reusedRows(cell, ctx, 64)).toBeUndefined();
  });
});
