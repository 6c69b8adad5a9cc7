import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataset, writeSyntheticImageFolder } from '../src/index.ts';
import { tempDir } from './helpers.ts';

async function rows(
  root: string,
  options: object,
  batchSize: number,
): Promise<{ values: number[][]; items: number[] }> {
  const ds = await openDataset(root, { imageSize: 24, resizeSize: 28, ...options });
  try {
    const values: number[][] = [];
    const items: number[] = [];
    for await (const batch of ds.train.batches({ start: 0, end: ds.train.length }, { batchSize })) {
      const data = batch.inputs[0].data as Float32Array;
      const per = data.length / batch.labels.length;
      batch.items.forEach((item, i) => {
        values.push(Array.from(data.subarray(i * per, (i + 1) * per)));
        items.push(item);
      });
    }
    return { values, items };
  } finally {
    await ds.close();
  }
}

describe('recycleBatches', () => {
  for (const workers of [0, 2]) {
    it(`same items and values as fresh batches, partial and skip-bad ones too (workers: ${workers})`, async () => {
      const root = await tempDir();
      await writeSyntheticImageFolder(root, { classes: 3, train: 29, test: 3, seed: 5, size: 32 });
      await writeFile(join(root, 'train', 'class01', 'bad.jpg'), Buffer.from('not a jpeg'));
      const fresh = await rows(root, { workers, skipBad: true }, 4);
      const recycled = await rows(root, { workers, skipBad: true, recycleBatches: true }, 4);
      expect(fresh.values.length).toBe(29);
      expect(recycled.items).toEqual(fresh.items);
      expect(recycled.values).toEqual(fresh.values);
    });
  }

  it('detaches a batch kept past its turn instead of overwriting it', async () => {
    const root = await tempDir();
    await writeSyntheticImageFolder(root, { classes: 2, train: 16, test: 2, seed: 5, size: 32 });
    const ds = await openDataset(root, {
      imageSize: 24,
      resizeSize: 28,
      workers: 1,
      prefetch: 0,
      recycleBatches: true,
    });
    try {
      const kept: Float32Array[] = [];
      for await (const batch of ds.train.batches({ start: 0, end: 16 }, { batchSize: 4 })) {
        expect(batch.inputs[0].data.length).toBe(4 * 3 * 24 * 24);
        kept.push(batch.inputs[0].data as Float32Array);
      }
      // every batch but the last was released by asking for the next one, and its memory was reused
      expect(kept.map((d) => d.length)).toEqual([0, 0, 0, 4 * 3 * 24 * 24]);
    } finally {
      await ds.close();
    }
  });
});
