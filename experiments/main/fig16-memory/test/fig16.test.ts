import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureGrid, fixtureRun, plotRun } from '@alsatian/exp-shared';
import experiment from '../src/experiment.ts';
import { modelBytes, widestIntermediateBytes } from '../src/memory-rule.ts';

const TOTALS: Record<string, number[]> = { baseline: [100, 101, 102], shift: [60, 61, 62], alsatian: [20, 35, 40] };

function fixtureRows(totals = TOTALS) {
  return fixtureGrid(experiment).flatMap((cell) => {
    const level = [64, 10, 5].indexOf(cell.memoryGB);
    const total = totals[cell.strategy][level];
    const base = {
      experiment: 'fig16-memory',
      figure: 'fig16',
      scale: 'quick',
      repetition: 0,
      ...cell,
      scope: 'search',
    };
    return [
      { ...base, category: 'prepareModel', seconds: total * 0.5 },
      { ...base, category: 'inference', seconds: total * 0.5 },
      {
        ...base,
        category: 'total',
        seconds: total,
        runs: cell.strategy === 'alsatian' ? 3 + 4 * level : 3,
        peakCacheBytes: 1e6,
      },
    ];
  });
}

describe('fig16-memory', () => {
  it('the quick grid runs every strategy at three levels whose Alsatian budgets shrink', () => {
    const grid = fixtureGrid(experiment);
    expect(grid).toHaveLength(9);
    const alsatian = grid.filter((c) => c.strategy === 'alsatian').map((c) => [c.memoryGB, c.cacheBudgetMB]);
    expect(alsatian.map(([gb]) => gb)).toEqual([64, 10, 5]);
    expect(alsatian[0][1]).toBeGreaterThan(alsatian[1][1]);
    expect(alsatian[1][1]).toBeGreaterThan(alsatian[2][1]);
  });

  it("bounds every strategy's page cache by the share of model files the paper's container could hold", () => {
    const grid = fixtureGrid(experiment);
    const setMB = Math.round((8 * modelBytes('resnet18')) / 1e6);
    const at = (gb: number) => grid.filter((c) => c.memoryGB === gb).map((c) => c.pageCacheMB);
    expect(at(64)).toEqual([setMB, setMB, setMB]); // 64 GB held all 35 ViT-L-32 files (42.9 GB)
    const share10 = 10e9 / (35 * modelBytes('vit_l_32'));
    expect(at(10)).toEqual(Array(3).fill(Math.round(share10 * setMB)));
    expect(at(5)[0]).toBeLessThan(at(10)[0]);
    // Alsatian's budget: the paper's 8000 MB is ~4.9 datasets of ViT-L-32's widest intermediate; ours the same.
    const widest = widestIntermediateBytes('resnet18', 64) * 256;
    const alsatian10 = grid.find((c) => c.memoryGB === 10 && c.strategy === 'alsatian')!;
    expect(alsatian10.cacheBudgetMB).toBe(
      Math.round(((8000e6 / (8000 * widestIntermediateBytes('vit_l_32', 224))) * widest) / 1e6),
    );
  });

  it('renders the per-strategy stacked bars and the report from fixture rows', async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'fig16-')), 'fig16-memory', 'quick');
    const run = fixtureRun(experiment, fixtureRows(), { runDir });
    await plotRun(experiment, run);
    const svg = await readFile(join(runDir, 'fig16-memory.svg'), 'utf8');
    for (const label of ['64 GB', '10 GB', '5 GB', 'Base', 'SHiFT', 'Alsatian', 'prepare model', '35.0'])
      expect(svg).toContain(label);
    const markdown = experiment.report(run);
    expect(markdown).toContain(
      '| 10 GB | 87 | 328 / 8000 | 101.0 | 61.0 | 35.0 | 7 | 2.9x | 1.7x | 1401 / 1370 / 528 | 2.7x / 2.6x |',
    );
    expect(markdown).toContain(
      "| Alsatian's time grows as memory shrinks | Alsatian's median time at each level > at the next larger " +
        'level | holds | holds |',
    );
    expect(markdown).toContain(
      "Alsatian's prepare model goes 10.0 -> 17.5 -> 20.0 s as memory shrinks (paper 155 -> 392 -> 443 s)",
    );
    expect(markdown).toContain('Each extra data run cost Alsatian 1.25 s of prepare model on average');
  });

  it('says when the shape inverts', () => {
    const markdown = experiment.report(fixtureRun(experiment, fixtureRows({ ...TOTALS, alsatian: [20, 120, 40] })));
    expect(markdown).toContain(
      "| Alsatian is the fastest in every cell | Alsatian's median time < Base's and < SHiFT's in each cell " +
        '| holds | differs: 10 GB |',
    );
    expect(markdown).toContain('| holds | differs: 120.0 -> 40.0 |');
  });
});
