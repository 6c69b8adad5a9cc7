import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { IntegrityError, InvalidArgumentError } from '@alsatian/core';
import { blockIdOf, openStore, storeLayout } from '../src/index.ts';
import { makeBlock, modelInput, tempDir } from './helpers.ts';

describe('block store', () => {
  it('round-trips blocks bit for bit under their content id', async () => {
    const store = await openStore(await tempDir());
    const block = makeBlock(1);
    const id = await store.putBlock(block);
    expect(id).toBe(blockIdOf(block));
    expect(id).toMatch(/^[0-9a-f]{128}$/);
    const back = await store.getBlock(id);
    expect(back.descriptor).toEqual(block.descriptor);
    expect([...back.weights.keys()]).toEqual(['weight', 'num_batches_tracked']);
    const bytesOf = (d: ArrayBufferView) => Buffer.from(d.buffer, d.byteOffset, d.byteLength);
    expect(bytesOf(back.weights.get('weight')!.data)).toEqual(bytesOf(block.weights.get('weight')!.data));
    expect(back.weights.get('num_batches_tracked')!.data).toEqual(new BigInt64Array([1n]));
    const info = await store.blockInfo(id);
    expect(info.descriptor).toEqual(block.descriptor);
    expect(info.bytes).toBeGreaterThan(4 * 4 * 9 * 4);
  });

  it("reuses the memory of a released block for the next read of the same size, with that block's bytes", async () => {
    const store = await openStore(await tempDir());
    const [a, b] = [makeBlock(1), makeBlock(2)];
    const [idA, idB] = [await store.putBlock(a), await store.putBlock(b)];
    const bytesOf = (d: ArrayBufferView) => Buffer.from(d.buffer, d.byteOffset, d.byteLength);
    const first = await store.getBlock(idA);
    const memory = first.weights.get('weight')!.data.buffer;
    store.releaseBlock(first);
    store.releaseBlock(first); // a second release is ignored: the buffer is lent to one reader at a time
    const second = await store.getBlock(idB);
    expect(second.weights.get('weight')!.data.buffer).toBe(memory);
    expect(bytesOf(second.weights.get('weight')!.data)).toEqual(bytesOf(b.weights.get('weight')!.data));
    // Not released: the next read takes other memory.
    const third = await store.getBlock(idA);
    expect(third.weights.get('weight')!.data.buffer).not.toBe(memory);
    expect(bytesOf(third.weights.get('weight')!.data)).toEqual(bytesOf(a.weights.get('weight')!.data));
    // A block the store did not read is not taken.
    store.releaseBlock(a);
    expect((await store.getBlock(idA)).weights.get('weight')!.data.buffer).not.toBe(
      a.weights.get('weight')!.data.buffer,
    );
  });

  it('gives different ids to different weights or descriptors, equal ids to equal blocks', () => {
    const a = makeBlock(1);
    expect(blockIdOf(makeBlock(1))).toBe(blockIdOf(a));
    expect(blockIdOf(makeBlock(2)).slice(0, 64)).toBe(blockIdOf(a).slice(0, 64));
    expect(blockIdOf(makeBlock(2)).slice(64)).not.toBe(blockIdOf(a).slice(64));
    const other = { ...a, descriptor: { ...a.descriptor, attrs: { ...a.descriptor.attrs, stride: 2 } } };
    expect(blockIdOf(other).slice(64)).toBe(blockIdOf(a).slice(64));
    expect(blockIdOf(other).slice(0, 64)).not.toBe(blockIdOf(a).slice(0, 64));
  });

  it('writes shared blocks once; a model over existing blocks writes only its manifest', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const shared = [makeBlock(1), makeBlock(2)];
    const m1 = await store.putModel(modelInput('m1', 3), [...shared, makeBlock(3)]);
    const filesBefore = (await readdir(storeLayout(dir).blocksDir, { recursive: true })).filter((f) =>
      f.endsWith('.safetensors'),
    );
    expect(filesBefore).toHaveLength(3);
    const m2 = await store.putModel({ ...modelInput('m2', 2), blocks: m1.blocks.slice(0, 2) });
    const filesAfter = (await readdir(storeLayout(dir).blocksDir, { recursive: true })).filter((f) =>
      f.endsWith('.safetensors'),
    );
    expect(filesAfter).toHaveLength(3);
    expect(m2.blocks).toEqual(m1.blocks.slice(0, 2));
    expect(store.modelsUsing(m1.blocks[0]).sort()).toEqual(['m1', 'm2']);
    const s = store.stats();
    expect(s).toMatchObject({ models: 2, blocks: 5, uniqueBlocks: 3 });
    expect(s.uniqueBytes).toBeLessThan(s.totalBytes);
  });

  it('derives deterministic model ids from the blocks, and refuses a reused name with other blocks', async () => {
    const store = await openStore(await tempDir());
    const a = await store.putModel(modelInput(undefined, 2), [makeBlock(1), makeBlock(2)]);
    const again = await store.putModel(modelInput(undefined, 2), [makeBlock(1), makeBlock(2)]);
    expect(again.id).toBe(a.id);
    expect(a.id).toMatch(/^tiny_test-[0-9a-f]{16}$/);
    await store.putModel(modelInput('named', 1), [makeBlock(1)]);
    await expect(store.putModel(modelInput('named', 1), [makeBlock(2)])).rejects.toThrow(InvalidArgumentError);
    await expect(store.putModel({ ...modelInput('x', 1), blocks: ['f'.repeat(128)] })).rejects.toThrow(
      /not in the store/,
    );
  });

  it('persists: a reopened store lists the same models, filtered by metadata', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.batch(async () => {
      for (let i = 0; i < 20; i++)
        await store.putModel({ ...modelInput(`m${i}`, 1), metadata: { dataset: i % 2 ? 'cars' : 'dogs' } }, [
          makeBlock(i % 5),
        ]);
    });
    const reopened = await openStore(dir);
    expect(
      reopened
        .listModels()
        .map((m) => m.id)
        .sort(),
    ).toEqual(
      store
        .listModels()
        .map((m) => m.id)
        .sort(),
    );
    expect(reopened.listModels({ metadata: { dataset: 'dogs' } })).toHaveLength(10);
    expect(reopened.stats()).toEqual(store.stats());
    expect(reopened.getModel('m3')).toEqual(store.getModel('m3'));
    expect(() => reopened.getModel('nope')).toThrow(/'nope' is not in the store/);
  });

  it('two store handles writing to one directory lose nothing (the index merges under a lock)', async () => {
    const dir = await tempDir();
    const [a, b] = await Promise.all([openStore(dir), openStore(dir)]);
    await Promise.all([
      (async () => {
        for (let i = 0; i < 10; i++) await a.putModel(modelInput(`a${i}`, 1), [makeBlock(i)]);
      })(),
      (async () => {
        for (let i = 0; i < 10; i++) await b.putModel(modelInput(`b${i}`, 1), [makeBlock(100 + i)]);
      })(),
    ]);
    const fresh = await openStore(dir);
    expect(fresh.listModels()).toHaveLength(20);
    expect(fresh.stats().uniqueBlocks).toBe(20);
    expect((await fresh.verify()).ok).toBe(true);
  });

  it('rebuilds a lost index from the files', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.putModel(modelInput('m', 2), [makeBlock(1), makeBlock(2)]);
    await rm(storeLayout(dir).index);
    const reopened = await openStore(dir);
    expect(reopened.getModel('m')).toEqual(store.getModel('m'));
    expect(reopened.stats()).toEqual(store.stats());
  });
});

