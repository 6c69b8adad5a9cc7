import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, type FeatureBatch, type Proxy, type ProxyInput } from '@alsatian/core';
import { PROXY_NAMES, createProxy, resolveProbeBackend } from '../src/index.ts';
import { syntheticBatches } from './synthetic.ts';

/**
 * What every proxy promises, run against each registry entry and kernel backend: it scores, leaves its input
 * untouched, repeats itself exactly, ranks learnable features above random labels, and rejects bad input.
 */
function proxyContract(label: string, make: () => Proxy) {
  const task = (randomLabels: boolean, seed: number): ProxyInput => {
    const batches = (tag: string, sizes: number[]) =>
      syntheticBatches({ seed, dim: 12, classes: 3, batchSizes: sizes, separation: 3, randomLabels, tag });
    return {
      train: batches('train', [16, 16, 1, 15]),
      test: batches('test', [10, 10, 10]),
      numClasses: 3,
      seed: 5,
      deterministic: true,
    };
  };
  const copyOf = (batches: readonly FeatureBatch[]) =>
    batches.map((b) => ({ ...b, features: b.features.slice(), labels: b.labels.slice() }));

  describe(`proxy contract: ${label}`, () => {
    it('returns a finite score, the same on every call, without touching its input', async () => {
      const input = task(false, 1);
      const before = { train: copyOf(input.train), test: copyOf(input.test) };
      const first = await make().score(input);
      expect(Number.isFinite(first.score)).toBe(true);
      expect(await make().score(input)).toEqual(first);
      expect(input.train).toEqual(before.train);
      expect(input.test).toEqual(before.test);
    });

    it('scores learnable features above the same features with random labels', async () => {
      const learnable = await make().score(task(false, 2));
      const random = await make().score(task(true, 2));
      expect(learnable.score).toBeGreaterThan(random.score);
    });

    it('rejects a label outside [0, numClasses) with an InvalidArgumentError', async () => {
      await expect(make().score({ ...task(false, 3), numClasses: 2 })).rejects.toThrow(InvalidArgumentError);
    });
  });
}

for (const name of PROXY_NAMES) proxyContract(name, () => createProxy(name));
proxyContract('linear on the ts kernels', () => createProxy('linear', { backend: 'ts' }));
proxyContract('knn on the ts kernels', () => createProxy('knn', { backend: 'ts' }));
proxyContract('knn euclidean', () => createProxy('knn', { metric: 'euclidean' }));

describe('backend choice', () => {
  it("'auto' picks the WebAssembly SIMD kernels on Node 20", () => {
    const batches = syntheticBatches({ seed: 1, dim: 4, classes: 2, batchSizes: [3], separation: 1, tag: 'auto' });
    expect(resolveProbeBackend('auto', batches, 4, 2).name).toBe('wasm-simd');
    expect(resolveProbeBackend('ts', batches, 4, 2).name).toBe('ts');
  });
});
