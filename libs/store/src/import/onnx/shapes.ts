/**
 * Static shape inference for the ops common in vision and MLP graphs, on full shapes with the batch dimension
 * as 1 (so broadcasting against weights works); the importer drops it to get per-item shapes. An op not listed
 * is an error naming it: the cut blocks need static output shapes.
 */
import { BadInputError, numel, printable } from '@alsatian/core';
import type { OnnxNodeJson } from '@alsatian/models';
import { attrOf } from './proto.ts';

const SAME_SHAPE = new Set([
  'Relu',
  'Sigmoid',
  'Tanh',
  'Identity',
  'Dropout',
  'Clip',
  'LeakyRelu',
  'Gelu',
  'Erf',
  'Sqrt',
  'Neg',
  'Exp',
  'Softmax',
  'BatchNormalization',
  'LayerNormalization',
  'HardSigmoid',
  'HardSwish',
]);
const BROADCAST = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min']);

export const SUPPORTED_OPS = [
  ...SAME_SHAPE,
  ...BROADCAST,
  'Conv',
  'MaxPool',
  'AveragePool',
  'GlobalAveragePool',
  'GlobalMaxPool',
  'Flatten',
  'Gemm',
  'MatMul',
].sort();

/**
 * Output shape of `node` (its first output) given the shapes of its inputs ('' inputs are absent; `shapeOf` gives
 * undefined for a tensor not seen yet). The graph comes from a file: arity, ranks and attribute lengths are
 * checked, and a shape that is not a list of positive integers is an error naming the node.
 */
export function inferShape(
  node: OnnxNodeJson,
  shapeOf: (name: string) => readonly number[] | undefined,
  source: string,
): number[] {
  const where = `${source}: ${node.op} node '${printable(node.outputs[0] ?? '')}'`;
  const inputs = node.inputs
    .filter((n) => n !== '')
    .map(
      (name) =>
        shapeOf(name) ??
        fail(
          `${where} reads '${printable(name)}', which is neither the input, a weight nor an earlier node's ` +
            `output (nodes must be in topological order).`,
        ),
    );
  const out = outputShape(node, inputs, where, source);
  if (!out.every((d) => Number.isSafeInteger(d) && d > 0))
    fail(
      `${where} would output shape [${out.join(', ')}], which is not a valid shape; the node's inputs or ` +
        `attributes are inconsistent.`,
    );
  return out;
}

function fail(message: string): never {
  throw new BadInputError(message);
}

function outputShape(
  node: OnnxNodeJson,
  inputs: readonly (readonly number[])[],
  where: string,
  source: string,
): number[] {
  if (!SUPPORTED_OPS.includes(node.op))
    fail(
      `${source}: cannot infer the output shape of node '${printable(node.outputs[0] ?? '')}' (op ` +
        `${printable(node.op)}); supported ops: ${SUPPORTED_OPS.join(', ')}.`,
    );
  const arity =
    SAME_SHAPE.has(node.op) || node.op === 'Flatten' || node.op.startsWith('Global') || node.op.endsWith('Pool')
      ? 1
      : 2;
  if (inputs.length < arity) fail(`${where} has ${inputs.length} input(s); ${node.op} needs ${arity}.`);
  const x = inputs[0];
  const ints = (name: string, fallback: number[], length: number) => {
    const value = (attrOf(node.attrs, name) as number[] | undefined) ?? fallback;
    if (!Array.isArray(value) || value.length !== length)
      fail(`${where}: attribute ${name} must hold ${length} integers.`);
    return value;
  };
  if (SAME_SHAPE.has(node.op)) return [...x];
  if (BROADCAST.has(node.op)) return inputs.reduce<number[]>((a, b) => broadcast(a, b, node, source), []);
  switch (node.op) {
    case 'Conv':
    case 'MaxPool':
    case 'AveragePool': {
      const spatial = x.length - 2;
      if (spatial < 1) fail(`${where}: input of rank ${x.length}; ${node.op} needs [batch, channels, ...spatial].`);
      if (node.op === 'Conv' && inputs[1].length !== x.length)
        fail(`${where}: weight of rank ${inputs[1].length}, input of rank ${x.length}.`);
      const kernel = ints('kernel_shape', node.op === 'Conv' ? inputs[1].slice(2) : [], spatial);
      const strides = ints('strides', new Array(spatial).fill(1), spatial);
      const pads = ints('pads', new Array(2 * spatial).fill(0), 2 * spatial);
      const dilations = ints('dilations', new Array(spatial).fill(1), spatial);
      if (attrOf(node.attrs, 'auto_pad') && attrOf(node.attrs, 'auto_pad') !== 'NOTSET')
        fail(`${source}: ${node.op} with auto_pad is not supported; export with explicit pads.`);
      const ceil = attrOf(node.attrs, 'ceil_mode') === 1;
      const out = x.slice(2).map((size, i) => {
        const span = size + pads[i] + pads[i + spatial] - dilations[i] * (kernel[i] - 1) - 1;
        return (ceil ? Math.ceil(span / strides[i]) : Math.floor(span / strides[i])) + 1;
      });
      return [x[0], node.op === 'Conv' ? inputs[1][0] : x[1], ...out];
    }
    case 'GlobalAveragePool':
    case 'GlobalMaxPool':
      if (x.length < 3) fail(`${where}: input of rank ${x.length}; ${node.op} needs [batch, channels, ...spatial].`);
      return [x[0], x[1], ...x.slice(2).map(() => 1)];
    case 'Flatten': {
      const axis = (attrOf(node.attrs, 'axis') as number | undefined) ?? 1;
      if (!Number.isInteger(axis) || axis < -x.length || axis > x.length)
        fail(`${where}: axis ${axis} is outside the input's rank ${x.length}.`);
      const at = axis < 0 ? axis + x.length : axis;
      return [numel(x.slice(0, at)), numel(x.slice(at))];
    }
    case 'Gemm':
      if (x.length !== 2 || inputs[1].length !== 2)
        fail(`${where}: Gemm needs 2-D inputs, got ranks ${x.length} and ${inputs[1].length}.`);
      return [
        attrOf(node.attrs, 'transA') === 1 ? x[1] : x[0],
        attrOf(node.attrs, 'transB') === 1 ? inputs[1][0] : inputs[1][1],
      ];
    case 'MatMul':
      if (x.length < 1 || inputs[1].length < 1) fail(`${where}: MatMul needs inputs of rank >= 1.`);
      return [...x.slice(0, -1), inputs[1][inputs[1].length - 1]];
    default:
      return fail(`${where}: no shape rule (a bug: the op is listed as supported).`);
  }
}

function broadcast(a: readonly number[], b: readonly number[], node: OnnxNodeJson, source: string): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new BadInputError(
        `${source}: ${node.op} node '${node.outputs[0]}' cannot broadcast [${a.join(', ')}] with [${b.join(', ')}].`,
      );
    return Math.max(da, db);
  });
}
