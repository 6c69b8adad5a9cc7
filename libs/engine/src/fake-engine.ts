/**
 * A fake engine for unit tests of other libs (planner, cache, executor, strategies): no ONNX Runtime, no graph.
 * Each block maps every item to outputs of its statically inferred shapes with a cheap deterministic function of
 * (the item's input, the block's kind and weights), applied block after block, so:
 * - equal blocks on equal items give equal outputs, different items or different weights give different ones;
 * - running a chain fused or block by block gives the same numbers (sharing and caching can be checked exactly).
 */
import type { Block, Engine, HostTensor, PreparedUnit, TensorSpec } from '@alsatian/core';
import { InvalidArgumentError, numel } from '@alsatian/core';
import { checkBatch } from './tensors.ts';

export interface FakeEngine extends Engine {
  /** Units prepared so far (a test can check that sharing prepared fewer). */
  readonly prepared: number;
  /** Batches run so far, over all units. */
  readonly runs: number;
}

export function createFakeEngine(): FakeEngine {
  let prepared = 0;
  let runs = 0;
  return {
    ep: 'cpu',
    get prepared() {
      return prepared;
    },
    get runs() {
      return runs;
    },
    async prepare(blocks, options) {
      if (blocks.length === 0) throw new InvalidArgumentError('An execution unit needs at least one block.');
      const label = options?.label ?? `fake${prepared}`;
      prepared++;
      const inputs = blocks[0].descriptor.inputs;
      const outputs = blocks[blocks.length - 1].descriptor.outputs;
      const salts = blocks.map(blockSalt);
      let disposed = false;
      const unit: PreparedUnit = {
        label,
        inputs,
        outputs,
        weightBytes: blocks.reduce((s, b) => s + [...b.weights.values()].reduce((t, w) => t + w.data.byteLength, 0), 0),
        async run(batch) {
          if (disposed) throw new InvalidArgumentError(`Unit '${label}' was disposed and cannot run.`);
          const size = checkBatch(label, inputs, batch);
          runs++;
          let values: readonly HostTensor[] = batch;
          blocks.forEach((b, i) => (values = applyBlock(values, b.descriptor.outputs, salts[i], size)));
          return [...values];
        },
        async dispose() {
          disposed = true;
        },
      };
      return unit;
    },
    async dispose() {},
  };
}

/** out[b, j] of output k = tanh(mean of item b of input 0 + salt + 0.001 (j mod 97 + k)). */
function applyBlock(inputs: readonly HostTensor[], outSpecs: readonly TensorSpec[], salt: number, batch: number): HostTensor[] {
  const first = inputs[0];
  const row = numel(first.shape.slice(1));
  const means = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    let sum = 0;
    for (let j = 0; j < row; j++) sum += Number(first.data[b * row + j]);
    means[b] = row > 0 ? sum / row : 0;
  }
  return outSpecs.map((spec, k) => {
    const n = numel(spec.shape);
    const shape = [batch, ...spec.shape];
    if (spec.dtype === 'int64') {
      const data = new BigInt64Array(batch * n);
      for (let b = 0; b < batch; b++) for (let j = 0; j < n; j++) data[b * n + j] = BigInt(Math.floor(Math.abs(means[b] + salt) * 1000) + j + k);
      return { dtype: 'int64', shape, data };
    }
    const data = new Float32Array(batch * n);
    for (let b = 0; b < batch; b++) for (let j = 0; j < n; j++) data[b * n + j] = Math.tanh(means[b] + salt + 0.001 * ((j % 97) + k));
    return { dtype: 'float32', shape, data };
  });
}

/** A number in [-1, 1) from the block's kind and a sample of its weights (FNV-1a), so different blocks differ. */
function blockSalt(block: Block): number {
  let h = 0x811c9dc5;
  const mix = (x: number) => {
    h ^= x & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const c of block.descriptor.kind) mix(c.charCodeAt(0));
  for (const [name, w] of block.weights) {
    for (const c of name) mix(c.charCodeAt(0));
    const bytes = new Uint8Array(w.data.buffer, w.data.byteOffset, Math.min(w.data.byteLength, 64));
    for (const byte of bytes) mix(byte);
  }
  return h / 2 ** 31 - 1;
}
