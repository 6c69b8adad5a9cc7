import { InvalidArgumentError, type FeatureBatch, type ProxyInput, type Split } from '@alsatian/core';
import { messages } from './messages.ts';

/** The checked shape of a proxy input: feature dimension and item counts. */
export interface CheckedInput {
  readonly dim: number;
  readonly trainRows: number;
  readonly testRows: number;
}

/**
 * Checks what every proxy relies on (consistent dims, one in-range label per row, non-empty sets) and throws an
 * InvalidArgumentError naming the proxy, the set and the batch otherwise. Empty batches (rows = 0) are allowed;
 * `needTest: false` is for proxies that score the train set alone (LogME).
 */
export function checkProxyInput(proxy: string, input: ProxyInput, { needTest = true } = {}): CheckedInput {
  const { numClasses } = input;
  if (!Number.isInteger(numClasses) || numClasses < 1)
    throw new InvalidArgumentError(messages.badNumClasses(proxy, numClasses));
  const dim = input.train.find((b) => b.rows > 0)?.dim;
  if (dim === undefined) throw new InvalidArgumentError(messages.noBatches(proxy, 'train'));
  const trainRows = checkBatches(proxy, 'train', input.train, dim, numClasses);
  const testRows = checkBatches(proxy, 'test', input.test, dim, numClasses);
  if (needTest && testRows === 0) throw new InvalidArgumentError(messages.noBatches(proxy, 'test'));
  return { dim, trainRows, testRows };
}

function checkBatches(
  proxy: string,
  part: Split,
  batches: readonly FeatureBatch[],
  dim: number,
  numClasses: number,
): number {
  let rows = 0;
  batches.forEach((b, i) => {
    if (b.features.length !== b.rows * b.dim) {
      throw new InvalidArgumentError(messages.badBatchShape(proxy, part, i, b.rows, b.dim, b.features.length));
    }
    if (b.labels.length !== b.rows)
      throw new InvalidArgumentError(messages.badLabelCount(proxy, part, i, b.rows, b.labels.length));
    if (b.rows > 0 && b.dim !== dim) throw new InvalidArgumentError(messages.dimMismatch(proxy, part, i, b.dim, dim));
    for (const label of b.labels) {
      if (!(label >= 0 && label < numClasses)) {
        throw new InvalidArgumentError(messages.labelOutOfRange(proxy, part, i, label, numClasses));
      }
    }
    rows += b.rows;
  });
  return rows;
}

/** All rows of `batches` as one `rows x dim` float64 matrix plus labels (LogME sees the set whole, in float64). */
export function concatBatches(
  batches: readonly FeatureBatch[],
  dim: number,
): { x: Float64Array; labels: Int32Array; rows: number } {
  const rows = batches.reduce((n, b) => n + b.rows, 0);
  const x = new Float64Array(rows * dim);
  const labels = new Int32Array(rows);
  let at = 0;
  for (const b of batches) {
    if (b.rows === 0) continue;
    x.set(b.features, at * dim);
    labels.set(b.labels, at);
    at += b.rows;
  }
  return { x, labels, rows };
}

/** Rows of the largest batch (at least 1), without spreading: a spread of 100k+ batches overflows the stack. */
export function largestBatch(batches: readonly FeatureBatch[]): number {
  let most = 1;
  for (const b of batches) if (b.rows > most) most = b.rows;
  return most;
}
