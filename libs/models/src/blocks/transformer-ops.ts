import type { TensorSpec } from '@alsatian/core';
import type { GraphBuilder } from '../graph/builder.ts';
import type { InitRule, WeightSpec } from './kind.ts';
import type { WeightLookup } from './ops.ts';

/**
 * Lowering helpers shared by the transformer families (ViT, BERT). Attention is lowered for all heads at once:
 * project, reshape [B,S,E] -> [B,S,H,Dh], transpose to [B,H,S,Dh], then two batched MatMuls and one Softmax, a
 * pattern ONNX Runtime optimises well (no per-head loop, no per-head nodes).
 */

/** A rank-0 int64 index; Gather with it drops the gathered axis (x[:, i] in PyTorch). */
export function scalarIndex(g: GraphBuilder, i: number): string {
  return g.initializer(`index${i}`, { dtype: 'int64', shape: [], data: BigInt64Array.of(BigInt(i)) });
}

/** [B,S,E] -> [B,H,S,Dh] (or [B,H,Dh,S] with `keyLayout`, ready to be the right operand of Q·K^T). */
export function splitHeads(g: GraphBuilder, x: string, heads: number, headDim: number, keyLayout = false): string {
  const r = g.op('Reshape', [x, g.ints('heads_shape', [0, 0, heads, headDim])]);
  return g.op('Transpose', [r], { perm: keyLayout ? [0, 2, 3, 1] : [0, 2, 1, 3] });
}

/** [B,H,S,Dh] -> [B,S,H*Dh]. */
export function mergeHeads(g: GraphBuilder, x: string, hidden: number): string {
  const t = g.op('Transpose', [x], { perm: [0, 2, 1, 3] });
  return g.op('Reshape', [t, g.ints('merged_shape', [0, 0, hidden])]);
}

/**
 * softmax(Q·K^T * scale + maskBias) · V for q [B,H,S,Dh], kT [B,H,Dh,S], v [B,H,S,Dh]; `maskBias` is an additive
 * [B,S] bias over key positions (0 keeps a key, a huge negative drops it). Returns [B,H,S,Dh].
 */
export function scaledDotProductAttention(
  g: GraphBuilder,
  q: string,
  kT: string,
  v: string,
  scale: number,
  maskBias?: string,
): string {
  let scores = g.op('Mul', [g.op('MatMul', [q, kT]), g.floats('attn_scale', [scale])]);
  if (maskBias) scores = g.op('Add', [scores, g.op('Unsqueeze', [maskBias, g.ints('mask_axes', [1, 2])])]);
  return g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), v]);
}

/** y = x W^T + b on [B,S,in] for an [out,in] weight (PyTorch layout); the transpose is constant-folded by ORT. */
export function linear3d(g: GraphBuilder, x: string, w: WeightLookup, weightName: string, biasName: string): string {
  const wt = g.op('Transpose', [w(weightName)], { perm: [1, 0] });
  return g.op('Add', [g.op('MatMul', [x, wt]), w(biasName)]);
}

/** Weight specs of a Linear(in -> out) named `<prefix>weight` / `<prefix>bias`. */
export function linearWeights(
  prefix: string,
  fanIn: number,
  out: number,
  weightInit: InitRule,
  biasInit: InitRule,
): WeightSpec[] {
  return [
    { name: `${prefix}weight`, shape: [out, fanIn], role: 'parameter', init: weightInit },
    { name: `${prefix}bias`, shape: [out], role: 'parameter', init: biasInit },
  ];
}

/** Weight specs of a LayerNorm over `dim` (ones / zeros, as torch initialises it). */
export function layerNormWeights(prefix: string, dim: number): WeightSpec[] {
  return [
    { name: `${prefix}weight`, shape: [dim], role: 'parameter', init: { kind: 'ones' } },
    { name: `${prefix}bias`, shape: [dim], role: 'parameter', init: { kind: 'zeros' } },
  ];
}

/**
 * FLOPs per item of one encoder layer over `seq` tokens of width `hidden` (multiply-add = 2): the Q/K/V and
 * output projections, the two attention MatMuls, the MLP, plus rough element-wise costs (softmax ~5 per score,
 * each LayerNorm ~8 per element, GELU ~8 per element, residual adds 1 per element).
 */
export function encoderLayerFlops(seq: number, hidden: number, mlp: number, heads: number): number {
  const projections = 2 * seq * hidden * 4 * hidden;
  const attention = 2 * 2 * seq * seq * hidden;
  const mlpFlops = 2 * 2 * seq * hidden * mlp;
  const elementwise = 5 * heads * seq * seq + 2 * 8 * seq * hidden + 8 * seq * mlp + 2 * seq * hidden;
  return projections + attention + mlpFlops + elementwise;
}

/** A float32 input of the given rank (per item), with an error that names the block kind and what it got. */
export function expectFloat(inputs: readonly TensorSpec[], index: number, rank: number, kind: string): TensorSpec {
  const s = inputs[index];
  if (!s || s.dtype !== 'float32' || s.shape.length !== rank) {
    const got = inputs.map((t) => `${t.dtype}[${t.shape.join(',')}]`).join(' ') || 'none';
    throw new RangeError(`${kind} expects input ${index} to be float32 of rank ${rank} (per item), got ${got}`);
  }
  return s;
}
