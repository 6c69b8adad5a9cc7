import { describe, expect, it } from 'vitest';
import { Meter } from '@alsatian/core';
import { IntermediateCache } from '@alsatian/cache';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import { planIteration, type PlanModel } from '@alsatian/planner';
import { describeBlocks, architecture } from '@alsatian/models';
import { itemBytes } from '@alsatian/core';
import { Executor } from '../src/index.ts';
import { snapshotStore } from '@alsatian/store/testing';

const BATCH = 4;

describe('shared-prefix execution', () => {
  it('produces, for every model, bit for bit the features of running that model alone as one session', async () => {
    const { store, ids } = await snapshotStore('tiny_resnet', [1, 3, 2, 5], { chained: true });
    const dataset = await openDataset('synthetic:classes=3,train=10,test=6,size=32,seed=5', { workers: 0 });
    const engine = await createEngine({ threads: 1 });
    const { features } = describeBlocks(architecture('tiny_resnet'));
    const bytes = features.map((d) => d.outputs.reduce((s, o) => s + itemBytes(o), 0));
    const models: PlanModel[] = ids.map((id) => ({
      id,
      blocks: store.getModel(id).blocks.map((b, i) => ({ id: b, outputBytesPerItem: bytes[i] })),
    }));
    const cache = new IntermediateCache({ ramBudgetBytes: 64 * 2 ** 20 });
    const executor = new Executor(
      { store, engine, dataset, proxy: createProxy('linear', { epochs: 1 }), cache, meter: new Meter() },
      {
        batchSize: BATCH,
        featuresOnDisk: false,
        reusePrepared: true,
        prefetchBlocks: true,
        seed: 1,
        deterministic: true,
      },
    );
    const plan = planIteration({
      models,
      share: true,
      order: 'auto',
      budgetBytes: Number.POSITIVE_INFINITY,
      batchSize: BATCH,
      trainRange: { start: 0, end: 10 },
      testRange: { start: 0, end: 6 },
    });
    expect(plan.tree.units.size).toBeLessThan(ids.length * 2); // shared units exist
    await executor.run(plan.steps.filter((s) => s.kind !== 'score'));

    const images = [];
    for await (const b of dataset.train.batches({ start: 0, end: 10 }, { batchSize: BATCH })) images.push(b.inputs);
    for (const model of models) {
      const node = plan.tree.nodes.get(
        [...plan.tree.nodes.values()].find((n) => n.endingModels.includes(model.id))!.id,
      )!;
      const alone = await engine.prepare(
        await Promise.all(store.getModel(model.id).blocks.map((b) => store.getBlock(b))),
      );
      for (const [batch, inputs] of images.entries()) {
        const [expected] = await alone.run(inputs);
        const [shared] = await cache.get({ node: node.id, split: 'train', chunkStart: 0, batch });
        expect(shared.shape).toEqual(expected.shape);
        expect(
          Buffer.from((shared.data as Float32Array).buffer, shared.data.byteOffset, shared.data.byteLength),
        ).toEqual(
          Buffer.from((expected.data as Float32Array).buffer, expected.data.byteOffset, expected.data.byteLength),
        );
      }
      await alone.dispose();
    }
    await executor.dispose();
    await engine.dispose();
    await dataset.close();
  });
});
