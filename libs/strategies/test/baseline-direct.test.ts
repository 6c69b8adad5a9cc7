import { describe, expect, it } from 'vitest';
import type { FeatureBatch, Split } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import { search } from '../src/index.ts';
import { snapshotStore } from '@alsatian/store/testing';

describe('Base', () => {
  it("scores each model exactly as the proxy does on that model's standalone features", async () => {
    const { store, ids } = await snapshotStore('tiny_mobilenet', [1, 2, 4], { chained: false });
    const dataset = await openDataset('synthetic:classes=3,train=20,test=12,size=32,seed=9', { workers: 0 });
    const engine = await createEngine({ threads: 1 });
    const proxy = createProxy('linear', { epochs: 5 });
    const batchSize = 8;
    const result = await search({
      store,
      dataset,
      strategy: 'baseline',
      engine,
      proxy,
      batchSize,
      seed: 3,
      deterministic: true,
    });
    expect(result.ranking).toHaveLength(ids.length);

    for (const id of ids) {
      const unit = await engine.prepare(await Promise.all(store.getModel(id).blocks.map((b) => store.getBlock(b))));
      const features = async (split: Split) => {
        const s = split === 'train' ? dataset.train : dataset.test;
        const out: FeatureBatch[] = [];
        for await (const b of s.batches({ start: 0, end: s.length }, { batchSize })) {
          const [f] = await unit.run(b.inputs);
          out.push({ features: f.data as Float32Array, rows: f.shape[0], dim: f.shape[1], labels: b.labels });
        }
        return out;
      };
      const direct = await proxy.score({
        train: await features('train'),
        test: await features('test'),
        numClasses: 3,
        seed: 3,
        deterministic: true,
      });
      expect(result.ranking.find((r) => r.model === id)!.score).toBe(direct.score);
      await unit.dispose();
    }
    await engine.dispose();
    await dataset.close();
  });
});
