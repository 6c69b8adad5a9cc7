import type { ItemRange } from '@alsatian/core';

/** Batches a range splits into: consecutive batches of `batchSize` items from its start, the last one partial. */
export function batchCount(range: ItemRange, batchSize: number): number {
  return Math.ceil((range.end - range.start) / batchSize);
}
