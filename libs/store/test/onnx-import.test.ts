/**
 * A small residual network built as an ONNX graph in the test is cut at its single-tensor cut points; the blocks,
 * run in a chain through ONNX Runtime (@alsatian/engine), reproduce a plain-JS evaluation of the network.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError, float32Tensor, Rng } from '@alsatian/core';
import { createEngine } from '@alsatian/engine';
import { GraphBuilder } from '@alsatian/models';
import { importOnnxModel, onnxToBlocks, openStore } from '../src/index.ts';
import { tempDir } from './helpers.ts';

const rng = Rng.derive(3, 'onnx-test');
const rand = (n: number) => rng.fillUniform(new Float32Array(n), -0.5, 0.5);

/** Naive NCHW conv (one item) with square kernel, for the reference. */
function conv(
  x: Float32Array,
  c: number,
  h: number,
  w: number,
  weight: Float32Array,
  bias: Float32Array,
  out: number,
  k: number,
  stride: number,
  pad: number,
) {
  const oh = Math.floor((h + 2 * pad - k) / stride) + 1;
  const ow = Math.floor((w + 2 * pad - k) / stride) + 1;
  const y = new Float32Array(out * oh * ow);
  for (let o = 0; o < out; o++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++) {
        let s = bias[o];
        for (let ci = 0; ci < c; ci++)
          for (let a = 0; a < k; a++)
            for (let b = 0; b < k; b++) {
              const yy = i * stride - pad + a;
              const xx = j * stride - pad + b;
              if (yy >= 0 && yy < h && xx >= 0 && xx < w)
                s += x[(ci * h + yy) * w + xx] * weight[((o * c + ci) * k + a) * k + b];
            }
        y[(o * oh + i) * ow + j] = s;
      }
  return y;
}
const relu = (x: Float32Array) => x.map((v) => Math.max(0, v));

function residualNet() {
  const W = {
    w1: rand(4 * 3 * 9),
    b1: rand(4),
    w2: rand(4 * 4 * 9),
    b2: rand(4),
    w3: rand(6 * 4 * 9),
    b3: rand(6),
    fc: rand(5 * 6),
    fb: rand(5),
  };
  const g = new GraphBuilder();
  const x = g.input('pixels', 'float32', ['batch', 3, 8, 8]);
  const init = (name: string, shape: number[], data: Float32Array) => g.initializer(name, float32Tensor(shape, data));
  const c3 = { kernel_shape: [3, 3], pads: [1, 1, 1, 1] };
  const t1 = g.op('Conv', [x, init('w1', [4, 3, 3, 3], W.w1), init('b1', [4], W.b1)], c3);
  const a = g.op('Relu', [t1]);
  const t2 = g.op('Conv', [a, init('w2', [4, 4, 3, 3], W.w2), init('b2', [4], W.b2)], c3);
  const b = g.op('Relu', [t2]);
  const c = g.op('Add', [a, b]);
  const t3 = g.op('Conv', [c, init('w3', [6, 4, 3, 3], W.w3), init('b3', [6], W.b3)], { ...c3, strides: [2, 2] });
  const p = g.op('GlobalAveragePool', [t3]);
  const f = g.op('Flatten', [p]);
  const out = g.op('Gemm', [f, init('fc', [5, 6], W.fc), init('fb', [5], W.fb)], { transB: 1 });
  const logits = g.output(out, 'logits', 'float32', ['batch', 5]);
  const reference = (item: Float32Array) => {
    const ra = relu(conv(item, 3, 8, 8, W.w1, W.b1, 4, 3, 1, 1));
    const rb = relu(conv(ra, 4, 8, 8, W.w2, W.b2, 4, 3, 1, 1));
    const r3 = conv(
      ra.map((v, i) => v + rb[i]),
      4,
      8,
      8,
      W.w3,
      W.b3,
      6,
      3,
      2,
      1,
    );
    const pooled = Array.from(
      { length: 6 },
      (_, ch) => r3.slice(ch * 16, ch * 16 + 16).reduce((s, v) => s + v, 0) / 16,
    );
    return Array.from({ length: 5 }, (_, o) => W.fb[o] + pooled.reduce((s, v, i) => s + v * W.fc[o * 6 + i], 0));
  };
  return { bytes: g.toBytes('residual'), cuts: [t1, a, c, t3, p, f, out, logits], reference };
}

describe('ONNX import', () => {
  it('cuts a residual network exactly at its single-tensor cut points, never inside the residual', () => {
    const net = residualNet();
    const imported = onnxToBlocks(net.bytes, 'residual.onnx');
    expect(imported.blocks.map((b) => b.descriptor.attrs.output)).toEqual(net.cuts);
    expect(imported.blocks[2].descriptor.attrs.nodes).toHaveLength(3); // conv2, relu, add
    expect(imported.blocks.map((b) => b.descriptor.outputs[0].shape)).toEqual([
      [4, 8, 8],
      [4, 8, 8],
      [4, 8, 8],
      [6, 4, 4],
      [6, 1, 1],
      [6],
      [5],
      [5],
    ]);
    expect(imported.featureDim).toBe(5);
    expect(imported.params).toBe(4 * 27 + 4 + 4 * 36 + 4 + 6 * 36 + 6 + 30 + 5);
  });

  it('the blocks, stored and run in a chain through ONNX Runtime, reproduce the network', async () => {
    const net = residualNet();
    const dir = await tempDir();
    const file = join(dir, 'residual.onnx');
    await writeFile(file, net.bytes);
    const store = await openStore(join(dir, 'store'));
    const manifest = await importOnnxModel(store, file, { name: 'residual' });
    expect(manifest).toMatchObject({ architecture: 'onnx:residual', source: 'onnx' });
    const blocks = await Promise.all(manifest.blocks.map((id) => store.getBlock(id)));
    const items = 2;
    const input = float32Tensor([items, 3, 8, 8], rand(items * 192));
    const engine = await createEngine({ ep: 'cpu', threads: 1 });
    try {
      let value = input;
      for (const block of blocks) {
        const unit = await engine.prepare([block]);
        [value] = await unit.run([value]);
        await unit.dispose();
      }
      const fused = await engine.prepare(blocks);
      const [fusedOut] = await fused.run([input]);
      await fused.dispose();
      for (let i = 0; i < items; i++) {
        const expected = net.reference((input.data as Float32Array).slice(i * 192, (i + 1) * 192));
        expected.forEach((e, o) => {
          expect(value.data[i * 5 + o]).toBeCloseTo(e, 4);
          expect(fusedOut.data[i * 5 + o]).toBeCloseTo(e, 4);
        });
      }
    } finally {
      await engine.dispose();
    }
  });

  it('names the file and the op it cannot handle', () => {
    const g = new GraphBuilder();
    const x = g.input('x', 'float32', ['batch', 4]);
    g.output(g.op('TopK', [x, g.ints('k', [2])]), 'y', 'float32', ['batch', 2]);
    expect(() => onnxToBlocks(g.toBytes(), 'odd.onnx')).toThrow(BadInputError);
    expect(() => onnxToBlocks(g.toBytes(), 'odd.onnx')).toThrow(/odd\.onnx: cannot infer .*op TopK/);
    expect(() => onnxToBlocks(new Uint8Array([1, 2, 3]), 'junk.onnx')).toThrow(/junk\.onnx/);
  });
});
