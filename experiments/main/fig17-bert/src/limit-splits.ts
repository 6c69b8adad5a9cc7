import type { Dataset, DatasetSplit } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';

/**
 * The first `train` / `test` items of each split (splits are in a fixed seeded order, so this is a seeded random
 * sample), as the paper's reduced IMDB (1600 / 400 of aclImdb's 25k / 25k). The data lib's perClass option cannot
 * give the two splits different sizes.
 */
export function limitSplits(dataset: Dataset, train: number, test: number): Dataset {
  return {
    ...dataset,
    id: `${dataset.id} (first ${train}/${test})`,
    train: limit(dataset.train, train, 'train', dataset.id),
    test: limit(dataset.test, test, 'test', dataset.id),
    skipped: () => dataset.skipped(),
    close: () => dataset.close(),
  };
}

function limit(split: DatasetSplit, n: number, name: string, id: string): DatasetSplit {
  if (split.length < n)
    throw new InvalidArgumentError(
      `Dataset ${id}: the ${name} split has ${split.length} items; this scale needs ${n}.`,
    );
  return {
    length: n,
    labels: () => split.labels().subarray(0, n),
    batches(range, options) {
      if (range.end > n)
        throw new InvalidArgumentError(
          `Item range [${range.start}, ${range.end}) is outside the first ${n} ${name} items of ${id}.`,
        );
      return split.batches(range, options);
    },
  };
}
