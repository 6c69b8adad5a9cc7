import { describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import { BATCH_DIM, architecture, buildModel, lowerUnit, OPSET } from '../src/index.ts';

const { onnx } = onnxProto;

const dims = (v: onnxProto.onnx.IValueInfoProto) =>
  (v.type?.tensorType?.shape?.dim ?? []).map((d) => d.dimParam || Number(d.dimValue));

/** Decodes the bytes and checks that every node input is defined before use (a well-formed graph). */
function decodeChecked(bytes: Uint8Array) {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph!;
  const defined = new Set<string>([
    ...(graph.input ?? []).map((i) => i.name!),
    ...(graph.initializer ?? []).map((t) => t.name!),
  ]);
  for (const node of graph.node ?? []) {
    for (const i of node.input ?? []) expect(defined.has(i), `${node.opType} reads undefined value '${i}'`).toBe(true);
    for (const o of node.output ?? []) defined.add(o);
  }
  for (const o of graph.output ?? []) expect(defined.has(o.name!)).toBe(true);
  return {
    opset: Number(model.opsetImport?.[0]?.version),
    inputs: (graph.input ?? []).map(dims),
    outputs: (graph.output ?? []).map(dims),
    initializers: graph.initializer ?? [],
    ops: (graph.node ?? []).map((n) => n.opType ?? ''),
  };
}

describe('CNN architectures lower to ONNX', () => {
  it.each(['tiny_resnet', 'tiny_mobilenet', 'tiny_efficientnet', 'resnet18'])(
    '%s lowers to one well-formed graph with every weight',
    (name) => {
      const model = buildModel(name, { seed: 3 });
      const def = architecture(name);
      const decoded = decodeChecked(lowerUnit(model.blocks));
      expect(decoded.opset).toBe(OPSET);
      expect(decoded.inputs).toEqual([[BATCH_DIM, ...def.inputs[0].shape]]);
      expect(decoded.outputs).toEqual([[BATCH_DIM, def.featureDim]]);
      const expected = model.blocks.flatMap((b, i) => [...b.weights.keys()].map((w) => `b${i}.${w}`));
      const initializers = decoded.initializers.map((t) => t.name!);
      expect(initializers.filter((n) => /^b\d+\./.test(n)).sort()).toEqual(expected.sort());
      // weight bytes travel unchanged
      const stemWeight = decoded.initializers.find((t) => t.name === 'b0.weight')!;
      const stem = model.blocks[0].weights.get('weight')!;
      expect(
        Buffer.from(stemWeight.rawData!).equals(
          Buffer.from(stem.data.buffer, stem.data.byteOffset, stem.data.byteLength),
        ),
      ).toBe(true);
    },
  );

  it('residual blocks add their shortcut; mbconv scales by a sigmoid squeeze-excitation', () => {
    const ops = (name: string, from: number, to: number) => {
      const blocks = buildModel(name, { seed: 1 }).blocks.slice(from, to);
      return decodeChecked(lowerUnit(blocks)).ops;
    };
    // tiny_resnet block 4 is layer1.0 (identity shortcut), block 5 is layer2.0 (downsample)
    expect(ops('tiny_resnet', 4, 5).filter((o) => o === 'Conv')).toHaveLength(2);
    expect(ops('tiny_resnet', 5, 6).filter((o) => o === 'Conv')).toHaveLength(3);
    expect(ops('tiny_resnet', 4, 5)).toContain('Add');
    const mb = ops('tiny_efficientnet', 5, 6);
    expect(mb).toEqual(expect.arrayContaining(['GlobalAveragePool', 'Sigmoid', 'Mul']));
    expect(mb).not.toContain('Add'); // strided: no residual
    expect(ops('tiny_efficientnet', 6, 7)).toContain('Add');
  });

  it('a unit from the middle of a model takes the previous block output as its input', () => {
    const model = buildModel('tiny_mobilenet', { seed: 2 });
    const unit = decodeChecked(lowerUnit(model.blocks.slice(4, 9)));
    expect(unit.inputs).toEqual([[BATCH_DIM, ...model.blocks[3].descriptor.outputs[0].shape]]);
    expect(unit.outputs).toEqual([[BATCH_DIM, ...model.blocks[8].descriptor.outputs[0].shape]]);
  });
});
