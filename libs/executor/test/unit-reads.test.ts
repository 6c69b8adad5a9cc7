/**
 * How the executor reads a unit's blocks. prefetchBlocks: the next unit's blocks are read while the current unit
 * runs, no block more often than without it, and the scores do not change. A unit the engine only loads (kept
 * compiled form) reads descriptors, not weights.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, BlockId, Engine, PreparedUnit } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { tinyExecutor, tinyResnetPlan } from './tiny-plan.ts';
import { snapshotStore } from '@alsatian/store/testing';

const BATCH = 4;

async function runPlan(
  prefetchBlocks: boolean,
  options: { reusePrepared?: boolean; runs?: number; compiledDir?: string } = {},
) {
  const { store, ids } = await snapshotStore('tiny_resnet', [1, 3, 2, 5], { chained: true });
  const dataset = await openDataset('synthetic:classes=3,train=8,test=4,size=32,seed=5', { workers: 0 });
  const inner = await createEngine({ threads: 1, preparation: { compiledDir: options.compiledDir } });
  /** Units alive now, with the blocks they were prepared from and whether they read those blocks' memory. */
  const live = new Set<{ blocks: Set<Block>; borrows: boolean }>();
  const sources: string[] = [];
  let releases = 0;
  let releasedWhileBorrowed = 0;
  const events: string[] = [];
  const reads = new Map<BlockId, number>();
  let descriptorReads = 0;
  const source = {
    async blockInfo(id: BlockId) {
      descriptorReads++;
      return store.blockInfo(id);
    },
    async getBlock(id: BlockId): Promise<Block> {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      events.push(`read ${id}`);
      return store.getBlock(id);
    },
    releaseBlock(block: Block) {
      releases++;
      if ([...live].some((u) => u.borrows && u.blocks.has(block))) releasedWhileBorrowed++;
      store.releaseBlock(block);
    },
  };
  const engine: Engine = {
    ...inner,
    async prepare(blocks, options) {
      events.push('prepare start');
      const unit = await inner.prepare(blocks, options);
      events.push('prepare end');
      const label = unit.label;
      const held = { blocks: new Set(blocks), borrows: unit.borrowsWeights !== false };
      live.add(held);
      sources.push(unit.timings.source);
      return {
        ...unit,
        label: unit.label,
        inputs: unit.inputs,
        outputs: unit.outputs,
        weightBytes: unit.weightBytes,
        async run(x) {
          events.push(`run start ${label}`);
          const out = await unit.run(x);
          events.push(`run end ${label}`);
          return out;
        },
        async dispose() {
          await unit.dispose();
          live.delete(held);
        },
      } satisfies PreparedUnit;
    },
  };
  const plan = tinyResnetPlan(store, ids, { share: true, batchSize: BATCH });
  // Each run: a fresh executor and cache on the same engine (which keeps compiled units when reusePrepared).
  const runOnce = async () => {
    const executor = tinyExecutor(
      { store: source, engine, dataset },
      { batchSize: BATCH, reusePrepared: options.reusePrepared ?? false, prefetchBlocks },
    );
    const result = await executor.run(plan.steps);
    const sessions = executor.sessions;
    await executor.dispose();
    return { result, sessions };
  };
  const first = await runOnce();
  const scores = first.result;
  const weightReadsFirst = [...reads.values()].reduce((a, b) => a + b, 0);
  const second = options.runs === 2 ? await runOnce() : undefined;
  const again = second?.result;
  const weightReadsAgain = [...reads.values()].reduce((a, b) => a + b, 0) - weightReadsFirst;
  const sessions = second?.sessions ?? first.sessions;
  await inner.dispose();
  await dataset.close();
  return {
    scores,
    again,
    events,
    firstUnitBlocks: plan.tree.units.values().next().value!.blocks.length,
    reads,
    units: plan.tree.units.size,
    weightReadsFirst,
    weightReadsAgain,
    descriptorReads,
    sessions,
    sources,
    releases,
    releasedWhileBorrowed,
  };
}

