import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BudgetError, float32Tensor, int64Tensor, type Split } from '@alsatian/core';
import type { CacheKey } from '../src/index.ts';
import { IntermediateCache } from '../src/index.ts';

const key = (node: string, chunkStart: number, batch: number, split: Split = 'train'): CacheKey => ({
  node,
  split,
  chunkStart,
  batch,
});
const tensor = (floats: number, fill = 1) => float32Tensor([floats], new Float32Array(floats).fill(fill));
const dir = () => mkdtemp(join(tmpdir(), 'cache-'));

describe('IntermediateCache', () => {
  it("counts every entry's bytes, tuples included, and records the peak", async () => {
    const cache = new IntermediateCache({ ramBudgetBytes: 1000 });
    await cache.put(key('a', 0, 0), [tensor(10)]);
    await cache.put(key('a', 0, 1), [tensor(20), int64Tensor([5])]);
    expect(cache.usage().ram).toMatchObject({ bytes: 40 + 80 + 40, entries: 2, peak: 160 });
    await cache.evict(key('a', 0, 0));
    await cache.put(key('b', 0, 0), [tensor(5)]);
    expect(cache.usage().ram).toMatchObject({ bytes: 140, peak: 160, entries: 2 });
  });

  it('never exceeds the RAM budget: the refuse policy throws a BudgetError and changes nothing', async () => {
    const cache = new IntermediateCache({ ramBudgetBytes: 100, overflow: 'refuse' });
    await cache.put(key('a', 0, 0), [tensor(20)]);
    await expect(cache.put(key('a', 0, 1), [tensor(6)])).rejects.toThrow(BudgetError);
    await expect(cache.put(key('a', 0, 1), [tensor(6)])).rejects.toThrow(
      /RAM cache cannot hold.*24 bytes.*80 of its 100/,
    );
    expect(cache.has(key('a', 0, 1))).toBe(false);
    expect(cache.usage().ram).toMatchObject({ bytes: 80, peak: 80 });
  });

  it('spills the oldest RAM entries to disk to make room, within both budgets, and reads them back', async () => {
    const cache = new IntermediateCache({ ramBudgetBytes: 100, disk: { dir: await dir(), budgetBytes: 1000 } });
    await cache.put(key('a', 0, 0), [tensor(10, 1)]);
    await cache.put(key('a', 0, 1), [tensor(10, 2)]);
    expect(await cache.put(key('a', 0, 2), [tensor(10, 3)])).toBe('ram');
    const usage = cache.usage();
    expect(usage.ram).toMatchObject({ bytes: 80, entries: 2 });
    expect(usage.disk.entries).toBe(1);
    expect(usage.ram.peak).toBeLessThanOrEqual(100);
    expect(usage.disk.bytes).toBeGreaterThan(40);
    expect([...(await cache.get(key('a', 0, 0)))[0].data]).toEqual(new Array(10).fill(1));
    // The oldest entry is the one on disk.
    await cache.evict(key('a', 0, 0));
    expect(cache.usage().disk.entries).toBe(0);
    // Larger than all of RAM: straight to disk.
    expect(await cache.put(key('big', 0, 0), [tensor(30)])).toBe('disk');
    await expect(cache.put(key('huge', 0, 0), [tensor(300)])).rejects.toThrow(BudgetError);
  });

  it('round-trips float32 and int64 tuples through the disk tier bit for bit', async () => {
    const d = await dir();
    const cache = new IntermediateCache({ ramBudgetBytes: 1 << 20, disk: { dir: d, budgetBytes: 1 << 20 } });
    const values = new Float32Array([1.5, -0, Number.MIN_VALUE, 3e38, Number.NaN, -7]);
    const ids = new BigInt64Array([1n, -(2n ** 62n)]);
    await cache.put(key('bert', 0, 0), [float32Tensor([2, 3], values), int64Tensor([2], ids)], { tier: 'disk' });
    const [f, i] = await cache.get(key('bert', 0, 0));
    expect(f.shape).toEqual([2, 3]);
    expect(Buffer.from(f.data.buffer)).toEqual(Buffer.from(values.buffer));
    expect(i.data).toEqual(ids);
    expect(cache.usage()).toMatchObject({ ram: { bytes: 0, entries: 0 }, disk: { entries: 1 } });
    await cache.evict(key('bert', 0, 0));
    expect(await readdir(d)).toEqual([]);
  });

  it('never confuses keys whose ids contain each other: chunk 25 vs 250, batch 1 vs 11, node n vs n1', async () => {
    const cache = new IntermediateCache({ ramBudgetBytes: 1 << 20 });
    const puts: CacheKey[] = [];
    for (const chunkStart of [250, 25, 0])
      for (const batch of [10, 2, 11, 0, 1]) puts.push(key('n1', chunkStart, batch));
    puts.push(key('n12', 25, 0), key('n', 25, 1), key('n1', 25, 3, 'test'));
    for (const [i, k] of puts.entries()) await cache.put(k, [tensor(1, i)]);
    for (const [i, k] of puts.entries()) expect((await cache.get(k))[0].data[0]).toBe(i);
    expect(cache.has(key('n', 25, 11))).toBe(false);
    expect(await cache.evictNode('n1')).toBe(16 * 4);
    expect(cache.usage().ram.entries).toBe(2);
  });

  it('evicts by node (all splits and chunks) and by key; clear deletes only its own files', async () => {
    const d = await dir();
    await writeFile(join(d, 'foreign.pt'), 'not ours');
    const cache = new IntermediateCache({ ramBudgetBytes: 1 << 20, disk: { dir: d, budgetBytes: 1 << 20 } });
    await cache.put(key('x', 0, 0), [tensor(4)]);
    await cache.put(key('x', 8, 0, 'test'), [tensor(4)], { tier: 'disk' });
    await cache.put(key('y', 0, 0), [tensor(4)]);
    await cache.put(key('y', 8, 0), [tensor(4)], { tier: 'disk' });
    await cache.put(key('z', 0, 0), [tensor(4)]);
    expect(await cache.evictNode('x')).toBeGreaterThan(16);
    expect(cache.has(key('x', 8, 0, 'test'))).toBe(false);
    expect(await cache.evictNode('y')).toBeGreaterThan(16);
    expect(cache.has(key('z', 0, 0))).toBe(true);
    expect(await cache.evict(key('z', 0, 0))).toBe(true);
    expect(await cache.evict(key('z', 0, 0))).toBe(false);
    expect(cache.usage()).toMatchObject({ ram: { bytes: 0, entries: 0 }, disk: { bytes: 0, entries: 0 } });
    await cache.put(key('w', 0, 0), [tensor(4)], { tier: 'disk' });
    await cache.clear();
    expect(await readdir(d)).toEqual(['foreign.pt']);
  });

  it('refuses a duplicate key unless asked to overwrite, and then accounts the replacement', async () => {
    const cache = new IntermediateCache({ ramBudgetBytes: 100 });
    await cache.put(key('a', 0, 0), [tensor(10)]);
    await expect(cache.put(key('a', 0, 0), [tensor(10)])).rejects.toThrow(/already cached/);
    await cache.put(key('a', 0, 0), [tensor(20)], { overwrite: true });
    expect(cache.usage().ram).toMatchObject({ bytes: 80, entries: 1 });
  });

  it('keeps the budget under concurrent puts', async () => {
    const cache = new IntermediateCache({ ramBudgetBytes: 400, disk: { dir: await dir(), budgetBytes: 10_000 } });
    await Promise.all(Array.from({ length: 30 }, (_, i) => cache.put(key('c', 0, i), [tensor(10 + (i % 7))])));
    const u = cache.usage();
    expect(u.ram.peak).toBeLessThanOrEqual(400);
    expect(u.ram.entries + u.disk.entries).toBe(30);
    for (let i = 0; i < 30; i++) expect(cache.has(key('c', 0, i))).toBe(true);
  });
});
