import { describe, expect, it } from 'vitest';
import { float32Tensor, InvalidArgumentError, Rng, UnavailableError } from '@alsatian/core';
import { blockDescriptor, initBlock } from '@alsatian/models';
import { createEngine } from '../src/index.ts';
import { relativeError, sampleBatch, smallCnnChain } from './helpers.ts';

describe('ORT engine', () => {
  it('computes what the block means: a linear layer equals x W^T + b computed by hand', async () => {
    const d = blockDescriptor({ kind: 'linear', attrs: { out: 3, init: 'torch' }, sourcePrefix: '', label: 'fc' }, [
      { name: 'x', dtype: 'float32', shape: [4] },
    ]);
    const block = initBlock(d, Rng.derive(3, 'linear'));
    const w = block.weights.get('weight')!.data as Float32Array;
    const b = block.weights.get('bias')!.data as Float32Array;
    const x = float32Tensor([2, 4], Float32Array.from([1, -2, 0.5, 3, 0, 1, -1, 2]));
    const expected = float32Tensor([2, 3]);
    for (let n = 0; n < 2; n++)
      for (let o = 0; o < 3; o++) {
        let s = b[o];
        for (let i = 0; i < 4; i++) s += (x.data[n * 4 + i] as number) * w[o * 4 + i];
        (expected.data as Float32Array)[n * 3 + o] = s;
      }
    const engine = await createEngine({ threads: 1 });
    const [y] = await (await engine.prepare([block])).run([x]);
    expect(relativeError(y, expected)).toBeLessThan(1e-6);
    await engine.dispose();
  });

  it('gives the same numbers with one thread as with two', async () => {
    const blocks = smallCnnChain(5);
    const one = await createEngine({ threads: 1 });
    const two = await createEngine({ threads: 2 });
    const batch = sampleBatch(blocks[0].descriptor.inputs, 4);
    const [a] = await (await one.prepare(blocks)).run(batch);
    const [b] = await (await two.prepare(blocks)).run(batch);
    expect(relativeError(a, b)).toBeLessThanOrEqual(1e-5);
    await Promise.all([one.dispose(), two.dispose()]);
  });

  it('records how long preparing took and how large the graph was: weights stay external unless inlined', async () => {
    const external = await createEngine();
    const inline = await createEngine({ preparation: { weights: 'inline' } });
    const blocks = smallCnnChain();
    const a = await external.prepare(blocks);
    const b = await inline.prepare(blocks);
    expect(a.timings.sessionMs).toBeGreaterThan(0);
    // Without a content key nothing could load a compiled form again: the session is created directly.
    expect(a.timings.source).toBe('direct');
    // The chain's convolution weights are above the external threshold: only the graph is encoded.
    expect(a.timings.onnxBytes).toBeLessThan(a.weightBytes);
    expect(b.timings.onnxBytes).toBeGreaterThan(b.weightBytes);
    await Promise.all([external.dispose(), inline.dispose()]);
  });

  describe('execution providers', () => {
    it('rejects an unknown provider name, listing cpu, webgpu and cuda', async () => {
      await expect(createEngine({ ep: 'tpu' })).rejects.toThrow(InvalidArgumentError);
      await expect(createEngine({ ep: 'tpu' })).rejects.toThrow(
        /Unknown execution provider 'tpu'\. Known: cpu, webgpu, cuda\./,
      );
    });

    it("says why 'cuda' is unavailable when the CUDA EP binaries are not installed", async () => {
      // This machine (and CI) has no CUDA EP binaries: install is skipped with ONNXRUNTIME_NODE_INSTALL=skip.
      await expect(createEngine({ ep: 'cuda' })).rejects.toThrow(UnavailableError);
      await expect(createEngine({ ep: 'cuda' })).rejects.toThrow(/CUDA EP binaries .* are not installed/);
    });

    it("runs 'webgpu' with the CPU's numbers or says why it is unavailable; never falls back silently", async () => {
      const blocks = smallCnnChain();
      const batch = sampleBatch(blocks[0].descriptor.inputs, 2);
      const cpu = await createEngine();
      const [expected] = await (await cpu.prepare(blocks)).run(batch);
      const outcome = await createEngine({ ep: 'webgpu' })
        .then(async (gpu) => {
          const [y] = await (await gpu.prepare(blocks)).run(batch);
          await gpu.dispose();
          return y;
        })
        .catch((error: unknown) => error);
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(UnavailableError);
        const why = /(the Vulkan loader library libvulkan\.so\.1 is missing|WebGPU found no usable GPU adapter)/;
        expect(outcome.message).toMatch(new RegExp(`'webgpu' is unavailable: ${why.source}`));
      } else {
        expect(relativeError(outcome as never, expected)).toBeLessThanOrEqual(1e-4);
      }
      await cpu.dispose();
    });

    it('rejects a thread count that is not a positive integer', async () => {
      await expect(createEngine({ threads: 0 })).rejects.toThrow(/'threads' must be a positive integer, got 0/);
    });
  });
});

describe('ORT engine outputs', () => {
  it('stay valid after the unit and the engine are disposed (they are host copies)', async () => {
    const engine = await createEngine();
    const unit = await engine.prepare(smallCnnChain());
    const [y] = await unit.run(sampleBatch(unit.inputs, 2));
    const copy = Float32Array.from(y.data as Float32Array);
    await engine.dispose();
    expect(Array.from(y.data as Float32Array)).toEqual(Array.from(copy));
    await expect(unit.run(sampleBatch(unit.inputs, 1))).rejects.toThrow(/was disposed/);
  });
});