describe('prefetchBlocks', () => {
  it("reads the next unit's blocks while the current unit runs, no extra reads, the same scores", async () => {
    const on = await runPlan(true);
    const off = await runPlan(false);
    expect([...on.scores.entries()]).toEqual([...off.scores.entries()]);
    expect(on.units).toBeGreaterThan(2);
    expect(on.reads).toEqual(off.reads); // no block read more often than without prefetch

    // Off: a unit's blocks are read only after the previous unit's runs ended. On: some read happens in between a
    // unit's first run start and its last run end.
    const overlaps = (events: string[]) => {
      let running = 0;
      return events.some((e) => {
        if (e.startsWith('run start')) running++;
        if (e.startsWith('run end')) running--;
        return e.startsWith('read') && running > 0;
      });
    };
    const readsBetweenRunsOfAUnit = (events: string[]) => {
      const firstRun = events.findIndex((e) => e.startsWith('run start'));
      const lastRun = events.findLastIndex((e) => e.startsWith('run end'));
      return events.slice(firstRun, lastRun).some((e) => e.startsWith('read'));
    };
    expect(readsBetweenRunsOfAUnit(on.events)).toBe(true);
    expect(overlaps(off.events)).toBe(false);
  });

  it("starts reading the next unit's blocks before the current unit's session is created", async () => {
    // Background reads advance only between turns of the thread that creates sessions and runs batches, so they
    // start as soon as the current unit's own blocks are in.
    const readsBeforeFirstSession = (events: string[]) =>
      events.slice(0, events.indexOf('prepare start')).filter((e) => e.startsWith('read')).length;
    const on = await runPlan(true);
    const off = await runPlan(false);
    expect(readsBeforeFirstSession(off.events)).toBe(off.firstUnitBlocks);
    expect(readsBeforeFirstSession(on.events)).toBeGreaterThan(on.firstUnitBlocks);
  });

  it('reads no weights for a unit whose compiled form the engine keeps, and scores the same', async () => {
    // A compiled-unit directory kept for later searches: the engine compiles every unit with a content key.
    const compiledDir = await mkdtemp(join(tmpdir(), 'alsatian-unit-reads-'));
    const run = await runPlan(true, { reusePrepared: true, runs: 2, compiledDir });
    expect(run.weightReadsFirst).toBeGreaterThan(0);
    expect(run.weightReadsAgain).toBe(0);
    expect(run.descriptorReads).toBeGreaterThan(0);
    expect(run.sessions.reused).toBe(run.units);
    expect([...run.again!.entries()]).toEqual([...run.scores.entries()]);
    await rm(compiledDir, { recursive: true, force: true });
  });
});

describe('block memory', () => {
  it('hands back the blocks already read when another block of the unit cannot be read', async () => {
    const { store, ids } = await snapshotStore('tiny_resnet', [1, 3], { chained: true });
    const dataset = await openDataset('synthetic:classes=3,train=8,test=4,size=32,seed=5', { workers: 0 });
    const engine = await createEngine({ threads: 1 });
    const plan = tinyResnetPlan(store, ids, { share: true, batchSize: BATCH });
    // The last block of the first unit fails; the unit's other blocks are read at the same time and must go back.
    const firstUnit = plan.tree.units.values().next().value!;
    expect(firstUnit.blocks.length).toBeGreaterThan(1);
    const failing = firstUnit.blocks[firstUnit.blocks.length - 1].id;
    let read = 0;
    let released = 0;
    const source = {
      async getBlock(id: BlockId): Promise<Block> {
        if (id === failing) throw new Error(`block ${id} is unreadable`);
        const block = await store.getBlock(id);
        read++;
        return block;
      },
      releaseBlock(block: Block) {
        released++;
        store.releaseBlock(block);
      },
    };
    const executor = tinyExecutor(
      { store: source, engine, dataset },
      { batchSize: BATCH, reusePrepared: false, prefetchBlocks: true },
    );
    await expect(executor.run(plan.steps)).rejects.toThrow(/unreadable/);
    await executor.dispose();
    await engine.dispose();
    await dataset.close();
    expect(read).toBeGreaterThan(0);
    expect(released).toBe(read);
  });

  it('hands every block read back to the store, never while a session still reads its weights', async () => {
    const run = await runPlan(true, { reusePrepared: true });
    // Units several models run are compiled (they will be loaded again); units of one model get direct sessions.
    expect(run.sources).toContain('compiled');
    expect(run.sources).toContain('direct');
    expect(run.releases).toBe(run.weightReadsFirst);
    expect(run.releasedWhileBorrowed).toBe(0);
  });
});
