import { describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { numel, Rng } from '@alsatian/core';
import {
  architecture,
  blockDescriptor,
  buildModel,
  describeBlocks,
  initBlock,
  initBlockAt,
  lowerUnit,
  OPSET,
} from '@alsatian/models';

const { onnx } = onnxProto;

/** The decoded graph with its repeated fields made non-optional. */
function decodeGraph(bytes: Uint8Array) {
  const model = onnx.ModelProto.decode(bytes);
  const g = model.graph;
  if (!g) throw new Error('lowered model has no graph');
  const opset = Number(model.opsetImport[0]?.version);
  return { opset, input: g.input ?? [], output: g.output ?? [], initializer: g.initializer ?? [], node: g.node ?? [] };
}
const dims = (v: OnnxTypes.IValueInfoProto) =>
  (v.type?.tensorType?.shape?.dim ?? []).map((d) => d.dimParam || Number(d.dimValue));

describe('transformer lowering to ONNX', () => {
  it.each(['tiny_vit', 'tiny_bert'])(
    '%s lowers to one graph whose inputs, outputs and initializers match the blocks',
    (name) => {
      const model = buildModel(name, { seed: 3, withHead: true });
      const blocks = [...model.blocks, model.head!];
      const graph = decodeGraph(lowerUnit(blocks));
      expect(graph.opset).toBe(OPSET);
      const def = architecture(name);
      expect(graph.input.map((i) => i.name)).toEqual(def.inputs.map((s) => s.name));
      expect(graph.input.map(dims)).toEqual(def.inputs.map((s) => ['batch', ...s.shape]));
      expect(graph.output.map(dims)).toEqual([['batch', name === 'tiny_vit' ? 1000 : 32]]);
      // Every weight of every block becomes an initializer named b<i>.<local name>.
      const weightNames = blocks.flatMap((b, i) => [...b.weights.keys()].map((w) => `b${i}.${w}`));
      const inits = new Set(graph.initializer.map((t) => t.name));
      for (const w of weightNames) expect(inits.has(w)).toBe(true);
    },
  );

  it('vit_b_32 (88M parameters) lowers to ONNX bytes holding all its feature weights', () => {
    const model = buildModel('vit_b_32', { seed: 1 });
    const bytes = lowerUnit(model.blocks);
    const featureFloats = model.blocks.reduce(
      (s, b) => s + [...b.weights.values()].reduce((t, w) => t + numel(w.shape), 0),
      0,
    );
    expect(featureFloats).toBe(88_224_232 - 769_000);
    expect(bytes.byteLength).toBeGreaterThan(featureFloats * 4);
    expect(bytes.byteLength).toBeLessThan(featureFloats * 4 * 1.01);
  });

  // Attention over all heads is a fixed set of batched MatMuls: the node list must not grow with the head count.
  it.each([
    ['vit_encoder_block', { mlp: 64, eps: 1e-6 }, [{ name: 'x', dtype: 'float32', shape: [5, 32] }], 6],
    [
      'bert_encoder_block',
      { intermediate: 64, eps: 1e-12 },
      [
        { name: 'hidden', dtype: 'float32', shape: [5, 32] },
        { name: 'mask_bias', dtype: 'float32', shape: [5] },
      ],
      8,
    ],
  ] as const)('%s lowers to the same nodes for 1 and 16 heads (no per-head loop)', (kind, extra, inputs, matmuls) => {
    const opsFor = (heads: number) => {
      const d = blockDescriptor(
        { kind, attrs: { hidden: 32, heads, ...extra }, sourcePrefix: '', label: kind },
        inputs,
      );
      return decodeGraph(lowerUnit([initBlock(d, Rng.derive(1, kind))])).node.map((n) => n.opType);
    };
    const ops = opsFor(16);
    expect(ops).toEqual(opsFor(1));
    expect(ops.filter((o) => o === 'MatMul')).toHaveLength(matmuls);
    expect(ops.filter((o) => o === 'Softmax')).toHaveLength(1);
    expect(ops.filter((o) => o === 'LayerNormalization')).toHaveLength(2);
  });
});

describe('transformer initialisation follows torchvision / transformers', () => {
  const stats = (data: Float32Array) => {
    let sum = 0;
    let sq = 0;
    for (const v of data) {
      sum += v;
      sq += v * v;
    }
    const mean = sum / data.length;
    return {
      mean,
      std: Math.sqrt(sq / data.length - mean * mean),
      maxAbs: data.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
    };
  };
  const weightsOf = (name: string, index: number) => {
    const { features, head } = describeBlocks(architecture(name));
    const d = index < features.length ? features[index] : head;
    return initBlockAt(name, d, 11, index).weights;
  };

  it('vit_b_16: patchify trunc-normal(sqrt(1/fan_in)), zero class token, pos embedding normal(0.02), zero head', () => {
    const stem = weightsOf('vit_b_16', 0);
    expect(stats(stem.get('conv_proj.weight')!.data as Float32Array).std).toBeCloseTo(Math.sqrt(1 / (3 * 16 * 16)), 3);
    expect(stats(stem.get('class_token')!.data as Float32Array).maxAbs).toBe(0);
    expect(stats(weightsOf('vit_b_16', 1).get('encoder.pos_embedding')!.data as Float32Array).std).toBeCloseTo(0.02, 3);
    const head = weightsOf('vit_b_16', 17);
    expect(stats(head.get('weight')!.data as Float32Array).maxAbs).toBe(0);
  });

  it('vit_b_16 encoder: xavier in_proj, torch-default out_proj, xavier MLP with tiny biases, LayerNorm ones', () => {
    const w = weightsOf('vit_b_16', 3);
    const xavierStd = (fanIn: number, fanOut: number) => Math.sqrt(6 / (fanIn + fanOut)) / Math.sqrt(3);
    expect(stats(w.get('self_attention.in_proj_weight')!.data as Float32Array).std).toBeCloseTo(
      xavierStd(768, 2304),
      3,
    );
    expect(stats(w.get('self_attention.in_proj_bias')!.data as Float32Array).maxAbs).toBe(0);
    expect(stats(w.get('self_attention.out_proj.weight')!.data as Float32Array).maxAbs).toBeLessThanOrEqual(
      1 / Math.sqrt(768),
    );
    expect(stats(w.get('mlp.0.weight')!.data as Float32Array).std).toBeCloseTo(xavierStd(768, 3072), 3);
    const mlpBias = stats(w.get('mlp.3.bias')!.data as Float32Array);
    expect(mlpBias.maxAbs).toBeGreaterThan(0);
    expect(mlpBias.maxAbs).toBeLessThan(1e-5);
    expect([...(w.get('ln_1.weight')!.data as Float32Array)].every((v) => v === 1)).toBe(true);
  });

  it('bert: normal(0.02) Linear and Embedding weights, zero biases', () => {
    const emb = weightsOf('tiny_bert', 0);
    expect(stats(emb.get('word_embeddings.weight')!.data as Float32Array).std).toBeCloseTo(0.02, 3);
    const layer = weightsOf('bert_base', 1);
    expect(stats(layer.get('attention.self.query.weight')!.data as Float32Array).std).toBeCloseTo(0.02, 3);
    expect(stats(layer.get('intermediate.dense.bias')!.data as Float32Array).maxAbs).toBe(0);
  });
});
