/**
 * BERT's embeddings block (Hugging Face BertEmbeddings + the extended attention mask BertModel builds from it).
 * Local weight names are transformers' keys under the sourcePrefix `embeddings.`.
 */
import type { JsonObject, TensorSpec } from '@alsatian/core';
import { defineBlockKind } from '../blocks/kind.ts';
import type { WeightSpec } from '../blocks/kind.ts';
import { layerNorm } from '../blocks/ops.ts';
import { spec } from '../blocks/shapes.ts';
import { layerNormWeights, scalarIndex } from '../blocks/transformer-ops.ts';

type EmbeddingsA = { vocab: number; hidden: number; maxPositions: number; typeVocab: number; eps: number } & JsonObject;

/** torch.finfo(torch.float32).min: transformers' additive bias for a masked key. */
export const MASKED_BIAS = -3.4028234663852886e38;

/** BERT's per-item inputs: int64 input_ids and attention_mask of the same length. */
export function bertInputs(length: number): TensorSpec[] {
  return [
    { name: 'input_ids', dtype: 'int64', shape: [length] },
    { name: 'attention_mask', dtype: 'int64', shape: [length] },
  ];
}

function lengthOf(inputs: readonly TensorSpec[], a: EmbeddingsA): number {
  const [ids, mask] = inputs;
  const ok =
    inputs.length === 2 &&
    ids.dtype === 'int64' &&
    mask.dtype === 'int64' &&
    ids.shape.length === 1 &&
    mask.shape.join() === ids.shape.join();
  if (!ok) {
    const got = inputs.map((s) => `${s.dtype}[${s.shape.join(',')}]`).join(' ') || 'none';
    throw new RangeError(`bert_embeddings expects int64 input_ids [L] and attention_mask [L], got ${got}`);
  }
  if (ids.shape[0] > a.maxPositions)
    throw new RangeError(`bert_embeddings: length ${ids.shape[0]} exceeds max positions ${a.maxPositions}`);
  return ids.shape[0];
}

/**
 * (input_ids [L], attention_mask [L]) -> (hidden [L,E], mask_bias [L]). hidden = LayerNorm(word + position + token
 * type 0), positions 0..L-1 and a single segment, as BertModel does without token_type_ids. mask_bias =
 * (1 - mask) * float32 min, the extended mask every encoder block adds to its attention scores.
 */
export const BertEmbeddings = defineBlockKind<EmbeddingsA>({
  name: 'bert_embeddings',
  outputs(inputs, a) {
    const length = lengthOf(inputs, a);
    return [spec([length, a.hidden], 'hidden'), spec([length], 'mask_bias')];
  },
  weights(inputs, a): WeightSpec[] {
    lengthOf(inputs, a);
    const normal = { kind: 'normal', mean: 0, std: 0.02 } as const;
    return [
      { name: 'word_embeddings.weight', shape: [a.vocab, a.hidden], role: 'parameter', init: normal },
      { name: 'position_embeddings.weight', shape: [a.maxPositions, a.hidden], role: 'parameter', init: normal },
      { name: 'token_type_embeddings.weight', shape: [a.typeVocab, a.hidden], role: 'parameter', init: normal },
      ...layerNormWeights('LayerNorm.', a.hidden),
    ];
  },
  flops: (inputs, a) => (2 + 8) * lengthOf(inputs, a) * a.hidden + 2 * lengthOf(inputs, a),
  lower(g, [ids, mask], a, w) {
    const words = g.op('Gather', [w('word_embeddings.weight'), ids], { axis: 0 });
    // Position ids 0..L-1: the first L rows of the table, L read from the ids' shape [B,L].
    const length = g.op('Shape', [ids], { start: 1, end: 2 });
    const positions = g.op('Slice', [
      w('position_embeddings.weight'),
      g.ints('pos_start', [0]),
      length,
      g.ints('pos_axis', [0]),
    ]);
    const tokenType = g.op('Gather', [w('token_type_embeddings.weight'), scalarIndex(g, 0)], { axis: 0 });
    const summed = g.op('Add', [g.op('Add', [words, positions]), tokenType]);
    const hidden = layerNorm(g, summed, w, 'LayerNorm.', a.eps);
    const keep = g.op('Cast', [mask], { to: 1 });
    const bias = g.op('Mul', [g.op('Sub', [g.floats('one', [1]), keep]), g.floats('masked_bias', [MASKED_BIAS])]);
    return [hidden, bias];
  },
});
