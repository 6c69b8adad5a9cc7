/**
 * Every architecture of the zoo through the real engine: built from a seed, run on a small batch, with outputs of
 * the statically inferred shapes, and the same numbers fused as block by block. Tiny variants all; full-size ones
 * only a few at batch 1 (the parity test covers the rest against PyTorch).
 */
import { describe, expect, it } from 'vitest';
import type { HostTensor } from '@alsatian/core';
import { architecture, architectureNames, buildModel, describeArchitecture } from '@alsatian/models';
import { createEngine } from '../src/index.ts';
import { relativeError, sampleBatch } from './helpers.ts';

const TINY = architectureNames({ includeTiny: true }).filter((n) => architecture(n).tiny);
const FULL_SIZE = ['resnet18', 'mobilenet_v2'].filter((n) => architectureNames().includes(n));

describe('architectures on the ORT engine', () => {
  it('has tiny variants to test', () => {
    expect(TINY.length).toBeGreaterThan(0);
  });

  it.each(TINY)(
    '%s: every block output has its inferred shape, and fused equals block by block (<= 1e-5)',
    async (name) => {
      const model = buildModel(name, { seed: 3 });
      const info = describeArchitecture(name);
      const engine = await createEngine({ threads: 1 });
      const batch = sampleBatch(model.blocks[0].descriptor.inputs, 2);
      let values: HostTensor[] = batch;
      for (const [i, block] of model.blocks.entries()) {
        const unit = await engine.prepare([block], { label: `${name}.${i}` });
        values = await unit.run(values);
        expect(values.map((v) => v.shape)).toEqual(info.blocks[i].outputShape.map((s) => [2, ...s]));
        expect(values.map((v) => v.dtype)).toEqual(block.descriptor.outputs.map((o) => o.dtype));
        await unit.dispose();
      }
      const [fused] = await (await engine.prepare(model.blocks, { label: name })).run(batch);
      expect(fused.shape).toEqual([2, info.featureDim]);
      expect(relativeError(values[0], fused)).toBeLessThanOrEqual(1e-5);
      expect((fused.data as Float32Array).every(Number.isFinite)).toBe(true);
      await engine.dispose();
    },
  );

  it.each(FULL_SIZE)(
    '%s (full size): one fused unit maps a batch of 1 to [1, featureDim] finite features',
    async (name) => {
      const model = buildModel(name, { seed: 3 });
      const engine = await createEngine();
      const unit = await engine.prepare(model.blocks, { label: name });
      expect(unit.outputs[0].shape).toEqual(describeArchitecture(name).blocks.at(-1)!.outputShape[0]);
      const [features] = await unit.run(sampleBatch(unit.inputs, 1));
      expect(features.shape).toEqual([1, describeArchitecture(name).featureDim]);
      expect((features.data as Float32Array).every(Number.isFinite)).toBe(true);
      await engine.dispose();
    },
  );
});
