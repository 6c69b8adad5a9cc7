/** Shared test helpers: seeded inputs for any unit and a relative-error measure. */
import type { Block, HostTensor, TensorSpec } from '@alsatian/core';
import { float32Tensor, int64Tensor, numel, Rng } from '@alsatian/core';
import { blockDescriptor, initBlock } from '@alsatian/models';
import type { BlockSpec } from '@alsatian/models';

/**
 * A batch for `specs`: normal floats; int64 inputs get 1 for masks and token ids in {0, 1} otherwise (valid for any
 * vocabulary).
 */
export function sampleBatch(specs: readonly TensorSpec[], batch: number, seed = 7): HostTensor[] {
  const rng = Rng.derive(seed, 'engine-test-batch');
  return specs.map((s) => {
    const shape = [batch, ...s.shape];
    if (s.dtype === 'float32') return float32Tensor(shape, rng.fillNormal(new Float32Array(numel(shape))));
    const mask = /mask/i.test(s.name);
    return int64Tensor(
      shape,
      BigInt64Array.from({ length: numel(shape) }, () => (mask ? 1n : BigInt(rng.int(2)))),
    );
  });
}

/** max |a - b| / max(max |b|, tiny): one number that is small when two outputs agree. */
export { maxRelativeError as relativeError } from '@alsatian/core/testing';

/** A small CNN chain built from single-layer kinds: conv-bn-relu | maxpool-conv-relu | pool-flatten-linear. */
export function smallCnnChain(seed = 1): Block[] {
  const specs: BlockSpec[][] = [
    [
      { kind: 'conv2d', attrs: { out: 8, kernel: 3, stride: 2, padding: 1 } },
      { kind: 'batchnorm2d', attrs: {} },
      { kind: 'relu', attrs: {} },
    ],
    [
      { kind: 'maxpool2d', attrs: { kernel: 3, stride: 2, padding: 1 } },
      { kind: 'conv2d', attrs: { out: 6, kernel: 3, stride: 1, padding: 1, bias: true } },
      { kind: 'relu', attrs: {} },
    ],
    [
      { kind: 'global_avg_pool', attrs: {} },
      { kind: 'flatten', attrs: {} },
      { kind: 'linear', attrs: { out: 5, init: 'torch' } },
    ],
  ].map((group) => group.map((s) => ({ ...s, sourcePrefix: '', label: s.kind })) as BlockSpec[]);
  let inputs: readonly TensorSpec[] = [{ name: 'pixels', dtype: 'float32', shape: [3, 16, 16] }];
  const blocks: Block[] = [];
  specs.flat().forEach((spec, i) => {
    const block = initBlock(blockDescriptor(spec, inputs), Rng.derive(seed, 'small-cnn', i));
    blocks.push(randomiseBuffers(block, Rng.derive(seed, 'small-cnn-buffers', i)));
    inputs = block.descriptor.outputs;
  });
  return blocks;
}

/** Fresh BatchNorm statistics (init gives mean 0, var 1, which would hide a wrong normalisation). */
function randomiseBuffers(block: Block, rng: Rng): Block {
  const weights = new Map(block.weights);
  for (const [name, t] of block.weights) {
    if (name.endsWith('running_mean') || name.endsWith('bias'))
      weights.set(name, float32Tensor(t.shape, rng.fillNormal(new Float32Array(t.data.length), 0, 0.1)));
    if (name.endsWith('running_var'))
      weights.set(name, float32Tensor(t.shape, rng.fillUniform(new Float32Array(t.data.length), 0.5, 1.5)));
  }
  return { descriptor: block.descriptor, weights };
}
