import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataset, writeSyntheticImageFolder } from '../src/index.ts';
import { tempDir } from './helpers.ts';

/** A folder of real JPEGs: 3 classes, 30 train and 3 val items of 40x40 px. */
async function jpegFolder(): Promise<string> {
  const root = await tempDir();
  await writeSyntheticImageFolder(root, { classes: 3, train: 30, test: 3, seed: 3, size: 40 });
  return root;
}

async function pass(
  ds: Awaited<ReturnType<typeof openDataset>>,
  start: number,
  end: number,
  batchSize: number,
): Promise<number> {
  let rows = 0;
  for await (const batch of ds.train.batches({ start, end }, { batchSize })) rows += batch.labels.length;
  return rows;
}

describe('each item is decoded once per pass', () => {
  for (const workers of [0, 2]) {
    it(`over a range, whatever the batch size and prefetch (workers: ${workers})`, async () => {
      const ds = await openDataset(await jpegFolder(), { imageSize: 32, resizeSize: 36, workers, prefetch: 3 });
      try {
        expect(await pass(ds, 5, 27, 4)).toBe(22);
        const counts = Array.from(ds.train.decodeCounts());
        expect(counts).toEqual(counts.map((_, i) => (i >= 5 && i < 27 ? 1 : 0)));
        // a second pass over part of it decodes those items again (no cache here), each once more
        expect(await pass(ds, 20, 30, 7)).toBe(10);
        expect(Array.from(ds.train.decodeCounts())).toEqual(counts.map((c, i) => c + (i >= 20 ? 1 : 0)));
        expect(Array.from(ds.test.decodeCounts())).toEqual([0, 0, 0]);
      } finally {
        await ds.close();
      }
    });
  }

  it('an early break decodes only the batches in flight, each item once', async () => {
    const ds = await openDataset(await jpegFolder(), { imageSize: 32, resizeSize: 36, workers: 2, prefetch: 2 });
    try {
      for await (const batch of ds.train.batches({ start: 0, end: 30 }, { batchSize: 3 })) {
        expect(batch.start).toBe(0);
        break;
      }
      await ds.close(); // waits for the abandoned batches
      const counts = Array.from(ds.train.decodeCounts());
      expect(Math.max(...counts)).toBe(1);
      // the consumed batch and at most `prefetch` + 1 more were launched; nothing beyond them
      expect(counts.slice(0, 3)).toEqual([1, 1, 1]);
      expect(counts.slice(12).every((c) => c === 0)).toBe(true);
    } finally {
      await ds.close();
    }
  });

  it('a bad file goes through the decoder once per pass under skip-bad and is not retried', async () => {
    const root = await jpegFolder();
    await writeFile(join(root, 'train', 'class00', 'zz-bad.jpg'), Buffer.from('not a jpeg'));
    const ds = await openDataset(root, { imageSize: 32, resizeSize: 36, workers: 1, skipBad: true });
    try {
      expect(await pass(ds, 0, 31, 8)).toBe(30);
      expect(Array.from(ds.train.decodeCounts()).every((c) => c === 1)).toBe(true);
      expect(ds.skipped().map((s) => s.file)).toEqual([join(root, 'train', 'class00', 'zz-bad.jpg')]);
    } finally {
      await ds.close();
    }
  });
});
