import type { GraphBuilder } from '../graph/builder.ts';

/**
 * Lowering helpers shared by block kinds. Each takes the weight lookup of the calling block and the *local prefix*
 * of the sub-layer inside the block (e.g. `bn1.`), so kinds compose sub-layers the way torchvision names them.
 */
export type WeightLookup = (name: string) => string;

export interface ConvAttrs {
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly groups?: number;
  readonly bias?: boolean;
}

export function conv(g: GraphBuilder, x: string, w: WeightLookup, prefix: string, a: ConvAttrs): string {
  const inputs = [x, w(`${prefix}weight`)];
  if (a.bias) inputs.push(w(`${prefix}bias`));
  return g.op('Conv', inputs, {
    kernel_shape: [a.kernel, a.kernel],
    strides: [a.stride, a.stride],
    pads: [a.padding, a.padding, a.padding, a.padding],
    group: a.groups ?? 1,
  });
}

export function batchNorm(g: GraphBuilder, x: string, w: WeightLookup, prefix: string, eps = 1e-5): string {
  return g.op(
    'BatchNormalization',
    [x, w(`${prefix}weight`), w(`${prefix}bias`), w(`${prefix}running_mean`), w(`${prefix}running_var`)],
    { epsilon: { float: eps } },
  );
}

/** y = x W^T + b for a [out, in] weight (PyTorch layout), via Gemm on 2-D input or MatMul + Add on higher rank. */
export function linear(
  g: GraphBuilder,
  x: string,
  w: WeightLookup,
  prefix: string,
  rank2: boolean,
  bias = true,
): string {
  if (rank2) {
    const inputs = [x, w(`${prefix}weight`)];
    if (bias) inputs.push(w(`${prefix}bias`));
    return g.op('Gemm', inputs, { transB: 1 });
  }
  const wt = g.op('Transpose', [w(`${prefix}weight`)], { perm: [1, 0] });
  const y = g.op('MatMul', [x, wt]);
  return bias ? g.op('Add', [y, w(`${prefix}bias`)]) : y;
}

export function relu(g: GraphBuilder, x: string): string {
  return g.op('Relu', [x]);
}

/** ReLU6 as Clip(0, 6). */
export function relu6(g: GraphBuilder, x: string): string {
  return g.op('Clip', [x, g.floats('zero', [0]), g.floats('six', [6])]);
}

/** SiLU = x * sigmoid(x). */
export function silu(g: GraphBuilder, x: string): string {
  return g.op('Mul', [x, g.op('Sigmoid', [x])]);
}

/** Exact (erf) GELU, as torch.nn.GELU() and BERT use. */
export function gelu(g: GraphBuilder, x: string): string {
  const e = g.op('Erf', [g.op('Div', [x, g.floats('sqrt2', [Math.SQRT2])])]);
  const half = g.op('Mul', [x, g.floats('half', [0.5])]);
  return g.op('Mul', [half, g.op('Add', [e, g.floats('one', [1])])]);
}

export function layerNorm(g: GraphBuilder, x: string, w: WeightLookup, prefix: string, eps: number): string {
  return g.op('LayerNormalization', [x, w(`${prefix}weight`), w(`${prefix}bias`)], {
    axis: -1,
    epsilon: { float: eps },
  });
}
