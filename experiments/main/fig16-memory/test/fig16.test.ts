import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_FILE } from '@alsatian/bench';
import { writeFixtureCsv } from '@alsatian/exp-shared';
import { plotFig16 } from '../src/charts.ts';
import experiment from '../src/experiment.ts';
import { report } from '../src/report.ts';

const TOTALS: Record<string, number[]> = { Base: [100, 101, 102], SHiFT: [60, 61, 62], Alsatian: [20, 35, 40] };

function fixtureRows() {
  return experiment.grid('quick').flatMap((cell) => {
    const level = [64, 10, 5].indexOf(cell.memoryGB);
    const total = TOTALS[cell.approach][level];
    const base = { experiment: 'fig16-memory', figure: 'fig16', scale: 'quick', repetition: 0, ...cell, scope: 'search' };
    return [
      { ...base, category: 'prepareModel', seconds: total * 0.5 },
      { ...base, category: 'inference', seconds: total * 0.5 },
      { ...base, category: 'total', seconds: total, runs: cell.approach === 'Alsatian' ? 3 + 4 * level : 3, peakCacheBytes: 1e6 },
    ];
  });
}

describe('fig16-memory', () => {
  it('the quick grid runs every approach at three levels whose Alsatian budgets shrink', () => {
    const grid = experiment.grid('quick');
    expect(grid).toHaveLength(9);
    const alsatian = grid.filter((c) => c.approach === 'Alsatian').map((c) => [c.memoryGB, c.cacheBudgetMB]);
    expect(alsatian.map(([gb]) => gb)).toEqual([64, 10, 5]);
    expect(alsatian[0][1]).toBeGreaterThan(alsatian[1][1]);
    expect(alsatian[1][1]).toBeGreaterThan(alsatian[2][1]);
    expect(String(experiment.config?.('quick').memoryLimitImposedBy)).toMatch(/cache budget/);
  });

  it('renders the per-approach stacked bars and the report from a fixture CSV', async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'fig16-')), 'fig16-memory', 'quick');
    await writeFixtureCsv(join(runDir, CSV_FILE), fixtureRows());
    const images = await plotFig16(runDir);
    expect(existsSync(join(runDir, images[0]))).toBe(true);
    const svg = await readFile(join(runDir, 'fig16-memory.svg'), 'utf8');
    for (const label of ['64 GB', '10 GB', '5 GB', 'Base', 'SHiFT', 'Alsatian', 'prepare model', '35.0']) expect(svg).toContain(label);
    const section = await report(runDir);
    expect(section.images).toEqual(['fig16-memory/quick/fig16-memory.png']);
    expect(section.markdown).toContain('| 10 GB | 9 / 8000 | 101.0 | 61.0 | 35.0 | 7 | 2.9x | 1.7x | 1401 / 1370 / 528 | 2.7x / 2.6x |');
    expect(section.markdown).toContain("Alsatian's time goes 20.0 -> 35.0 -> 40.0 s");
    expect(section.markdown).toContain('Each extra data run cost Alsatian about 1.25 s of prepare model');
  });
});