describe('integrity', () => {
  it('a flipped byte is an IntegrityError naming the block, the file and every model using it', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const block = makeBlock(7);
    await store.putModel(modelInput('first', 2), [block, makeBlock(8)]);
    await store.putModel(modelInput('second', 1), [block]);
    await store.putModel(modelInput('bystander', 1), [makeBlock(9)]);
    const id = blockIdOf(block);
    const file = storeLayout(dir).weightsFile(id);
    const bytes = await readFile(file);
    bytes[bytes.length - 5] ^= 0x01;
    await writeFile(file, bytes);
    const error = await store.getBlock(id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IntegrityError);
    const message = (error as Error).message;
    expect(message).toContain(id);
    expect(message).toContain(file);
    expect(message).toMatch(/first/);
    expect(message).toMatch(/second/);
    expect(message).not.toMatch(/bystander/);
    const report = await store.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'hash-mismatch', block: id, file, models: ['first', 'second'] });
  });

  it('a truncated or missing file is detected and named', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const [b1, b2] = [makeBlock(1), makeBlock(2)];
    await store.putModel(modelInput('m', 2), [b1, b2]);
    const f1 = storeLayout(dir).weightsFile(blockIdOf(b1));
    await writeFile(f1, (await readFile(f1)).subarray(0, 20));
    await rm(storeLayout(dir).weightsFile(blockIdOf(b2)));
    await expect(store.getBlock(blockIdOf(b1))).rejects.toThrow(/has 20 bytes, expected/);
    await expect(store.getBlock(blockIdOf(b2))).rejects.toThrow(IntegrityError);
    await expect(store.getBlock(blockIdOf(b2))).rejects.toThrow(/ENOENT.*used by 1 model\(s\): m/);
    const kinds = (await store.verify()).problems.map((p) => p.kind).sort();
    expect(kinds).toEqual(['missing-file', 'size-mismatch']);
  });

  it('re-adding a model restores a deleted block file', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const block = makeBlock(5);
    await store.putModel(modelInput('m', 1), [block]);
    await rm(storeLayout(dir).weightsFile(blockIdOf(block)));
    await expect(store.getBlock(blockIdOf(block))).rejects.toThrow(/Delete the file and re-import/);
    await store.putModel(modelInput('m', 1), [block]);
    expect((await store.getBlock(blockIdOf(block))).descriptor).toEqual(block.descriptor);
    expect((await store.verify()).ok).toBe(true);
  });

  it("verifyReads 'once' still catches a file changed after it was verified; 'never' checks sizes only", async () => {
    const dir = await tempDir();
    const block = makeBlock(3);
    await (await openStore(dir)).putModel(modelInput('m', 1), [block]);
    const once = await openStore(dir, { verifyReads: 'once' });
    const never = await openStore(dir, { verifyReads: 'never' });
    const id = blockIdOf(block);
    await once.getBlock(id);
    await once.getBlock(id);
    const file = storeLayout(dir).weightsFile(id);
    const bytes = await readFile(file);
    bytes[bytes.length - 2] ^= 0x04;
    await writeFile(file, bytes);
    await expect(once.getBlock(id)).rejects.toThrow(IntegrityError);
    await expect(never.getBlock(id)).resolves.toBeDefined();
    await writeFile(file, bytes.subarray(1));
    await expect(never.getBlock(id)).rejects.toThrow(/bytes, expected/);
  });

  it('reports files the index does not know (an interrupted writer) without failing reads', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.putModel(modelInput('m', 1), [makeBlock(1)]);
    await writeFile(storeLayout(dir).modelFile('orphan'), '{}');
    const report = await store.verify();
    expect(report.problems.map((p) => p.kind)).toEqual(['unindexed-file']);
  });
});
