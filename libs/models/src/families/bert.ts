/**
 * Hugging Face BertModel as the reference's sequential block list: 0 embeddings, 1..L encoder layers, then the
 * feature cut `cls_token` (the CLS hidden state of the last layer, which the proxy uses); head = the pooler.
 * Every block between embeddings and the cut passes (hidden, mask_bias).
 */
import type { ArchitectureDef, BlockSpec } from '../architectures/architecture.ts';
import { bertInputs } from './bert-embedding-blocks.ts';

interface BertConfig {
  readonly name: string;
  readonly vocab: number;
  readonly hidden: number;
  readonly layers: number;
  readonly heads: number;
  readonly intermediate: number;
  readonly maxPositions: number;
  /** Tokenised length of every item (the reference pads and truncates to max_length 256). */
  readonly length: number;
  readonly tiny?: boolean;
}

/** BertConfig.layer_norm_eps. */
const EPS = 1e-12;

function bertArchitecture(c: BertConfig): ArchitectureDef {
  const layers: BlockSpec[] = Array.from({ length: c.layers }, (_, i) => ({
    kind: 'bert_encoder_block',
    attrs: { hidden: c.hidden, heads: c.heads, intermediate: c.intermediate, eps: EPS },
    sourcePrefix: `encoder.layer.${i}.`,
    label: `encoder.layer.${i} BertLayer`,
  }));
  const features: BlockSpec[] = [
    {
      kind: 'bert_embeddings',
      attrs: { vocab: c.vocab, hidden: c.hidden, maxPositions: c.maxPositions, typeVocab: 2, eps: EPS },
      sourcePrefix: 'embeddings.',
      label: 'BertEmbeddings',
    },
    ...layers,
    { kind: 'cls_token', attrs: {}, sourcePrefix: '', label: 'CLS token' },
  ];
  // The reference's SPLIT_INDEXES for bert: [L+2, L+1, ..., 2].
  const splitIndexes = Array.from({ length: c.layers + 1 }, (_, k) => c.layers + 2 - k);
  return {
    name: c.name,
    family: 'bert',
    inputs: bertInputs(c.length),
    features,
    head: { kind: 'bert_pooler', attrs: {}, sourcePrefix: 'pooler.', label: 'BertPooler' },
    splitIndexes,
    featureDim: c.hidden,
    tiny: c.tiny ?? false,
    description: c.tiny
      ? `tiny BERT for tests: vocab ${c.vocab}, ${c.layers} layers, hidden ${c.hidden}, length ${c.length}`
      : `bert-base-uncased (Hugging Face BertModel): ${c.layers} layers, ${c.heads} heads, hidden ${c.hidden}, ` +
        `length ${c.length}`,
  };
}

export const BERT_BASE = bertArchitecture({
  name: 'bert_base',
  vocab: 30522,
  hidden: 768,
  layers: 12,
  heads: 12,
  intermediate: 3072,
  maxPositions: 512,
  length: 256,
});
export const TINY_BERT = bertArchitecture({
  name: 'tiny_bert',
  vocab: 2304,
  hidden: 32,
  layers: 2,
  heads: 2,
  intermediate: 64,
  maxPositions: 16,
  length: 16,
  tiny: true,
});
