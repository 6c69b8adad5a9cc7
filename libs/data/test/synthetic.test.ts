import { describe, expect, it } from 'vitest';
import type { Split } from '@alsatian/core';
import {
  openDataset,
  writeSyntheticImageFolder,
  writeSyntheticTextFolder,
  type OpenedDataset as Dataset,
} from '../src/index.ts';
import { collect, tempDir } from './helpers.ts';

/** Features of every item of a split, one row per item, and their labels. */
async function features(
  ds: Dataset,
  split: Split,
  feature: (item: ArrayLike<number | bigint>) => number[],
): Promise<{ x: number[][]; y: number[] }> {
  const s = ds[split];
  const x: number[][] = [];
  const y: number[] = [];
  for (const b of await collect(s, { start: 0, end: s.length }, 64)) {
    const per = b.inputs[0].data.length / b.labels.length;
    b.labels.forEach((label, i) => {
      x.push(feature(b.inputs[0].data.subarray(i * per, (i + 1) * per)));
      y.push(label);
    });
  }
  return { x, y };
}

/** Accuracy of a nearest-class-mean classifier fitted on train, scored on test. */
function nearestClassMean(
  train: { x: number[][]; y: number[] },
  test: { x: number[][]; y: number[] },
  classes: number,
): number {
  const dim = train.x[0].length;
  const means = Array.from({ length: classes }, () => new Float64Array(dim));
  const counts = new Array(classes).fill(0);
  train.x.forEach((row, i) => {
    counts[train.y[i]]++;
    row.forEach((v, d) => (means[train.y[i]][d] += v));
  });
  means.forEach((m, c) => m.forEach((v, d) => (m[d] = v / counts[c])));
  let correct = 0;
  test.x.forEach((row, i) => {
    const dist = means.map((m) => row.reduce((s, v, d) => s + (v - m[d]) ** 2, 0));
    if (dist.indexOf(Math.min(...dist)) === test.y[i]) correct++;
  });
  return correct / test.x.length;
}

/** 4x4 average-pooled pixels of a [3,32,32] image. */
function downsample(item: ArrayLike<number | bigint>): number[] {
  const out: number[] = [];
  for (let c = 0; c < 3; c++)
    for (let by = 0; by < 4; by++)
      for (let bx = 0; bx < 4; bx++) {
        let sum = 0;
        for (let y = 0; y < 8; y++)
          for (let x = 0; x < 8; x++) sum += Number(item[c * 1024 + (by * 8 + y) * 32 + bx * 8 + x]);
        out.push(sum / 64);
      }
  return out;
}

describe('synthetic data carries class signal', () => {
  it('images: nearest class mean on downsampled pixels beats chance (10 %) by a wide margin', async () => {
    const ds = await openDataset('synthetic:classes=10,train=300,test=200,size=32,seed=3', { workers: 2 });
    try {
      expect(ds.inputs).toEqual([{ name: 'pixels', dtype: 'float32', shape: [3, 32, 32] }]);
      const accuracy = nearestClassMean(
        await features(ds, 'train', downsample),
        await features(ds, 'test', downsample),
        10,
      );
      expect(accuracy).toBeGreaterThan(0.5);
      const [batch] = await collect(ds.test, { start: 0, end: 8 }, 8);
      const values = Array.from(batch.inputs[0].data as Float32Array);
      // ImageNet-normalised 8-bit pixels lie in [-2.12, 2.64]
      expect(Math.min(...values)).toBeGreaterThanOrEqual(-2.2);
      expect(Math.max(...values)).toBeLessThanOrEqual(2.7);
    } finally {
      await ds.close();
    }
  });

  it('text: nearest class mean on token counts separates the classes', async () => {
    const ds = await openDataset('synthetic-text:classes=2,train=100,test=60,length=128,seed=5', {});
    const bag = (item: ArrayLike<number | bigint>) => {
      const counts = new Array(2300).fill(0);
      let tokens = 0;
      for (let i = 1; i < 128 && item[i] !== 0n; i++, tokens++) counts[Number(item[i])]++;
      return counts.map((c) => c / tokens); // frequencies: reviews differ in length
    };
    expect(nearestClassMean(await features(ds, 'train', bag), await features(ds, 'test', bag), 2)).toBeGreaterThan(0.8);
  });
});

describe('synthetic folders', () => {
  it('writes the image-folder layout that openDataset reads back', async () => {
    const root = await tempDir();
    const events: number[] = [];
    await writeSyntheticImageFolder(root, {
      classes: 3,
      train: 9,
      test: 3,
      seed: 1,
      size: 40,
      onProgress: (e) => events.push(e.done),
    });
    expect(events.at(-1)).toBe(12);
    await expect(writeSyntheticImageFolder(root, { classes: 3, train: 9, test: 3, seed: 1 })).rejects.toThrow(
      /is not empty/,
    );
    const ds = await openDataset(root, { imageSize: 32, workers: 1 });
    try {
      expect(ds.classes).toEqual(['class00', 'class01', 'class02']);
      expect([ds.train.length, ds.test.length]).toEqual([9, 3]);
      const [batch] = await collect(ds.train, { start: 0, end: 9 }, 9);
      expect(batch.inputs[0].shape).toEqual([9, 3, 32, 32]);
    } finally {
      await ds.close();
    }
  });

  it('writes an IMDB-layout corpus whose items tokenise to the in-memory synthetic-text items', async () => {
    const root = await tempDir();
    await writeSyntheticTextFolder(root, { classes: 2, train: 12, test: 4, seed: 9 });
    const folder = await openDataset(root, { maxLength: 64 });
    const memory = await openDataset('synthetic-text:classes=2,train=12,test=4,length=64,seed=9', {});
    expect(folder.classes).toEqual(memory.classes);
    const items = async (ds: Dataset) => {
      const [b] = await collect(ds.train, { start: 0, end: 12 }, 12);
      return Array.from(
        b.labels,
        (label, i) => `${label}:${b.inputs[0].data.subarray(i * 64, i * 64 + 64).join(',')}`,
      ).sort();
    };
    expect(await items(folder)).toEqual(await items(memory));
  });
});
