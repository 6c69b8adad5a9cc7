/**
 * The behaviour every Engine implementation must have (a new engine runs this suite too; today the ORT engine):
 * specs and weight bytes of a prepared unit, output shapes, determinism, fused = block by block, bad batches.
 */
import { describe, expect, it } from 'vitest';
import type { Engine, HostTensor } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';
import { relativeError, sampleBatch, smallCnnChain } from './helpers.ts';

export function engineContract(name: string, makeEngine: () => Promise<Engine>): void {
  describe(`Engine contract: ${name}`, () => {
    const blocks = smallCnnChain();

    it('reports the first block inputs, the last block outputs and the bytes of all weights', async () => {
      const engine = await makeEngine();
      const unit = await engine.prepare(blocks, { label: 'chain' });
      expect(unit.label).toBe('chain');
      expect(unit.inputs).toEqual(blocks[0].descriptor.inputs);
      expect(unit.outputs).toEqual(blocks[blocks.length - 1].descriptor.outputs);
      const bytes = blocks.flatMap((b) => [...b.weights.values()]).reduce((s, w) => s + w.data.length * 4, 0);
      expect(unit.weightBytes).toBe(bytes);
      await engine.dispose();
    });

    it('returns outputs of the inferred shapes, deterministically, different for different items', async () => {
      const engine = await makeEngine();
      const unit = await engine.prepare(blocks);
      const batch = sampleBatch(unit.inputs, 3);
      const [out] = await unit.run(batch);
      expect(out.dtype).toBe('float32');
      expect(out.shape).toEqual([3, ...unit.outputs[0].shape]);
      const [again] = await unit.run(batch);
      expect(Array.from(again.data as Float32Array)).toEqual(Array.from(out.data as Float32Array));
      const row = out.data.length / 3;
      expect(Array.from((out.data as Float32Array).subarray(0, row))).not.toEqual(
        Array.from((out.data as Float32Array).subarray(row, 2 * row)),
      );
      await engine.dispose();
    });

    it('gives the same result fused as block by block (relative error <= 1e-5)', async () => {
      const engine = await makeEngine();
      const fused = await engine.prepare(blocks);
      const batch = sampleBatch(fused.inputs, 2);
      const [expected] = await fused.run(batch);
      let values: HostTensor[] = batch;
      for (const block of blocks) values = await (await engine.prepare([block])).run(values);
      expect(relativeError(values[0], expected)).toBeLessThanOrEqual(1e-5);
      await engine.dispose();
    });

    describe('bad input', () => {
      it('rejects a batch of the wrong per-item shape, naming the unit and the expected shape', async () => {
        const engine = await makeEngine();
        const unit = await engine.prepare(blocks, { label: 'stem' });
        const wrong = sampleBatch([{ name: 'pixels', dtype: 'float32', shape: [3, 8, 8] }], 1);
        await expect(unit.run(wrong)).rejects.toThrow(InvalidArgumentError);
        await expect(unit.run(wrong)).rejects.toThrow(/float32 \[batch, 3, 16, 16\].*\[1, 3, 8, 8\].*unit 'stem'/);
        await expect(unit.run([])).rejects.toThrow(/takes 1 input/);
        await engine.dispose();
      });

      it('rejects an empty unit and a disposed unit', async () => {
        const engine = await makeEngine();
        await expect(engine.prepare([])).rejects.toThrow(InvalidArgumentError);
        const unit = await engine.prepare(blocks.slice(0, 2), { label: 'gone' });
        await unit.dispose();
        await expect(unit.run(sampleBatch(unit.inputs, 1))).rejects.toThrow(/'gone' was disposed/);
        await engine.dispose();
      });
    });
  });
}
