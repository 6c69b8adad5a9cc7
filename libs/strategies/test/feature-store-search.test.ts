import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeatureStore, scanEntries } from '@alsatian/cache';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import type { ModelStore } from '@alsatian/store';
import { search } from '../src/index.ts';
import { snapshotStore } from '@alsatian/store/testing';

const SPEC = 'synthetic:classes=3,train=40,test=16,size=32,seed=3';

interface Run {
  store: ModelStore;
  models?: string[];
  spec?: string;
  strategy?: string;
  proxy?: 'linear' | 'knn';
  features?: string;
}

async function run(o: Run) {
  const dataset = await openDataset(o.spec ?? SPEC, { workers: 0 });
  const engine = await createEngine({ threads: 1 });
  const featureStore = o.features === undefined ? undefined : await FeatureStore.open(o.features);
  try {
    const proxy = o.proxy === 'knn' ? createProxy('knn') : createProxy('linear', { epochs: 5 });
    const strategy = o.strategy ?? 'alsatian';
    return await search({
      store: o.store,
      models: o.models,
      dataset,
      strategy,
      engine,
      proxy,
      batchSize: 8,
      deterministic: true,
      seed: 7,
      featureStore,
    });
  } finally {
    await featureStore?.close();
    await engine.dispose();
    await dataset.close();
  }
}

const scores = (r: Awaited<ReturnType<typeof run>>) => r.ranking.map((e) => [e.model, e.score, e.iteration]);
const newDir = () => mkdtemp(join(tmpdir(), 'alsatian-features-test-'));

describe('search with a feature store', () => {
  it('gives bit-identical scores to a cold search, and a repeated search computes nothing', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2, 1, 3], { chained: true });
    const dir = await newDir();
    const cold = await run({ store });
    const first = await run({ store, features: dir });
    const again = await run({ store, features: dir });
    expect(scores(first)).toEqual(scores(cold));
    expect(scores(again)).toEqual(scores(cold)); // toEqual on numbers is Object.is: bit for bit
    expect(first.featureStore!.writes).toBeGreaterThan(0);
    expect(first.featureStore!.reads).toBe(0);
    expect(again.work).toMatchObject({ units: 0, blocks: 0, unitItems: 0 });
    expect(again.sessions.created).toBe(0);
    expect(again.featureStore!.writes).toBe(0);
    expect(again.featureStore!.reads).toBeGreaterThan(0);
  });

  it('after the store gained a model, runs only blocks on its path, all of its own (Base: no pruning)', async () => {
    const { store, ids } = await snapshotStore('tiny_resnet', [1, 3, 2, 2], { chained: false });
    const dir = await newDir();
    const old = ids.slice(0, 4);
    await run({ store, models: old, strategy: 'baseline', features: dir });
    const grown = await run({ store, strategy: 'baseline', features: dir });
    expect(scores(grown)).toEqual(scores(await run({ store, strategy: 'baseline' })));
    const added = store.getModel(ids[4]).blocks;
    const oldBlocks = new Set(old.flatMap((m) => store.getModel(m).blocks));
    expect(grown.work.units).toBe(1);
    for (const block of grown.work.blockIds) expect(added).toContain(block);
    for (const block of added.filter((b) => !oldBlocks.has(b))) expect(grown.work.blockIds).toContain(block);
  });

  it('after the store gained a model, Alsatian computes less than a cold search and scores the same', async () => {
    const { store, ids } = await snapshotStore('tiny_resnet', [1, 3, 2, 2, 1], { chained: false });
    const dir = await newDir();
    await run({ store, models: ids.slice(0, 5), features: dir }); // 5 and 6 models: the same SH schedule
    const grown = await run({ store, features: dir });
    const cold = await run({ store });
    expect(scores(grown)).toEqual(scores(cold));
    expect(grown.work.unitItems).toBeLessThan(cold.work.unitItems / 2);
    const oldBlocks = new Set(ids.slice(0, 5).flatMap((m) => store.getModel(m).blocks));
    const own = store.getModel(ids[5]).blocks.filter((b) => !oldBlocks.has(b));
    for (const block of own) expect(grown.work.blockIds).toContain(block);
  });

  it('after the dataset gained items, computes only the new items (Base: every model on every item)', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2], { chained: true });
    const dir = await newDir();
    const small = 'synthetic:classes=3,train=24,test=8,size=32,seed=3';
    const large = 'synthetic:classes=3,train=32,test=12,size=32,seed=3';
    const first = await run({ store, spec: small, strategy: 'baseline', features: dir });
    const grown = await run({ store, spec: large, strategy: 'baseline', features: dir });
    const cold = await run({ store, spec: large, strategy: 'baseline' });
    expect(scores(grown)).toEqual(scores(cold));
    const units = cold.work.units;
    expect(first.work.unitItems).toBe(units * (24 + 8));
    expect(grown.work.unitItems).toBe(units * (8 + 4)); // 8 new train items, 4 new test items, per unit
  });

  it('a changed proxy computes no block when the features it needs are stored', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2, 3], { chained: true });
    const dir = await newDir();
    await run({ store, strategy: 'baseline', features: dir }); // every model's features on every item
    const knn = await run({ store, proxy: 'knn', features: dir });
    expect(knn.work).toMatchObject({ units: 0, blocks: 0, unitItems: 0 });
    expect(scores(knn)).toEqual(scores(await run({ store, proxy: 'knn' })));
  });

  it('detects a corrupt entry, never uses it, recomputes and reports it', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2], { chained: true });
    const dir = await newDir();
    const cold = await run({ store, features: dir });
    // The smallest entry holds a model's pooled features, which every later search of these models reads.
    const victim = (await scanEntries(dir)).sort((a, b) => a.bytes - b.bytes)[0].file;
    const bytes = await readFile(victim);
    bytes[bytes.length - 1] ^= 0xff; // one flipped bit of data
    await writeFile(victim, bytes);
    const warm = await run({ store, features: dir });
    expect(warm.featureStore!.corrupt).toBe(1);
    expect(warm.featureStore!.corruptEntries[0]).toContain(victim);
    expect(warm.featureStore!.warnings.join()).toMatch(/corrupt/);
    expect(warm.work.unitItems).toBeGreaterThan(0);
    expect(scores(warm)).toEqual(scores(cold));
    expect((await readdir(join(victim, '..'))).length).toBeGreaterThan(0);
    expect(await readFile(victim)).not.toEqual(bytes); // rewritten with the recomputed output
  });
});
