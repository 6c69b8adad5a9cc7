/**
 * A step that reads raw data starts decoding once its unit's blocks are read and before its session is created, so
 * decoding overlaps the session's creation; block reads are not queued behind the decoding. A failed preparation
 * closes the decoding it started.
 */
import { describe, expect, it } from 'vitest';
import type { Block, BlockId, Dataset, DatasetSplit, Engine } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { snapshotStore } from '@alsatian/store/testing';
import { tinyExecutor, tinyResnetPlan } from './tiny-plan.ts';

const BATCH = 4;

async function runBase(options: { failPrepare?: boolean } = {}) {
  const { store, ids } = await snapshotStore('tiny_resnet', [1, 2], { chained: true });
  const inner = await openDataset('synthetic:classes=3,train=8,test=4,size=32,seed=5', { workers: 0 });
  const engineInner = await createEngine({ threads: 1 });
  const events: string[] = [];
  let openDecodes = 0;
  const watch = (name: string, split: DatasetSplit): DatasetSplit => ({
    ...split,
    labels: () => split.labels(),
    batches(range, batchOptions) {
      const source = split.batches(range, batchOptions);
      return {
        [Symbol.asyncIterator]() {
          const it = source[Symbol.asyncIterator]();
          let started = false;
          return {
            next() {
              if (!started) {
                started = true;
                openDecodes++;
                events.push(`decode ${name}`);
              }
              return it.next();
            },
            async return() {
              if (started) openDecodes--;
              started = false;
              return (await it.return?.()) ?? { done: true, value: undefined };
            },
          };
        },
      };
    },
  });
  const dataset: Dataset = {
    id: inner.id,
    classes: inner.classes,
    inputs: inner.inputs,
    train: watch('train', inner.train),
    test: watch('test', inner.test),
    skipped: () => inner.skipped(),
    close: () => inner.close(),
  };
  const source = {
    async getBlock(id: BlockId): Promise<Block> {
      events.push('read');
      return store.getBlock(id);
    },
  };
  const engine: Engine = {
    ...engineInner,
    async prepare(blocks, prepareOptions) {
      events.push('prepare');
      if (options.failPrepare) throw new Error('no session today');
      return engineInner.prepare(blocks, prepareOptions);
    },
  };
  const plan = tinyResnetPlan(store, ids, { share: false, batchSize: BATCH });
  const executor = tinyExecutor(
    { store: source, engine, dataset },
    { batchSize: BATCH, reusePrepared: false, prefetchBlocks: false },
  );
  try {
    const scores = await executor.run(plan.steps);
    return { scores, models: ids.length, events, openDecodes: () => openDecodes };
  } catch (error) {
    return { error, events, openDecodes: () => openDecodes };
  } finally {
    await executor.dispose();
    await engineInner.dispose();
    await dataset.close();
  }
}

describe('raw data decodes while a session is created', () => {
  it('starts decoding after the unit’s block reads and before its session, for every model', async () => {
    const run = await runBase();
    const { scores, events, openDecodes } = run;
    const models = run.models ?? 0;
    expect(models).toBeGreaterThan(1);
    expect(scores!.size).toBe(models);
    // Per model (no sharing): its blocks are read, then its first raw batch is asked for, then its session is made.
    const firstOfModel = events.filter((e, i) => e === 'read' && events[i - 1] !== 'read').length;
    expect(firstOfModel).toBe(models);
    expect(events.filter((e) => e === 'prepare')).toHaveLength(models);
    for (let at = events.indexOf('prepare'); at >= 0; at = events.indexOf('prepare', at + 1)) {
      expect(events[at - 1]).toMatch(/^decode /);
      expect(events[at - 2]).toBe('read');
    }
    expect(openDecodes()).toBe(0);
  });

  it('closes the decoding it started when the session cannot be made, and reports the failure', async () => {
    const { error, events, openDecodes } = await runBase({ failPrepare: true });
    expect(String(error)).toMatch(/no session today/);
    expect(events.slice(-2)).toEqual([expect.stringMatching(/^decode /), 'prepare']);
    expect(openDecodes()).toBe(0);
  });
});
