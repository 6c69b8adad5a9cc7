import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { snapshotStore } from '@alsatian/store/testing';

const BIN = new URL('../bin/alsatian.mjs', import.meta.url).pathname;
const DATASET = 'synthetic:classes=3,train=24,test=12,size=32,seed=2';

describe('alsatian search', () => {
  it('prints the ranking, measurements by category and iteration, and the peak cache as JSON', async () => {
    const { store, ids } = await snapshotStore('tiny_resnet', [1, 2, 3], { chained: true });
    const { stdout } = await execa('node', [
      BIN,
      'search',
      '--store',
      store.dir,
      '--dataset',
      DATASET,
      '--strategy',
      'alsatian',
      '--batch-size',
      '4',
      '--deterministic',
      '--json',
      '--workers',
      '0',
    ]);
    const out = JSON.parse(stdout);
    expect(out.ranking.map((r: { model: string }) => r.model).sort()).toEqual([...ids].sort());
    expect(Object.keys(out.measurements).sort()).toEqual([
      'cache',
      'inference',
      'planning',
      'prepareData',
      'prepareModel',
      'prepareModelParts',
      'proxy',
      'total',
    ]);
    const parts = out.measurements.prepareModelParts;
    expect(Object.keys(parts).sort()).toEqual(['lower', 'read', 'session']);
    expect(parts.read + parts.lower + parts.session).toBeCloseTo(out.measurements.prepareModel, 9);
    expect(parts.read).toBeGreaterThan(0);
    expect(parts.session).toBeGreaterThan(0);
    expect(out.improvements).toEqual({
      mergedTestPass: true,
      keepPrepared: true,
      prefetchBlocks: true,
      bestOrder: true,
    });
    expect(out.iterations).toHaveLength(2);
    expect(out.iterations.map((i: { sessionsCreated: number }) => i.sessionsCreated)[0]).toBeGreaterThan(0);
    expect(out.peakCacheBytes).toBeGreaterThan(0);
    expect(out.peakCacheBytes).toBeLessThanOrEqual(out.cacheBudgetBytes);
  });

  it("switches improvements off with --without (all: the paper's strategy), and rejects unknown ones", async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2, 3], { chained: true });
    const args = [
      'search',
      '--store',
      store.dir,
      '--dataset',
      DATASET,
      '--batch-size',
      '4',
      '--deterministic',
      '--json',
      '--workers',
      '0',
    ];
    const paper = JSON.parse((await execa('node', [BIN, ...args, '--without', 'all'])).stdout);
    expect(paper.improvements).toEqual({
      mergedTestPass: false,
      keepPrepared: false,
      prefetchBlocks: false,
      bestOrder: false,
    });
    const some = JSON.parse((await execa('node', [BIN, ...args, '--without', 'keepPrepared'])).stdout);
    expect(some.improvements).toEqual({
      mergedTestPass: true,
      keepPrepared: false,
      prefetchBlocks: true,
      bestOrder: true,
    });
    const bad = await execa('node', [BIN, ...args, '--without', 'speed'], { reject: false });
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toMatch(
      /--without: unknown improvement 'speed'.*mergedTestPass, keepPrepared, prefetchBlocks, bestOrder/,
    );
  });

  it('fails with a clear message and a non-zero exit for bad options', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1], {});
    const bad = await execa(
      'node',
      [BIN, 'search', '--store', store.dir, '--dataset', DATASET, '--strategy', 'fastest'],
      { reject: false },
    );
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toMatch(/--strategy must be one of baseline, shift, alsatian/);
    const budget = await execa(
      'node',
      [BIN, 'search', '--store', store.dir, '--dataset', DATASET, '--cache-budget', 'lots'],
      { reject: false },
    );
    expect(budget.exitCode).not.toBe(0);
    expect(budget.stderr).toMatch(/--cache-budget/);
    const verify = await execa(
      'node',
      [BIN, 'search', '--store', store.dir, '--dataset', DATASET, '--verify-reads', 'sometimes'],
      { reject: false },
    );
    expect(verify.exitCode).not.toBe(0);
    expect(verify.stderr).toMatch(/--verify-reads must be one of once, always, never; got 'sometimes'/);
    const tiny = await execa(
      'node',
      [BIN, 'search', '--store', store.dir, '--dataset', DATASET, '--cache-budget', '16B', '--workers', '0'],
      { reject: false },
    );
    expect(tiny.exitCode).not.toBe(0);
    expect(tiny.stderr).toMatch(/smallest budget/);
    expect(tiny.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user mistake
  });
});
