/**
 * A block that is a piece of an imported ONNX graph: the nodes between two single-tensor cut points, kept
 * verbatim (op type, attributes, value names) in the descriptor, with the initializers it reads as its weights.
 * Lowering re-emits the nodes with fresh value names. Shapes are the importer's static inference (attrs), and
 * FLOPs are unknown (0): arbitrary ops have no cost formula here.
 */
import type { DType, HostTensor, JsonObject } from '@alsatian/core';
import { float32Tensor, int64Tensor } from '@alsatian/core';
import type { AttrValue } from '../graph/builder.ts';
import { defineBlockKind } from './kind.ts';

/** One ONNX attribute as JSON. Tensor attributes carry their values (small constants only). */
export type OnnxAttrJson =
  | { name: string; kind: 'int' | 'float' | 'string'; value: number | string }
  | { name: string; kind: 'ints' | 'floats'; value: number[] }
  | { name: string; kind: 'tensor'; value: { dtype: DType; shape: number[]; data: (number | string)[] } };

export type OnnxNodeJson = {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs: OnnxAttrJson[];
};

export type OnnxSubgraphAttrs = {
  /** Value name of the block's input in the original graph. */
  input: string;
  /** Value name of the block's output in the original graph. */
  output: string;
  nodes: OnnxNodeJson[];
  /** Initializers read by the nodes, in first-use order. */
  weights: { name: string; dtype: DType; shape: number[] }[];
  outputDtype: DType;
  /** Per-item output shape (batch excluded). */
  outputShape: number[];
} & JsonObject;

/**
 * Leading ops that ONNX Runtime may fuse into the op that produced their input (normalisations and activations into
 * a convolution or matrix product, element-wise ops into a bias or residual add, layer norm into an add). A piece
 * of an imported graph that starts with one is never cut from the piece before it (see BlockKind.joinsPrevious).
 */
const FUSES_BACKWARD = new Set([
  'BatchNormalization',
  'LayerNormalization',
  'Relu',
  'Clip',
  'LeakyRelu',
  'Sigmoid',
  'HardSigmoid',
  'HardSwish',
  'Tanh',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Erf',
  'Softmax',
]);

export const OnnxSubgraph = defineBlockKind<OnnxSubgraphAttrs>({
  name: 'onnx_subgraph',
  outputs: (_inputs, a) => [{ name: a.output, dtype: a.outputDtype, shape: a.outputShape }],
  weights: (_inputs, a) =>
    a.weights.map((w) => ({
      name: w.name,
      shape: w.shape,
      role: w.dtype === 'float32' ? ('parameter' as const) : ('buffer' as const),
      init: { kind: 'zeros' as const },
    })),
  flops: () => 0,
  joinsPrevious: (a) => FUSES_BACKWARD.has(a.nodes[0]?.op ?? ''),
  lower(g, [x], a, weight) {
    const weightNames = new Set(a.weights.map((w) => w.name));
    const values = new Map<string, string>([[a.input, x]]);
    const value = (name: string) => {
      if (name === '') return '';
      const known = values.get(name) ?? (weightNames.has(name) ? weight(name) : undefined);
      if (known === undefined) throw new RangeError(`onnx_subgraph: value '${name}' is used before it is produced`);
      return known;
    };
    for (const node of a.nodes) {
      const attrs: Record<string, AttrValue> = {};
      for (const at of node.attrs) attrs[at.name] = attrValue(at);
      const outs = g.node(node.op, node.inputs.map(value), attrs, node.outputs.length);
      node.outputs.forEach((name, i) => values.set(name, outs[i]));
    }
    return [value(a.output)];
  },
});

function attrValue(at: OnnxAttrJson): AttrValue {
  switch (at.kind) {
    case 'int':
    case 'string':
      return at.value as number | string;
    case 'ints':
      return at.value;
    case 'float':
      return { float: at.value as number };
    case 'floats':
      return { floats: at.value };
    case 'tensor':
      return tensorOf(at.value);
  }
}

function tensorOf(t: { dtype: DType; shape: number[]; data: (number | string)[] }): HostTensor {
  return t.dtype === 'float32'
    ? float32Tensor(t.shape, Float32Array.from(t.data as number[]))
    : int64Tensor(t.shape, BigInt64Array.from(t.data.map((v) => BigInt(v))));
}
