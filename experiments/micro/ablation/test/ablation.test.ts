import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureCellContext, fixtureGrid, fixtureRun, plotRun } from '@alsatian/exp-shared';
import { IMPROVEMENT_NAMES } from '@alsatian/strategies';
import experiment from '../src/experiment.ts';
import type { AblationCell } from '../src/scales.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const TOTALS: Record<string, number> = {
  ours: 10,
  'without mergedTestPass': 12,
  'without keepPrepared': 15,
  'without prefetchBlocks': 11.5,
  'without bestOrder': 10.5,
  'without compiled units': 13,
  'without external weights': 11,
  'none of ours': 25,
};

function fixtureRows(ranking = (_variant: string) => 'm1 m0 m2') {
  return fixtureGrid(experiment).flatMap((cell) => {
    const total = TOTALS[cell.variant];
    const base = {
      experiment: 'ablation',
      figure: 'micro-ablation',
      scale: 'quick',
      repetition: 0,
      ...cell,
      scope: 'search',
    };
    return [
      { ...base, category: 'prepareModel', seconds: total * 0.4 },
      { ...base, category: 'inference', seconds: total * 0.6 },
      {
        ...base,
        category: 'total',
        seconds: total,
        sessionsCreated: cell.variant === 'ours' ? 9 : 20,
        sessionsReused: cell.variant === 'ours' ? 11 : 0,
        ranking: ranking(cell.variant),
      },
    ];
  });
}

describe('micro/ablation', () => {
  it('runs ours, each improvement and engine setting off on its own, and all off, on one Alsatian cell', () => {
    const grid = fixtureGrid(experiment);
    expect(grid.map((c) => c.variant)).toEqual([
      'ours',
      ...IMPROVEMENT_NAMES.map((n) => `without ${n}`),
      'without compiled units',
      'without external weights',
      'none of ours',
    ]);
    // The same cell for every variant.
    expect(new Set(grid.map((c) => JSON.stringify({ ...c, variant: '' }))).size).toBe(1);
    expect(grid.every((c) => c.strategy === 'alsatian')).toBe(true);
  });

  it('reports each variant against ours, from the rows alone', async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'ablation-')), 'ablation', 'quick');
    dirs.push(runDir);
    const run = fixtureRun(experiment, fixtureRows(), { runDir });
    await plotRun(experiment, run);
    const svg = await readFile(join(runDir, 'ablation.svg'), 'utf8');
    for (const label of ['ours', 'without keepPrepared', 'none of ours', 'prepare model']) expect(svg).toContain(label);
    const markdown = experiment.report(run);
    expect(markdown).toContain('| without keepPrepared | 15.0 | +5.0 s (1.50x) | 6.0 | 9.0 | 20 / 0 |');
    expect(markdown).toContain('| ours | 10.0 | – | 4.0 | 6.0 | 9 / 11 | (everything on) |');
    expect(markdown).toContain('Switched off alone, `keepPrepared` changed our total the most: +5.0 s.');
    expect(markdown).toContain('With none of our additions the same search took 25.0 s, 2.50x ours.');
    expect(markdown).toContain('Every variant returned the same ranking');
    const differing = experiment.report(
      fixtureRun(
        experiment,
        fixtureRows((v) => (v === 'without bestOrder' ? 'm0 m1 m2' : 'm1 m0 m2')),
      ),
    );
    expect(differing).toContain('did not all return the same ranking');
  });

  it('wires each variant into a real search: same ranking, fewer sessions reused with everything off', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'ablation-real-'));
    dirs.push(runDir);
    const ctx = fixtureCellContext(experiment, { runDir });
    const tiny = { ...ctx, settings: { ...ctx.settings, batchSize: 4 } };
    const cell = (variant: string): AblationCell => ({
      variant,
      strategy: 'alsatian',
      architecture: 'tiny_resnet',
      distribution: 'top-layers',
      items: 40,
      train: 32,
      test: 8,
      setSize: 6,
      imageSize: 32,
      cacheBudgetMB: 0,
      blockCacheMB: 0,
    });
    const total = (rows: readonly Record<string, unknown>[]) =>
      rows.find((r) => r.scope === 'search' && r.category === 'total')!;
    const ours = total(await experiment.runCell(cell('ours'), tiny));
    const none = total(await experiment.runCell(cell('none of ours'), tiny));
    expect(none.ranking).toBe(ours.ranking);
    expect(ours.sessionsReused).toBeGreaterThan(0);
    expect(none.sessionsReused).toBe(0);
  });
});
