import { readdirSync } from 'node:fs';
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

  it('warmUp starts the decode workers before any batch is asked for; close stops them', async () => {
    // Threads of this process (Linux): each decode worker is one.
    const threads = () => readdirSync('/proc/self/task').length;
    // Waits for a thread count, giving up after 10 s (a liveness bound, not a speed check).
    const until = async (holds: () => boolean): Promise<boolean> => {
      for (let waited = 0; !holds(); waited += 10) {
        if (waited > 10_000) return false;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return true;
    };
    const ds = await openDataset('synthetic:classes=4,train=8,test=4,size=16', { workers: 2 });
    const before = threads();
    ds.warmUp?.();
    ds.warmUp?.(); // a second call starts nothing more
    expect(await until(() => threads() >= before + 2)).toBe(true);
    const batches = await collect(ds.train, { start: 0, end: 8 }, 4);
    expect(batches.map((b) => b.labels.length)).toEqual([4, 4]);
    await ds.close();
    expect(await until(() => threads() <= before)).toBe(true);
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
