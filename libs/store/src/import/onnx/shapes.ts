/**
 * Static shape inference for the ops common in vision and MLP graphs, on full shapes with the batch dimension
 * as 1 (so broadcasting against weights works); the importer drops it to get per-item shapes. An op not listed
 * is an error naming it: the cut blocks need static output shapes.
 */
import { BadInputError, numel } from '@alsatian/core';
import type { OnnxNodeJson } from '@alsatian/models';
import { attrOf } from './proto.ts';

const SAME_SHAPE = new Set(['Relu', 'Sigmoid', 'Tanh', 'Identity', 'Dropout', 'Clip', 'LeakyRelu', 'Gelu', 'Erf', 'Sqrt', 'Neg', 'Exp', 'Softmax', 'BatchNormalization', 'LayerNormalization', 'HardSigmoid', 'HardSwish']);
const BROADCAST = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min']);

export const SUPPORTED_OPS = [...SAME_SHAPE, ...BROADCAST, 'Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'GlobalMaxPool', 'Flatten', 'Gemm', 'MatMul'].sort();

/** Output shape of `node` (its first output) given the shapes of its inputs ('' inputs are absent). */
export function inferShape(node: OnnxNodeJson, shapeOf: (name: string) => readonly number[], source: string): number[] {
  const inputs = node.inputs.filter((n) => n !== '').map(shapeOf);
  const x = inputs[0];
  const ints = (name: string, fallback: number[]) => (attrOf(node.attrs, name) as number[] | undefined) ?? fallback;
  if (SAME_SHAPE.has(node.op)) return [...x];
  if (BROADCAST.has(node.op)) return inputs.reduce<number[]>((a, b) => broadcast(a, b, node, source), []);
  switch (node.op) {
    case 'Conv':
    case 'MaxPool':
    case 'AveragePool': {
      const spatial = x.length - 2;
      const kernel = ints('kernel_shape', node.op === 'Conv' ? inputs[1].slice(2) : []);
      const strides = ints('strides', new Array(spatial).fill(1));
      const pads = ints('pads', new Array(2 * spatial).fill(0));
      const dilations = ints('dilations', new Array(spatial).fill(1));
      if (attrOf(node.attrs, 'auto_pad') && attrOf(node.attrs, 'auto_pad') !== 'NOTSET') throw new BadInputError(`${source}: ${node.op} with auto_pad is not supported; export with explicit pads.`);
      const ceil = attrOf(node.attrs, 'ceil_mode') === 1;
      const out = x.slice(2).map((size, i) => {
        const span = size + pads[i] + pads[i + spatial] - dilations[i] * (kernel[i] - 1) - 1;
        return (ceil ? Math.ceil(span / strides[i]) : Math.floor(span / strides[i])) + 1;
      });
      return [x[0], node.op === 'Conv' ? inputs[1][0] : x[1], ...out];
    }
    case 'GlobalAveragePool':
    case 'GlobalMaxPool':
      return [x[0], x[1], ...x.slice(2).map(() => 1)];
    case 'Flatten': {
      const axis = ((attrOf(node.attrs, 'axis') as number | undefined) ?? 1 + x.length) % x.length;
      return [numel(x.slice(0, axis)), numel(x.slice(axis))];
    }
    case 'Gemm':
      return [attrOf(node.attrs, 'transA') === 1 ? x[1] : x[0], attrOf(node.attrs, 'transB') === 1 ? inputs[1][0] : inputs[1][1]];
    case 'MatMul':
      return [...x.slice(0, -1), inputs[1][inputs[1].length - 1]];
    default:
      throw new BadInputError(`${source}: cannot infer the output shape of node '${node.outputs[0]}' (op ${node.op}); supported ops: ${SUPPORTED_OPS.join(', ')}.`);
  }
}

function broadcast(a: readonly number[], b: readonly number[], node: OnnxNodeJson, source: string): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new BadInputError(`${source}: ${node.op} node '${node.outputs[0]}' cannot broadcast [${a.join(', ')}] with [${b.join(', ')}].`);
    return Math.max(da, db);
  });
}
