/**
 * Runs the tiny transformers through the real ONNX Runtime engine: block-by-block execution (one session per
 * block, outputs chained) must match one fused session, and BERT's attention mask must hide padded tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, HostTensor } from '@alsatian/core';
import { float32Tensor, int64Tensor, numel, Rng, sliceRows } from '@alsatian/core';
import { maxRelativeError } from '@alsatian/core/testing';
import { createEngine } from '@alsatian/engine';
import type { OrtEngine } from '@alsatian/engine';
import { architecture, buildModel } from '@alsatian/models';

let engine: OrtEngine;
beforeAll(async () => {
  engine = await createEngine({ threads: 2 });
});
afterAll(async () => {
  await engine.dispose();
});

/** Throws on a shape mismatch, so a wrong shape fails the test too. */
const relativeError = maxRelativeError;

/**
 * The model with its head; tensors initialised to all zeros (class token, biases, ViT head) get noise so they matter.
 */
function modelWithNoise(name: string): Block[] {
  const model = buildModel(name, { seed: 5, withHead: true });
  const rng = Rng.derive(5, 'transformer-engine-test', name);
  return [...model.blocks, model.head!].map((b) => {
    const weights = new Map(b.weights);
    for (const [k, t] of b.weights) {
      if ((t.data as Float32Array).every((v) => v === 0))
        weights.set(k, float32Tensor(t.shape, rng.fillNormal(new Float32Array(t.data.length), 0, 0.1)));
    }
    return { descriptor: b.descriptor, weights };
  });
}

function inputsFor(name: string, batch: number, seed: number): HostTensor[] {
  const rng = Rng.derive(seed, 'transformer-engine-input', name);
  const def = architecture(name);
  if (def.family === 'vit') {
    const shape = [batch, ...def.inputs[0].shape];
    return [float32Tensor(shape, rng.fillNormal(new Float32Array(numel(shape))))];
  }
  const length = def.inputs[0].shape[0];
  const ids = BigInt64Array.from({ length: batch * length }, () => BigInt(rng.int(1000)));
  // Item b keeps its first length - 3b tokens, so every item but the first has padding.
  const mask = BigInt64Array.from({ length: batch * length }, (_, i) =>
    i % length < length - 3 * Math.floor(i / length) ? 1n : 0n,
  );
  return [int64Tensor([batch, length], ids), int64Tensor([batch, length], mask)];
}

async function run(blocks: readonly Block[], inputs: readonly HostTensor[]): Promise<HostTensor[]> {
  const unit = await engine.prepare(blocks);
  try {
    return await unit.run(inputs);
  } finally {
    await unit.dispose();
  }
}

describe('tiny transformers through the ONNX Runtime engine', () => {
  it.each(['tiny_vit', 'tiny_bert'])(
    '%s: chained per-block sessions match one fused session (rel. error <= 1e-5)',
    async (name) => {
      const blocks = modelWithNoise(name);
      const inputs = inputsFor(name, 3, 1);
      const fusedFeatures = (await run(blocks.slice(0, -1), inputs))[0];
      const fusedHead = (await run(blocks, inputs))[0];
      let values = inputs;
      for (const block of blocks) values = await run([block], values);
      expect(values[0].shape).toEqual(fusedHead.shape);
      expect(relativeError(values[0], fusedHead)).toBeLessThanOrEqual(1e-5);
      const chainedFeatures = await blocks
        .slice(0, -1)
        .reduce(async (acc, b) => run([b], await acc), Promise.resolve(inputs));
      expect(fusedFeatures.shape).toEqual([3, architecture(name).featureDim]);
      expect(relativeError(chainedFeatures[0], fusedFeatures)).toBeLessThanOrEqual(1e-5);
    },
  );

  it('tiny_vit: an item gives the same features alone and inside a batch', async () => {
    const blocks = modelWithNoise('tiny_vit').slice(0, -1);
    const [batch] = inputsFor('tiny_vit', 3, 2);
    const together = (await run(blocks, [batch]))[0];
    const alone = (await run(blocks, [sliceRows(batch, 1, 2)]))[0];
    expect(relativeError(alone, sliceRows(together, 1, 2))).toBeLessThanOrEqual(1e-5);
  });

  it('tiny_bert: tokens under a zero attention mask do not change the CLS features; visible tokens do', async () => {
    const blocks = modelWithNoise('tiny_bert').slice(0, -1);
    const [ids, mask] = inputsFor('tiny_bert', 2, 3);
    const length = ids.shape[1];
    const base = (await run(blocks, [ids, mask]))[0];
    const changed = (position: number) => {
      const data = (ids.data as BigInt64Array).slice();
      data[length + position] = (data[length + position] + 1n) % 1000n;
      return int64Tensor(ids.shape, data);
    };
    // Item 1 keeps length - 3 tokens: the last position is padding, position 1 is visible.
    const padded = (await run(blocks, [changed(length - 1), mask]))[0];
    const visible = (await run(blocks, [changed(1), mask]))[0];
    expect(relativeError(sliceRows(padded, 1, 2), sliceRows(base, 1, 2))).toBeLessThanOrEqual(1e-6);
    expect(relativeError(sliceRows(visible, 1, 2), sliceRows(base, 1, 2))).toBeGreaterThan(1e-4);
    expect(relativeError(sliceRows(visible, 0, 1), sliceRows(base, 0, 1))).toBe(0);
  });
});
