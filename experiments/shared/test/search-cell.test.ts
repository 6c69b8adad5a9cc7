import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, PREPARE_MODEL_PARTS } from '@alsatian/core';
import {
  prepareModelPartCategory,
  RANKING_SEPARATOR,
  runSearchCell,
  SEARCH_COLUMNS,
  snapshotSetKey,
  winnerRanks,
} from '../src/index.ts';
import type { SearchCellOptions } from '../src/index.ts';

const set = {
  architecture: 'tiny_resnet',
  count: 4,
  distribution: 'top-layers' as const,
  structure: 'chained' as const,
  seed: 3,
};

describe('runSearchCell', () => {
  it('returns tidy rows per (iteration, category) and search-wide rows; reuses the store next call', async () => {
    const storesDir = await mkdtemp(join(tmpdir(), 'exp-shared-stores-'));
    const base: Omit<SearchCellOptions, 'strategy'> = {
      set,
      dataset: { kind: 'synthetic', train: 24, test: 8, classes: 3 },
      storesDir,
      storeReadBytesPerSec: 0,
      batchSize: 8,
      dataWorkers: 0,
      threads: 1,
      ep: 'cpu',
    };
    const alsatian = await runSearchCell({ ...base, strategy: 'alsatian' });
    expect(alsatian.store.reused).toBe(false);
    expect(alsatian.store.models).toHaveLength(4);

    const iterationRows = alsatian.rows.filter((r) => r.scope === 'iteration');
    expect(iterationRows).toHaveLength(alsatian.result.iterations.length * CATEGORIES.length);
    expect(alsatian.result.iterations.length).toBeGreaterThan(1); // SH ran more than one iteration
    for (const it of alsatian.result.iterations) {
      expect(iterationRows.filter((r) => r.iteration === it.iteration).map((r) => r.category)).toEqual([...CATEGORIES]);
    }
    for (const row of alsatian.rows) {
      expect(Object.keys(row).sort()).toEqual([...SEARCH_COLUMNS].sort());
      expect(typeof row.seconds).toBe('number');
      expect(row.seconds as number).toBeGreaterThanOrEqual(0);
    }
    const totals = alsatian.rows.filter((r) => r.scope === 'search');
    const parts = PREPARE_MODEL_PARTS.map(prepareModelPartCategory);
    expect(totals.map((r) => r.category)).toEqual([...CATEGORIES, ...parts, 'total']);
    const total = totals.at(-1)!;
    expect(total.seconds).toBeCloseTo(alsatian.result.measurements.total, 9);
    const seconds = (categories: readonly string[]) =>
      totals.filter((r) => categories.includes(String(r.category))).reduce((s, r) => s + (r.seconds as number), 0);
    expect(seconds(CATEGORIES)).toBeCloseTo(total.seconds as number, 6);
    // Prepare model's parts are a second view of prepare model, not more time.
    expect(seconds(parts)).toBeCloseTo(seconds(['prepareModel']), 6);
    expect(String(total.ranking).split(RANKING_SEPARATOR).sort()).toEqual([...alsatian.store.models].sort());
    expect(total.winner).toBe(alsatian.result.ranking[0].model);

    const baseline = await runSearchCell({ ...base, strategy: 'baseline' });
    expect(baseline.store.reused).toBe(true);
    expect(baseline.store.dir).toBe(alsatian.store.dir);
    expect(baseline.result.iterations).toHaveLength(1);
    // Only the finished store is left: no temp folder from generation.
    expect(await readdir(storesDir)).toEqual([snapshotSetKey(set)]);

    // The SH regret comes from the CSV-shaped rows of both strategies of the same cell.
    const csvRows = [
      ...baseline.rows.map((r) => ({ ...r, strategy: 'baseline', architecture: 'tiny_resnet', repetition: 0 })),
      ...alsatian.rows.map((r) => ({ ...r, strategy: 'alsatian', architecture: 'tiny_resnet', repetition: 0 })),
    ];
    const ranks = winnerRanks(csvRows, ['architecture']);
    expect(ranks).toHaveLength(1);
    expect(ranks[0].strategy).toBe('alsatian');
    expect(ranks[0].rankInBase).toBe(
      baseline.result.ranking.findIndex((r) => r.model === alsatian.result.ranking[0].model) + 1,
    );
  });
});
