import { mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@alsatian/core';
import { CorruptEntry, entryFile, FeatureStore, pruneStore, scanEntries, storeStats } from '../src/index.ts';
import { verifyStore } from '../src/index.ts';
import type { ItemTensor } from '../src/index.ts';

const NODE = sha256Hex('node');
const item = (i: number) => sha256Hex(`item ${i}`);
const row = (i: number): ItemTensor[] => [
  { dtype: 'float32', shape: [4], data: Float32Array.from([i, i + 0.5, -i, 1e-7 * i]) },
];
const newDir = () => mkdtemp(join(tmpdir(), 'alsatian-fstore-'));

async function filled(count: number): Promise<string> {
  const dir = await newDir();
  const store = await FeatureStore.open(dir);
  for (let i = 0; i < count; i++) await store.write(NODE, item(i), row(i));
  await store.close();
  return dir;
}

describe('feature store', () => {
  it('reads back exactly what was written, from a new handle', async () => {
    const dir = await filled(3);
    const store = await FeatureStore.open(dir);
    expect([...(await store.items(NODE))].sort()).toEqual([item(0), item(1), item(2)].sort());
    const [t] = await store.read(NODE, item(2));
    expect(t.shape).toEqual([4]);
    expect(Buffer.from(t.data.buffer)).toEqual(Buffer.from(row(2)[0].data.buffer));
    expect(store.counters()).toMatchObject({ reads: 1, writes: 0, corrupt: 0 });
    await store.close();
  });

  it('refuses a flipped bit, a truncated file and a file renamed to another key', async () => {
    const dir = await filled(3);
    const store = await FeatureStore.open(dir);
    const flipped = entryFile(dir, NODE, item(0));
    const bytes = await readFile(flipped);
    bytes[bytes.length - 2] ^= 1;
    await writeFile(flipped, bytes);
    await expect(store.read(NODE, item(0))).rejects.toThrow(/checksum mismatch/);
    await writeFile(entryFile(dir, NODE, item(1)), (await readFile(entryFile(dir, NODE, item(1)))).subarray(0, 20));
    await expect(store.read(NODE, item(1))).rejects.toThrow(CorruptEntry);
    await writeFile(entryFile(dir, NODE, item(1)), await readFile(entryFile(dir, NODE, item(2))));
    await expect(store.read(NODE, item(1))).rejects.toThrow(/another node or item/);
    await store.close();
    const verified = await verifyStore(dir);
    expect(verified.checked).toBe(3);
    const damaged = [entryFile(dir, NODE, item(0)), entryFile(dir, NODE, item(1))];
    expect(verified.corrupt.map((c) => c.file).sort()).toEqual(damaged.sort());
    const fixed = await verifyStore(dir, { fix: true });
    expect(fixed.removed).toBe(2);
    expect((await verifyStore(dir)).corrupt).toEqual([]);
  });

  it('prunes least recently used entries down to the limit', async () => {
    const dir = await filled(6);
    const entries = await scanEntries(dir);
    const size = entries[0].bytes;
    // Item i last used at minute i; item 0 then read again, so it is the most recent.
    for (const [i, e] of entries.entries()) await utimes(e.file, new Date(1e9 + i * 60e3), new Date(1e9 + i * 60e3));
    const byItem = new Map(entries.map((e, i) => [e.item, i]));
    await utimes(entries[0].file, new Date(2e12), new Date(2e12));
    const result = await pruneStore(dir, size * 3);
    expect(result).toMatchObject({ removed: 3, keptEntries: 3, keptBytes: size * 3 });
    const left = (await scanEntries(dir)).map((e) => byItem.get(e.item)).sort();
    expect(left).toEqual([0, 4, 5]);
    expect((await storeStats(dir)).bytes).toBeLessThanOrEqual(size * 3);
  });

  it('keeps entries a running search has used, even over the limit', async () => {
    const dir = await filled(4);
    const reader = await FeatureStore.open(dir);
    await reader.read(NODE, item(3)); // used now, by a search that is still running
    for (const e of await scanEntries(dir)) if (e.item !== item(3)) await utimes(e.file, new Date(1e9), new Date(1e9));
    const result = await pruneStore(dir, 0);
    expect(result).toMatchObject({ removed: 3, protectedEntries: 1 });
    await reader.close();
    expect((await pruneStore(dir, 0)).removed).toBe(1);
  });

  it('lets two handles write the same entries at once without damage', async () => {
    const dir = await newDir();
    const [a, b] = await Promise.all([FeatureStore.open(dir), FeatureStore.open(dir)]);
    await Promise.all([0, 1, 2, 3].flatMap((i) => [a.write(NODE, item(i), row(i)), b.write(NODE, item(i), row(i))]));
    await Promise.all([a.close(), b.close()]);
    const verified = await verifyStore(dir);
    expect(verified).toMatchObject({ checked: 4, corrupt: [] });
  });

  it('never takes a directory of other files for a store', async () => {
    const dir = await newDir();
    await writeFile(join(dir, 'thesis.tex'), 'precious');
    await expect(FeatureStore.open(dir)).rejects.toThrow(/not a feature store.*new or empty directory/);
    const missing = FeatureStore.open(join(dir, 'missing'), { create: false });
    await expect(missing).rejects.toThrow(/missing is not a feature store/);
  });
});
