import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import { generateSnapshotSet, openStore } from '@alsatian/store';
import { search } from '../src/index.ts';

/**
 * On a real architecture ONNX Runtime's layout optimisations make features depend (at 1e-6) on where a chain of
 * blocks is cut into sessions, and the linear proxy amplifies that. SHiFT therefore runs each model cut where the
 * shared tree cuts it; this checks that the two strategies then agree exactly, iteration by iteration.
 */
describe('SHiFT and Alsatian on resnet18 (48 px)', () => {
  it('return identical scores in every iteration', async () => {
    const store = await openStore(join(await mkdtemp(join(tmpdir(), 'alsatian-real-')), 'store'));
    await generateSnapshotSet(store, { architecture: 'resnet18', count: 6, seed: 42, distribution: 'top-50', structure: 'chained', imageSize: 48 });
    const run = async (strategy: string) => {
      const dataset = await openDataset('synthetic:classes=5,train=48,test=24,size=48,seed=1', { workers: 0 });
      const engine = await createEngine({});
      try {
        const result = await search({ store, dataset, strategy, engine, proxy: createProxy('linear', { epochs: 30 }), batchSize: 16, deterministic: true, seed: 42 });
        return result.iterations.map((i) => i.ranking);
      } finally {
        await engine.dispose();
        await dataset.close();
      }
    };
    const shift = await run('shift');
    const alsatian = await run('alsatian');
    expect(alsatian).toEqual(shift);
    expect(shift.map((r) => r.length)).toEqual([6, 3, 1]);
  });
});
