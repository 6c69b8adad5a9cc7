import { describe, expect, it } from 'vitest';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import { InvalidArgumentError } from '@alsatian/core';
import { IMPROVEMENT_NAMES, search, type Improvements } from '../src/index.ts';
import { snapshotStore } from '@alsatian/store/testing';

const SPEC = 'synthetic:classes=4,train=96,test=32,size=32,seed=3';

async function run(
  strategy: string,
  extra: { cacheBudgetBytes?: number; ks?: number[]; improvements?: Partial<Improvements> } = {},
) {
  const { store, ids } = await snapshotStore('tiny_resnet', extra.ks ?? [1, 2, 1, 3, 2, 1, 4], { chained: true });
  const dataset = await openDataset(SPEC, { workers: 0 });
  const engine = await createEngine({ threads: 1 });
  try {
    const started = performance.now();
    const result = await search({
      store,
      dataset,
      strategy,
      engine,
      proxy: createProxy('linear', { epochs: 10 }),
      batchSize: 8,
      deterministic: true,
      seed: 7,
      cacheBudgetBytes: extra.cacheBudgetBytes,
      improvements: extra.improvements,
    });
    const wallSeconds = (performance.now() - started) / 1000;
    return { result, ids, wallSeconds };
  } finally {
    await engine.dispose();
    await dataset.close();
  }
}

describe('search', () => {
  it('SHiFT and Alsatian return identical rankings and scores (deterministic, no splitting)', async () => {
    const shift = await run('shift');
    const alsatian = await run('alsatian');
    expect(alsatian.result.ranking).toEqual(shift.result.ranking);
    expect(alsatian.result.iterations.map((i) => i.ranking)).toEqual(shift.result.iterations.map((i) => i.ranking));
    expect(shift.result.iterations.map((i) => i.models)).toEqual([8, 4, 2]);
    // Sharing means fewer units than models in the first iteration; no sharing means one unit per model.
    expect(alsatian.result.iterations[0].units).toBeGreaterThan(8);
    expect(shift.result.iterations[0].units).toBe(8);
  });

  it('gives the same scores when a small cache budget forces Alsatian to split the data into runs', async () => {
    const unlimited = await run('alsatian');
    const perItem = unlimited.result.iterations[0].requirementBytesPerItem;
    const budget = perItem * 24 + 64 * 1024;
    const split = await run('alsatian', { cacheBudgetBytes: budget });
    expect(split.result.iterations[0].runs).toBeGreaterThan(1);
    expect(split.result.peakCacheBytes).toBeLessThanOrEqual(budget);
    expect(split.result.ranking).toEqual(unlimited.result.ranking);
  });

  it('SHiFT prepares alive models once per iteration; twice in the first without the merged test pass', async () => {
    const merged = await run('shift');
    expect(merged.result.iterations.map((i) => i.sessionsCreated)).toEqual([8, 4, 2]);
    const separate = await run('shift', { improvements: { mergedTestPass: false } });
    expect(separate.result.iterations.map((i) => i.sessionsCreated)).toEqual([16, 4, 2]);
    expect(separate.result.ranking).toEqual(merged.result.ranking);
  });

  it('Alsatian keeps sessions across iterations; as the paper runs it, it prepares more, same scores', async () => {
    const ours = await run('alsatian');
    const off = Object.fromEntries(IMPROVEMENT_NAMES.map((k) => [k, false]));
    const paper = await run('alsatian', { improvements: off });
    expect(ours.result.improvements).toEqual({
      mergedTestPass: true,
      keepPrepared: true,
      prefetchBlocks: true,
      bestOrder: true,
    });
    expect(paper.result.improvements).toEqual(off);
    const created = (r: typeof ours) => r.result.iterations.reduce((s, i) => s + i.sessionsCreated, 0);
    expect(created(paper)).toBeGreaterThan(created(ours));
    // Units shared in an earlier iteration stay units when pruning leaves a chain, so every later iteration loads
    // some of them instead of preparing longer units from scratch.
    expect(ours.result.iterations.slice(1).map((i) => i.sessionsReused > 0)).toEqual([true, true]);
    expect(paper.result.iterations[0].orderUsed).toBe('dfs+');
    expect(paper.result.ranking).toEqual(ours.result.ranking);
  });

  it('starts the dataset decoding (warmUp) once, before the first batch, for every strategy', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2], { chained: true });
    const dataset = await openDataset(SPEC, { workers: 0 });
    const engine = await createEngine({ threads: 1 });
    try {
      for (const strategy of ['baseline', 'shift', 'alsatian']) {
        const events: string[] = [];
        const watched = (split: typeof dataset.train) => ({
          ...split,
          batches: (...args: Parameters<typeof split.batches>) => {
            events.push('batches');
            return split.batches(...args);
          },
        });
        await search({
          store,
          dataset: {
            ...dataset,
            train: watched(dataset.train),
            test: watched(dataset.test),
            warmUp: () => events.push('warmUp'),
          },
          strategy,
          engine,
          proxy: createProxy('linear', { epochs: 2 }),
          batchSize: 8,
        });
        expect(
          events.filter((e) => e === 'warmUp'),
          strategy,
        ).toHaveLength(1);
        expect(events[0], strategy).toBe('warmUp');
        expect(events.length, strategy).toBeGreaterThan(1);
      }
    } finally {
      await engine.dispose();
      await dataset.close();
    }
  });

  it('refuses an improvement that needs sharing on a strategy without it', async () => {
    await expect(run('shift', { improvements: { bestOrder: true } })).rejects.toThrow(InvalidArgumentError);
  });

  it('Base scores every model on all data once', async () => {
    const base = await run('baseline');
    expect(base.result.iterations).toHaveLength(1);
    expect(base.result.ranking.map((r) => r.model).sort()).toEqual([...base.ids].sort());
    const m = base.result.measurements;
    expect(m.inference).toBeGreaterThan(0);
    expect(m.proxy).toBeGreaterThan(0);
    // The categories sum to `total` by construction; what matters is that `total` is the search's wall time: the
    // meter runs from the start of search() to its end, so only a few statements on either side are outside it.
    expect(m.total).toBeLessThanOrEqual(base.wallSeconds);
    expect(base.wallSeconds - m.total).toBeLessThan(0.05 + 0.02 * base.wallSeconds);
  });
});
