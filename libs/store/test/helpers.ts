import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Block } from '@alsatian/core';
import { float32Tensor, int64Tensor, Rng } from '@alsatian/core';

export async function tempDir(prefix = 'store-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A small hand-made block whose weights come from `seed` (no model catalog needed). */
export function makeBlock(seed: number, channels = 4): Block {
  const rng = Rng.derive(seed, 'test-block');
  return {
    descriptor: {
      kind: 'conv2d',
      attrs: { out: channels, kernel: 3, stride: 1, padding: 1 },
      inputs: [{ name: 'x', dtype: 'float32', shape: [channels, 8, 8] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [channels, 8, 8] }],
    },
    weights: new Map([
      ['weight', float32Tensor([channels, channels, 3, 3], rng.fillNormal(new Float32Array(channels * channels * 9)))],
      ['num_batches_tracked', int64Tensor([], new BigInt64Array([BigInt(seed)]))],
    ]),
  };
}

export function modelInput(name: string | undefined, blocks: number) {
  return {
    id: name,
    architecture: 'tiny_test',
    featureDim: 4,
    params: blocks * 144,
    source: 'test',
    metadata: { dataset: 'cars' },
  };
}
