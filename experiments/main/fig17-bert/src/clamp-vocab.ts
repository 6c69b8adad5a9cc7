import type { Batch, Dataset, DatasetSplit } from '@alsatian/core';
import { int64Tensor } from '@alsatian/core';

/** bert-base-uncased's [UNK] id, which every BERT vocabulary of ours keeps. */
export const UNK_ID = 100n;

/**
 * The dataset with token ids at or beyond `vocab` read as [UNK], for a tiny stand-in model (tiny_bert embeds 2304 ids)
 * on a real corpus whose vocabulary is larger (bert-base-uncased: 30522). The synthetic corpus fits tiny_bert as it is.
 */
export function clampVocabulary(dataset: Dataset, vocab: number): Dataset {
  const index = dataset.inputs.findIndex((s) => s.name === 'input_ids');
  if (index < 0) return dataset;
  const limit = BigInt(vocab);
  const wrap = (split: DatasetSplit): DatasetSplit => ({
    length: split.length,
    labels: () => split.labels(),
    async *batches(range, options) {
      for await (const batch of split.batches(range, options)) {
        const ids = batch.inputs[index];
        const data = BigInt64Array.from(ids.data as BigInt64Array, (v) => (v >= limit ? UNK_ID : v));
        const inputs = batch.inputs.map((t, i) => (i === index ? int64Tensor(ids.shape, data) : t));
        yield { ...batch, inputs } satisfies Batch;
      }
    },
  });
  return {
    ...dataset,
    train: wrap(dataset.train),
    test: wrap(dataset.test),
    skipped: () => dataset.skipped(),
    close: () => dataset.close(),
  };
}
