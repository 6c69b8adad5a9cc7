/** A full disk while the store writes blocks, manifests, the index or its lock: the store is left as it was. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiskFullError } from '@alsatian/core';
import { failWrites, freeDisk } from '@alsatian/core/testing/disk-full';
import { openStore } from '../src/index.ts';
import { makeBlock, modelInput, tempDir } from './helpers.ts';

vi.mock('node:fs/promises', async (original) =>
  (await import('@alsatian/core/testing/disk-full')).faultyFs(await original()),
);

afterEach(freeDisk);

/** Every file under `dir` with its bytes, to compare a store before and after. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = (await readFile(path)).toString('base64');
  }
  return out;
}

async function storeWithOneModel(): Promise<string> {
  const dir = await tempDir();
  const store = await openStore(dir);
  await store.putModel(modelInput('a', 2), [makeBlock(1), makeBlock(2)]);
  return dir;
}

describe('disk full while writing the store', () => {
  it.each([
    ['the second new block weights file', /\.safetensors\.\d+\.[0-9a-f]{8}\.tmp$/, 2],
    ['a block descriptor', /blocks\/.*\.json\.\d+\.[0-9a-f]{8}\.tmp$/, 1],
    ['the model manifest', /models\/b\.json\.\d+\.[0-9a-f]{8}\.tmp$/, 1],
    ['the index', /index\.json\.\d+\.[0-9a-f]{8}\.tmp$/, 1],
    ['the index lock', /index\.lock$/, 1],
  ])('at %s: a DiskFullError naming the file, and the store as it was', async (_, pattern, nth) => {
    const dir = await storeWithOneModel();
    const before = await snapshot(dir);
    const store = await openStore(dir);
    const hits = failWrites(pattern, nth);
    const error = await store
      .putModel(modelInput('b', 3), [makeBlock(1), makeBlock(3), makeBlock(4)])
      .catch((e: unknown) => e);
    expect(hits).toHaveLength(1);
    expect(error).toBeInstanceOf(DiskFullError);
    const message = (error as Error).message;
    expect(message).toContain("Model 'b' was not added to the store");
    expect(message).toContain('no space left on the device while writing');
    expect(message).toContain(hits[0].replace(/\.\d+\.[0-9a-f]{8}\.tmp$/, ''));
    expect(message).toMatch(/the store is as it was/i);
    freeDisk();
    expect(await snapshot(dir)).toEqual(before);
    expect(store.listModels().map((m) => m.id)).toEqual(['a']);
    expect(store.listBlocks()).toHaveLength(2);
    const reopened = await openStore(dir);
    expect((await reopened.verify()).ok).toBe(true);
    // With room again, the same write succeeds.
    await store.putModel(modelInput('b', 3), [makeBlock(1), makeBlock(3), makeBlock(4)]);
    expect((await (await openStore(dir)).verify()).ok).toBe(true);
  });

  it('in a batch: the failing model is undone, the ones before it are kept', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    failWrites(/models\/m2\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
    const error = await store
      .batch(async () => {
        await store.putModel(modelInput('m1', 1), [makeBlock(1)]);
        await store.putModel(modelInput('m2', 1), [makeBlock(2)]);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskFullError);
    freeDisk();
    const reopened = await openStore(dir);
    expect(reopened.listModels().map((m) => m.id)).toEqual(['m1']);
    expect(reopened.listBlocks()).toHaveLength(1);
    expect((await reopened.verify()).ok).toBe(true);
  });

  it('in a batch whose final index merge fails: everything the batch wrote is removed', async () => {
    const dir = await storeWithOneModel();
    const before = await snapshot(dir);
    const store = await openStore(dir);
    failWrites(/index\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
    const error = await store
      .batch(async () => {
        await store.putModel(modelInput('m1', 1), [makeBlock(5)]);
        await store.putModel(modelInput('m2', 2), [makeBlock(5), makeBlock(6)]);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskFullError);
    expect((error as Error).message).toMatch(
      /written in this batch were not added.*the 6 new file\(s\) this write had made were removed/s,
    );
    freeDisk();
    expect(await snapshot(dir)).toEqual(before);
    expect(store.listModels().map((m) => m.id)).toEqual(['a']);
  });
});
