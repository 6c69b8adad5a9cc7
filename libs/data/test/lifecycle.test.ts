import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataset } from '../src/index.ts';
import { decodeColour, writeCodedFolder } from './fixtures.ts';
import { collect, row, tempDir } from './helpers.ts';

describe('batch iteration lifecycle', () => {
  it('an early break leaves the dataset usable, and close stops the workers', async () => {
    const ds = await openDataset('synthetic:classes=4,train=64,test=8,size=16', { workers: 2, prefetch: 3 });
    for await (const batch of ds.train.batches({ start: 0, end: 64 }, { batchSize: 4 })) {
      expect(batch.start).toBe(0);
      break; // three prefetched batches are abandoned in flight
    }
    const again = await collect(ds.train, { start: 60, end: 64 }, 4);
    expect(again.map((b) => b.labels.length)).toEqual([4]);
    await ds.close();
  });

  it('an aborted signal stops the iteration with the abort reason', async () => {
    const ds = await openDataset('synthetic:classes=4,train=64,test=8,size=16', { workers: 1 });
    const controller = new AbortController();
    const seen: number[] = [];
    const run = async () => {
      for await (const batch of ds.train.batches({ start: 0, end: 64 }, { batchSize: 8, signal: controller.signal })) {
        seen.push(batch.start);
        if (seen.length === 2) controller.abort(new Error('stop here'));
      }
    };
    await expect(run()).rejects.toThrow('stop here');
    expect(seen).toEqual([0, 8]);
    await ds.close();
  });

  it('items[] gives each row its split position, also after skip-bad drops one', async () => {
    const root = await tempDir();
    await writeCodedFolder(root, 2, 4, 1);
    // upper-case extensions, as in Imagenette (*.JPEG), are image files too
    await rename(join(root, 'train/c1/img3.png'), join(root, 'train/c1/img3.PNG'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(root, 'train/c0/broken.png'), Buffer.from('garbage'));
    const ds = await openDataset(root, { imageSize: 8, resizeSize: 8, workers: 1, skipBad: true });
    try {
      expect(ds.train.length).toBe(9);
      const labels = ds.train.labels();
      const batches = await collect(ds.train, { start: 0, end: 9 }, 9);
      const [batch] = batches;
      expect(batch.labels.length).toBe(8);
      expect(batch.items.length).toBe(8);
      batch.items.forEach((position, i) => {
        expect(batch.labels[i]).toBe(labels[position]);
        expect(decodeColour(row(batch, i), 64)[0] / 40).toBe(labels[position]);
      });
      expect(ds.skipped().map((s) => s.file)).toEqual([join(root, 'train/c0/broken.png')]);
    } finally {
      await ds.close();
    }
  });
});
