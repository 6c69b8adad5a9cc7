import { describe, expect, it } from 'vitest';
import type { FeatureBatch } from '@alsatian/core';
import { KnnProxy, nearestTrainItems, type KnnBackend } from '../src/index.ts';
import { readFixture, toBatches, type BatchJson } from './fixtures.ts';

interface KnnCase {
  name: string;
  classes: number;
  train: BatchJson[];
  test: BatchJson[];
  euclidean: number;
  cosine: number;
  euclideanNearest: number[];
  cosineNearest: number[];
}

const batch = (rows: number[][], labels: number[]): FeatureBatch => ({
  rows: rows.length,
  dim: rows[0].length,
  features: Float32Array.from(rows.flat()),
  labels: Int32Array.from(labels),
});

describe.each(['wasm-simd', 'ts'] as KnnBackend[])(
  'kNN on the %s kernels against numpy brute force (fixtures/knn.json)',
  (backend) => {
    for (const c of readFixture<KnnCase>('knn.json')) {
      it(`${c.name}: same nearest items and accuracy for both metrics`, async () => {
        const train = toBatches(c.train),
          test = toBatches(c.test);
        const dim = train[0].dim;
        expect(Array.from(nearestTrainItems(train, test, dim, 'euclidean', backend))).toEqual(c.euclideanNearest);
        expect(Array.from(nearestTrainItems(train, test, dim, 'cosine', backend))).toEqual(c.cosineNearest);
        const input = { train, test, numClasses: c.classes, seed: 0, deterministic: true };
        expect((await new KnnProxy({ metric: 'euclidean', backend }).score(input)).score).toBe(c.euclidean);
        expect((await new KnnProxy({ backend }).score(input)).score).toBe(c.cosine);
      });
    }
  },
);

describe.each(['wasm-simd', 'ts'] as KnnBackend[])('KnnProxy on the %s kernels, hand-checkable points', (backend) => {
  // Train: a long vector along x (class 0) and a short one along y (class 1). The query (1, 0.9) is nearer to
  // (0, 1) in euclidean distance (1.005 vs 9.04), but its angle to the x axis (atan 0.9 = 42 deg) is smaller
  // than to the y axis (48 deg), so cosine says class 0.
  const train = [
    batch(
      [
        [10, 0],
        [0, 1],
      ],
      [0, 1],
    ),
  ];
  const input = (labels: number[]) => ({
    train,
    test: [batch([[1, 0.9]], labels)],
    numClasses: 2,
    seed: 0,
    deterministic: true,
  });

  it('euclidean picks the nearer point, cosine the smaller angle', async () => {
    expect((await new KnnProxy({ metric: 'euclidean', backend }).score(input([1]))).score).toBe(1);
    expect((await new KnnProxy({ metric: 'cosine', backend }).score(input([0]))).score).toBe(1);
    expect((await new KnnProxy({ metric: 'cosine', backend }).score(input([1]))).score).toBe(0);
  });

  it('counts accuracy over all test batches, including a batch of one', async () => {
    const test = [
      batch(
        [
          [9, 1],
          [0, 2],
        ],
        [0, 1],
      ),
      batch([[0, 3]], [0]),
    ];
    expect(
      (await new KnnProxy({ backend }).score({ train, test, numClasses: 2, seed: 0, deterministic: true })).score,
    ).toBeCloseTo(2 / 3, 12);
  });

  it('breaks ties towards the train item that comes first, across batches', () => {
    const tied = [batch([[1, 0]], [0]), batch([[1, 0]], [1])];
    expect(Array.from(nearestTrainItems(tied, [batch([[2, 0]], [0])], 2, 'cosine', backend))).toEqual([0]);
  });

  it('rejects an unknown metric, naming the valid ones', () => {
    expect(() => new KnnProxy({ metric: 'manhattan' as never })).toThrow(
      /option 'metric' is "manhattan"; valid: cosine, euclidean/,
    );
    expect(() => new KnnProxy({ backend: 'faiss' as never })).toThrow(
      /option 'backend' is "faiss"; valid: auto, wasm-simd, ts/,
    );
  });
});

describe('KnnProxy bad input', () => {
  it('names the batch with too few labels and rejects an empty test set', async () => {
    const good = batch(
      [
        [1, 0],
        [0, 1],
      ],
      [0, 1],
    );
    const short = { ...good, labels: Int32Array.from([0]) };
    await expect(
      new KnnProxy().score({ train: [good], test: [short], numClasses: 2, seed: 0, deterministic: true }),
    ).rejects.toThrow(/Proxy 'knn': test batch 0 has 2 rows but 1 labels/);
    await expect(
      new KnnProxy().score({ train: [good], test: [], numClasses: 2, seed: 0, deterministic: true }),
    ).rejects.toThrow(/Proxy 'knn': the test set has no items/);
  });
});
