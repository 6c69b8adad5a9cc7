/**
 * Runs the CNN block kinds through the real ONNX Runtime engine: every kind against torchvision's own modules
 * (fixture from cnn-torch-blocks.py), each tiny CNN block by block (one session per block, chained) against one
 * fused session, and a full resnet152 on random images.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, HostTensor } from '@alsatian/core';
import { float32Tensor, numel, Rng, sliceRows } from '@alsatian/core';
import { maxRelativeError } from '@alsatian/core/testing';
import { createEngine } from '@alsatian/engine';
import type { OrtEngine } from '@alsatian/engine';
import { architecture, blockDescriptor, blockKind, buildModel, describeBlocks, initBlockAt } from '@alsatian/models';

let engine: OrtEngine;
beforeAll(async () => {
  engine = await createEngine({ threads: 2 });
});
afterAll(async () => {
  await engine.dispose();
});

/** Throws on a shape mismatch, so a wrong shape fails the test too. */
const relativeError = maxRelativeError;

async function run(blocks: readonly Block[], inputs: readonly HostTensor[]): Promise<HostTensor[]> {
  const unit = await engine.prepare(blocks);
  try {
    return await unit.run(inputs);
  } finally {
    await unit.dispose();
  }
}

interface FixtureTensor {
  shape: number[];
  data: string;
}
interface FixtureCase {
  kind: string;
  attrs: Record<string, number>;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: Record<string, FixtureTensor>;
}

const tensor = (t: FixtureTensor): HostTensor => {
  const bytes = Buffer.from(t.data, 'base64');
  return float32Tensor(
    t.shape,
    new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
  );
};
const fixture = JSON.parse(readFileSync(new URL('./cnn-torch-blocks.json', import.meta.url), 'utf8')) as {
  cases: FixtureCase[];
};

describe('CNN block kinds match torchvision modules', () => {
  it.each(fixture.cases.map((c) => [`${c.kind} ${JSON.stringify(c.attrs)}`, c] as const))('%s', async (_, c) => {
    const input = tensor(c.input);
    const descriptor = blockDescriptor({ kind: c.kind, attrs: c.attrs, sourcePrefix: '', label: c.kind }, [
      { name: 'x', dtype: 'float32', shape: input.shape.slice(1) },
    ]);
    // Our kind declares exactly torchvision's state-dict names (minus num_batches_tracked), with equal shapes.
    const declared = blockKind(c.kind).weights(descriptor.inputs, descriptor.attrs);
    expect(declared.map((w) => w.name).sort()).toEqual(Object.keys(c.weights).sort());
    for (const w of declared) expect(w.shape, w.name).toEqual(c.weights[w.name].shape);
    expect(descriptor.outputs[0].shape).toEqual(c.output.shape.slice(1));
    const weights = new Map(Object.entries(c.weights).map(([k, t]) => [k, tensor(t)]));
    const [y] = await run([{ descriptor, weights }], [input]);
    expect(relativeError(y, tensor(c.output))).toBeLessThanOrEqual(1e-5);
  });
});

/** A tiny model with its head; batch-norm statistics and affine terms get noise so that they matter. */
function perturbed(name: string): Block[] {
  const model = buildModel(name, { seed: 11, withHead: true });
  const rng = Rng.derive(11, 'cnn-engine-test', name);
  return [...model.blocks, model.head!].map((b) => {
    const weights = new Map(b.weights);
    for (const [k, t] of b.weights) {
      const data = t.data as Float32Array;
      const noisy = k.endsWith('running_var')
        ? data.map(() => rng.uniform(0.5, 2))
        : data.every((v) => v === data[0])
          ? data.map((v) => v + rng.uniform(-0.3, 0.3))
          : data;
      weights.set(k, float32Tensor(t.shape, noisy));
    }
    return { descriptor: b.descriptor, weights };
  });
}

describe('tiny CNNs through the ONNX Runtime engine', () => {
  it.each(['tiny_resnet', 'tiny_mobilenet', 'tiny_efficientnet'])(
    '%s: chained per-block sessions match one fused session (rel. error <= 1e-5)',
    async (name) => {
      const blocks = perturbed(name);
      const shape = [3, ...architecture(name).inputs[0].shape];
      const x = float32Tensor(
        shape,
        Rng.derive(2, 'cnn-engine-input', name).fillNormal(new Float32Array(numel(shape))),
      );
      const fused = (await run(blocks, [x]))[0];
      const fusedFeatures = (await run(blocks.slice(0, -1), [x]))[0];
      let values = [x];
      for (const block of blocks.slice(0, -1)) values = await run([block], values);
      expect(fusedFeatures.shape).toEqual([3, architecture(name).featureDim]);
      expect(relativeError(values[0], fusedFeatures)).toBeLessThanOrEqual(1e-5);
      values = await run(blocks.slice(-1), values);
      expect(relativeError(values[0], fused)).toBeLessThanOrEqual(1e-5);
      // an item gives the same features alone as inside the batch
      const alone = (await run(blocks.slice(0, -1), [sliceRows(x, 2, 3)]))[0];
      expect(relativeError(alone, sliceRows(fusedFeatures, 2, 3))).toBeLessThanOrEqual(1e-5);
    },
  );
});

describe('full-size CNN through the engine', () => {
  it('resnet152 gives finite, non-degenerate features for two random images', async () => {
    // Blocks with equal descriptors (35 of layer3's 36 Bottlenecks, ...) share one seeded initialisation: drawing
    // 60 M normals in JS costs ~8 s, a quarter of them ~2 s, and the graph still runs all 56 blocks.
    const def = architecture('resnet152');
    const { features } = describeBlocks(def);
    const byDescriptor = new Map<string, Block>();
    const blocks = features.map((d, i) => {
      const key = JSON.stringify(d);
      if (!byDescriptor.has(key)) byDescriptor.set(key, initBlockAt(def.name, d, 3, i));
      return byDescriptor.get(key)!;
    });
    expect(byDescriptor.size).toBeLessThan(20);
    const shape = [2, 3, 224, 224];
    const x = float32Tensor(shape, Rng.derive(3, 'resnet152-images').fillNormal(new Float32Array(numel(shape))));
    const [out] = await run(blocks, [x]);
    expect(out.shape).toEqual([2, 2048]);
    const data = out.data as Float32Array;
    expect(data.every(Number.isFinite)).toBe(true);
    expect(data.every((v) => v >= 0)).toBe(true); // average of ReLU outputs
    const positive = data.filter((v) => v > 0).length;
    expect(positive).toBeGreaterThan(0.5 * data.length);
    const first = sliceRows(out, 0, 1);
    const second = sliceRows(out, 1, 2);
    expect(relativeError(first, second)).toBeGreaterThan(1e-3); // the two images give different features
  });
});
