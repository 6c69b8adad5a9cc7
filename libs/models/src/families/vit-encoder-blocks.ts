/**
 * ViT's encoder-side blocks: torchvision's pre-norm EncoderBlock, the final LayerNorm and the reference's
 * ClassifierTokenLayer (x[:,0]), which BERT's feature cut reuses. Local names follow torchvision 0.14
 * (`ln_1`, `self_attention.in_proj_weight`, `mlp.0` / `mlp.3` since MLPBlock became a torchvision MLP).
 */
import type { JsonObject } from '@alsatian/core';
import { defineBlockKind } from '../blocks/kind.ts';
import type { WeightSpec } from '../blocks/kind.ts';
import { gelu, layerNorm } from '../blocks/ops.ts';
import { spec } from '../blocks/shapes.ts';
import {
  encoderLayerFlops,
  expectFloat,
  layerNormWeights,
  linear3d,
  linearWeights,
  mergeHeads,
  scalarIndex,
  scaledDotProductAttention,
} from '../blocks/transformer-ops.ts';
import { torchDefaultUniform, xavierUniform } from '../init.ts';

type EncoderA = { hidden: number; heads: number; mlp: number; eps: number } & JsonObject;

/** The [S,E] input, checked against the block's hidden size (lowering only sees attrs, so E lives there too). */
function seqOf(inputs: Parameters<typeof expectFloat>[0], a: EncoderA): number {
  const [seq, hidden] = expectFloat(inputs, 0, 2, 'vit_encoder_block').shape;
  if (hidden !== a.hidden || hidden % a.heads !== 0) {
    throw new RangeError(
      `vit_encoder_block: input width ${hidden} must equal hidden ${a.hidden} and be divisible by ${a.heads} heads`,
    );
  }
  return seq;
}

/** x + MHA(LN1(x)), then + MLP(LN2(.)): [S,E] -> [S,E], as torchvision's EncoderBlock (dropouts are identities). */
export const VitEncoderBlock = defineBlockKind<EncoderA>({
  name: 'vit_encoder_block',
  outputs: (inputs, a) => [spec([seqOf(inputs, a), a.hidden])],
  weights(inputs, a): WeightSpec[] {
    seqOf(inputs, a);
    const e = a.hidden;
    // nn.MultiheadAttention: xavier_uniform_ over the packed [3E,E] in_proj, zero biases; out_proj keeps nn.Linear's
    // default weight init and a zero bias. MLPBlock: xavier_uniform_ weights, normal(std=1e-6) biases.
    const tiny = { kind: 'normal', mean: 0, std: 1e-6 } as const;
    return [
      ...layerNormWeights('ln_1.', e),
      { name: 'self_attention.in_proj_weight', shape: [3 * e, e], role: 'parameter', init: xavierUniform(e, 3 * e) },
      { name: 'self_attention.in_proj_bias', shape: [3 * e], role: 'parameter', init: { kind: 'zeros' } },
      ...linearWeights('self_attention.out_proj.', e, e, torchDefaultUniform(e), { kind: 'zeros' }),
      ...layerNormWeights('ln_2.', e),
      ...linearWeights('mlp.0.', e, a.mlp, xavierUniform(e, a.mlp), tiny),
      ...linearWeights('mlp.3.', a.mlp, e, xavierUniform(a.mlp, e), tiny),
    ];
  },
  flops: (inputs, a) => encoderLayerFlops(seqOf(inputs, a), a.hidden, a.mlp, a.heads),
  lower(g, [x], a, w) {
    const headDim = a.hidden / a.heads;
    // One packed projection [B,S,3E] -> [B,S,3,H,Dh] -> [3,B,H,S,Dh]; q, k, v are slices 0, 1, 2 of the first axis.
    const qkv = linear3d(
      g,
      layerNorm(g, x, w, 'ln_1.', a.eps),
      w,
      'self_attention.in_proj_weight',
      'self_attention.in_proj_bias',
    );
    const packed = g.op('Reshape', [qkv, g.ints('qkv_shape', [0, 0, 3, a.heads, headDim])]);
    const perHead = g.op('Transpose', [packed], { perm: [2, 0, 3, 1, 4] });
    const part = (i: number) => g.op('Gather', [perHead, scalarIndex(g, i)], { axis: 0 });
    const kT = g.op('Transpose', [part(1)], { perm: [0, 1, 3, 2] });
    const attended = scaledDotProductAttention(g, part(0), kT, part(2), 1 / Math.sqrt(headDim));
    const projected = linear3d(
      g,
      mergeHeads(g, attended, a.hidden),
      w,
      'self_attention.out_proj.weight',
      'self_attention.out_proj.bias',
    );
    const mid = g.op('Add', [projected, x]);
    const hiddenMlp = gelu(g, linear3d(g, layerNorm(g, mid, w, 'ln_2.', a.eps), w, 'mlp.0.weight', 'mlp.0.bias'));
    return [g.op('Add', [mid, linear3d(g, hiddenMlp, w, 'mlp.3.weight', 'mlp.3.bias')])];
  },
});

/** LayerNorm over the last axis of [S,E] (ViT's encoder.ln). */
export const LayerNorm = defineBlockKind<{ eps: number } & JsonObject>({
  name: 'layer_norm',
  outputs: (inputs) => [spec(expectFloat(inputs, 0, 2, 'layer_norm').shape)],
  weights: (inputs) => layerNormWeights('', expectFloat(inputs, 0, 2, 'layer_norm').shape[1]),
  flops: (inputs) => 8 * inputs[0].shape[0] * inputs[0].shape[1],
  lower: (g, [x], a, w) => [layerNorm(g, x, w, '', a.eps)],
  // ONNX Runtime fuses a layer norm with the residual add before it (SkipLayerNormalization).
  joinsPrevious: () => true,
});

/**
 * Token 0 of the first input: [S,E] -> [E]. ViT's ClassifierTokenLayer; for BERT it is the feature cut (the CLS
 * hidden state of the last layer, as the reference's proxy takes it) and drops the mask bias that travels along.
 */
export const ClsToken = defineBlockKind<JsonObject>({
  name: 'cls_token',
  outputs: (inputs) => [spec([expectFloat(inputs, 0, 2, 'cls_token').shape[1]])],
  weights: () => [],
  flops: () => 0,
  lower: (g, [x]) => [g.op('Gather', [x, scalarIndex(g, 0)], { axis: 1 })],
});
