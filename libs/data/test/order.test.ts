import { describe, expect, it } from 'vitest';
import { openDataset } from '../src/index.ts';
import { decodeColour, writeCodedFolder } from './fixtures.ts';
import { collect, row, tempDir } from './helpers.ts';

describe('item order', () => {
  it('is the same for the same seed and different for another seed', async () => {
    const spec = 'synthetic-text:classes=3,train=60,test=30,length=8,seed=1';
    const a = await openDataset(spec, { seed: 42 });
    const b = await openDataset(spec, { seed: 42 });
    const c = await openDataset(spec, { seed: 7 });
    expect(a.train.labels()).toEqual(b.train.labels());
    expect(a.train.labels()).not.toEqual(c.train.labels());
    const ids = async (ds: typeof a) => (await collect(ds.train, { start: 0, end: 60 }, 60))[0].inputs[0].data;
    expect(await ids(a)).toEqual(await ids(b));
    expect(await ids(a)).not.toEqual(await ids(c));
  });

  it('is a seeded shuffle: labels are not in class blocks (the reference IMDB bug)', async () => {
    const ds = await openDataset('synthetic-text:classes=2,train=40,test=10,length=8', {});
    const firstTen = ds.train.labels().slice(0, 10);
    expect(new Set(firstTen).size).toBe(2);
  });

  it('perClass keeps N seeded items per class and split', async () => {
    const ds = await openDataset('synthetic:classes=4,train=40,test=20,size=8', { perClass: 3, workers: 0 });
    const count = (labels: Int32Array) => [0, 1, 2, 3].map((c) => labels.filter((l) => l === c).length);
    expect(count(ds.train.labels())).toEqual([3, 3, 3, 3]);
    expect(count(ds.test.labels())).toEqual([3, 3, 3, 3]);
  });
});

describe('item ranges of an image folder', () => {
  it('partition the items exactly, with labels that match the decoded files', async () => {
    const root = await tempDir();
    await writeCodedFolder(root, 3, 7, 2);
    const ds = await openDataset(root, { imageSize: 8, resizeSize: 8, workers: 2, prefetch: 1 });
    try {
      expect(ds.classes).toEqual(['c0', 'c1', 'c2']);
      expect(ds.train.length).toBe(21);
      const labels = ds.train.labels();
      const seen: string[] = [];
      for (const range of [
        { start: 0, end: 5 },
        { start: 5, end: 6 },
        { start: 6, end: 21 },
      ]) {
        for (const batch of await collect(ds.train, range, 4)) {
          expect(batch.inputs[0].shape).toEqual([batch.labels.length, 3, 8, 8]);
          batch.labels.forEach((label, i) => {
            const [r, g, b] = decodeColour(row(batch, i), 64);
            expect(b).toBe(128);
            expect(r / 40).toBe(label); // the label is the class of the file the pixels came from
            expect(label).toBe(labels[batch.start + i]);
            seen.push(`${r / 40}/${g / 8}`);
          });
        }
      }
      expect(seen.length).toBe(21);
      expect(new Set(seen).size).toBe(21); // no item twice, none missing
      const test = await collect(ds.test, { start: 0, end: ds.test.length }, 100);
      expect(test[0].labels.length).toBe(6);
      expect(test.flatMap((b) => Array.from(b.labels, (_, i) => decodeColour(row(b, i), 64)[2]))).toEqual([
        129, 129, 129, 129, 129, 129,
      ]);
    } finally {
      await ds.close();
    }
  });

  it('yields consecutive batches from range.start, the last one partial', async () => {
    const ds = await openDataset('synthetic:classes=3,train=30,test=3,size=8', { workers: 1 });
    try {
      const batches = await collect(ds.train, { start: 3, end: 20 }, 5);
      expect(batches.map((b) => [b.start, b.labels.length])).toEqual([
        [3, 5],
        [8, 5],
        [13, 5],
        [18, 2],
      ]);
      const whole = (await collect(ds.train, { start: 0, end: 30 }, 30))[0];
      // item 13 read in a small range equals item 13 read in one big batch (items are a function of their index)
      expect(Array.from(row(batches[2], 0))).toEqual(Array.from(row(whole, 13)));
    } finally {
      await ds.close();
    }
  });

  it('rejects ranges outside the split', async () => {
    const ds = await openDataset('synthetic-text:classes=2,train=10,test=4,length=8', {});
    await expect(collect(ds.train, { start: 0, end: 11 }, 4)).rejects.toThrow(/outside the train split.*\[0, 10\)/);
    await expect(collect(ds.train, { start: 0, end: 4 }, 0)).rejects.toThrow(/batchSize/);
  });
});
