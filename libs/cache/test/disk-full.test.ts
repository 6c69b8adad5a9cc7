/**
 * A full disk while the intermediate cache writes a feature file: the entry stays where it was, nothing is left on
 * disk.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiskFullError, float32Tensor } from '@alsatian/core';
import { failWrites, freeDisk } from '@alsatian/core/testing/disk-full';
import type { CacheKey } from '../src/index.ts';
import { IntermediateCache } from '../src/index.ts';

vi.mock('node:fs/promises', async (original) =>
  (await import('@alsatian/core/testing/disk-full')).faultyFs(await original()),
);

afterEach(freeDisk);

const key = (batch: number): CacheKey => ({ node: 'features', split: 'train', chunkStart: 0, batch });
const tensor = (fill: number) => float32Tensor([10], new Float32Array(10).fill(fill));

describe('feature files on a full disk', () => {
  it('spilling: DiskFullError naming the entry and directory; the entry is still in RAM and readable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-full-'));
    const cache = new IntermediateCache({ ramBudgetBytes: 80, disk: { dir, budgetBytes: 10_000 } });
    await cache.put(key(0), [tensor(1)]);
    await cache.put(key(1), [tensor(2)]);
    failWrites(/\.bin\.\d+\.[0-9a-f]{8}\.tmp$/);
    const error = await cache.put(key(2), [tensor(3)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskFullError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `could not write entry .*"features","train",0,0.* to disk: no space left on the device while writing ` +
          `${dir}/[0-9a-f]+\\.bin\\. The cache is as it was`,
      ),
    );
    freeDisk();
    expect((await cache.get(key(0)))[0].data[0]).toBe(1);
    expect(cache.has(key(2))).toBe(false);
    expect(cache.usage().ram).toMatchObject({ bytes: 80, entries: 2 });
    expect(cache.usage().disk.bytes).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('writing straight to disk (features kept on disk): nothing cached, nothing left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-full-'));
    const cache = new IntermediateCache({ ramBudgetBytes: 1000, disk: { dir, budgetBytes: 10_000 } });
    failWrites(/\.bin\.\d+\.[0-9a-f]{8}\.tmp$/);
    await expect(cache.put(key(0), [tensor(1)], { tier: 'disk' })).rejects.toThrow(DiskFullError);
    freeDisk();
    expect(cache.has(key(0))).toBe(false);
    expect(cache.usage().disk.bytes).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });
});
