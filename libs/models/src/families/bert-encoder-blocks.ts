/**
 * BERT's post-norm encoder layer (Hugging Face BertLayer) and its pooler. Local weight names are transformers'
 * keys under `encoder.layer.<i>.` and `pooler.`; Linear/Embedding weights are initialised normal(0, 0.02), biases
 * zero, LayerNorm ones/zeros (BertPreTrainedModel._init_weights).
 */
import type { JsonObject, TensorSpec } from '@alsatian/core';
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
  scaledDotProductAttention,
  splitHeads,
} from '../blocks/transformer-ops.ts';

type LayerA = { hidden: number; heads: number; intermediate: number; eps: number } & JsonObject;

const NORMAL = { kind: 'normal', mean: 0, std: 0.02 } as const;
const ZEROS = { kind: 'zeros' } as const;

/** The (hidden [L,E], mask_bias [L]) pair every BERT block passes on, checked against the block's hidden size. */
function lengthOf(inputs: readonly TensorSpec[], a: LayerA): number {
  const [length, hidden] = expectFloat(inputs, 0, 2, 'bert_encoder_block').shape;
  const mask = expectFloat(inputs, 1, 1, 'bert_encoder_block');
  if (inputs.length !== 2 || hidden !== a.hidden || mask.shape[0] !== length || hidden % a.heads !== 0) {
    throw new RangeError(
      `bert_encoder_block expects hidden [L,${a.hidden}] (divisible by ${a.heads} heads) and mask_bias [L], ` +
        `got [${length},${hidden}] and [${mask.shape.join(',')}]`,
    );
  }
  return length;
}

/** One BertLayer: LN(x + SelfAttention(x)), then LN(. + FFN(.)); the mask bias passes through unchanged. */
export const BertEncoderBlock = defineBlockKind<LayerA>({
  name: 'bert_encoder_block',
  outputs(inputs, a) {
    const length = lengthOf(inputs, a);
    return [spec([length, a.hidden], 'hidden'), spec([length], 'mask_bias')];
  },
  weights(inputs, a): WeightSpec[] {
    lengthOf(inputs, a);
    const e = a.hidden;
    return [
      ...linearWeights('attention.self.query.', e, e, NORMAL, ZEROS),
      ...linearWeights('attention.self.key.', e, e, NORMAL, ZEROS),
      ...linearWeights('attention.self.value.', e, e, NORMAL, ZEROS),
      ...linearWeights('attention.output.dense.', e, e, NORMAL, ZEROS),
      ...layerNormWeights('attention.output.LayerNorm.', e),
      ...linearWeights('intermediate.dense.', e, a.intermediate, NORMAL, ZEROS),
      ...linearWeights('output.dense.', a.intermediate, e, NORMAL, ZEROS),
      ...layerNormWeights('output.LayerNorm.', e),
    ];
  },
  flops: (inputs, a) => encoderLayerFlops(lengthOf(inputs, a), a.hidden, a.intermediate, a.heads),
  lower(g, [x, maskBias], a, w) {
    const headDim = a.hidden / a.heads;
    const project = (name: string) => linear3d(g, x, w, `attention.self.${name}.weight`, `attention.self.${name}.bias`);
    const q = splitHeads(g, project('query'), a.heads, headDim);
    const kT = splitHeads(g, project('key'), a.heads, headDim, true);
    const v = splitHeads(g, project('value'), a.heads, headDim);
    const context = mergeHeads(g, scaledDotProductAttention(g, q, kT, v, 1 / Math.sqrt(headDim), maskBias), a.hidden);
    const attnOut = linear3d(g, context, w, 'attention.output.dense.weight', 'attention.output.dense.bias');
    const mid = layerNorm(g, g.op('Add', [attnOut, x]), w, 'attention.output.LayerNorm.', a.eps);
    const inter = gelu(g, linear3d(g, mid, w, 'intermediate.dense.weight', 'intermediate.dense.bias'));
    const out = linear3d(g, inter, w, 'output.dense.weight', 'output.dense.bias');
    return [layerNorm(g, g.op('Add', [out, mid]), w, 'output.LayerNorm.', a.eps), g.op('Identity', [maskBias])];
  },
});

/** BertPooler on the CLS hidden state: tanh(dense(h_cls)), [E] -> [E]. The model's head (it is not a feature). */
export const BertPooler = defineBlockKind<JsonObject>({
  name: 'bert_pooler',
  outputs: (inputs) => [spec(expectFloat(inputs, 0, 1, 'bert_pooler').shape, 'pooled')],
  weights(inputs) {
    const e = expectFloat(inputs, 0, 1, 'bert_pooler').shape[0];
    return linearWeights('dense.', e, e, NORMAL, ZEROS);
  },
  flops: (inputs) => 2 * inputs[0].shape[0] * inputs[0].shape[0] + 5 * inputs[0].shape[0],
  lower: (g, [x], _a, w) => [g.op('Tanh', [g.op('Gemm', [x, w('dense.weight'), w('dense.bias')], { transB: 1 })])],
});
