import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import { generateSnapshotSet, openStore } from '@alsatian/store';
import { search, type SearchResult } from '../src/index.ts';

/**
 * SHiFT runs every model whole, as one session; Alsatian runs the shared tree's units, cut where models branch.
 * The engine makes a unit that continues a chain compute bit for bit what the same blocks compute inside one
 * session, and the planner never cuts between blocks a runtime fuses, so the two strategies must agree exactly:
 * same scores in every iteration, hence the same ranking. Top-50% stores cut models in the middle of their stages.
 */
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function both(
  architecture: string,
  size: number,
  count: number,
): Promise<{ shift: SearchResult; alsatian: SearchResult }> {
  const dir = await mkdtemp(join(tmpdir(), 'alsatian-real-'));
  dirs.push(dir);
  const store = await openStore(join(dir, 'store'));
  await generateSnapshotSet(store, {
    architecture,
    count,
    seed: 42,
    distribution: 'top-50',
    structure: 'chained',
    imageSize: size === 224 ? undefined : size,
  });
  const run = async (strategy: string) => {
    const dataset = await openDataset(`synthetic:classes=5,train=32,test=16,size=${size},seed=1`, { workers: 0 });
    const engine = await createEngine({});
    try {
      return await search({
        store,
        dataset,
        strategy,
        engine,
        proxy: createProxy('linear', { epochs: 30 }),
        batchSize: 8,
        deterministic: true,
        seed: 42,
        workDir: join(dir, strategy),
      });
    } finally {
      await engine.dispose();
      await dataset.close();
    }
  };
  return { shift: await run('shift'), alsatian: await run('alsatian') };
}

describe.each([
  ['resnet18', 224, 6],
  ['resnet50', 64, 5],
  ['vit_b_32', 64, 4],
])('SHiFT and Alsatian on a %s store (%i px)', (architecture, size, count) => {
  it('return identical scores in every iteration; SHiFT makes one whole-model session per model scored', async () => {
    const { shift, alsatian } = await both(architecture, size, count);
    expect(alsatian.iterations.map((i) => i.ranking)).toEqual(shift.iterations.map((i) => i.ranking));
    expect(alsatian.ranking).toEqual(shift.ranking);
    for (const it of shift.iterations) {
      expect(it.units).toBe(it.models);
      expect(it.sessionsCreated).toBe(it.models);
    }
    // The shared tree did cut models into several units.
    expect(alsatian.iterations[0].units).toBeGreaterThan(count);
  });
});
