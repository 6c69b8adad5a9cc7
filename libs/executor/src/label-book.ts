import type { Split } from '@alsatian/core';

type LabelFallback = (split: Split, chunkStart: number, batch: number, chunkEnd: number) => Int32Array;

/**
 * Labels of every cached batch, keyed like the cache's batches (split, chunk start, batch index). Raw-input units
 * record them as they read data; scoring reads them back. A batch may hold fewer rows than its range when bad items
 * were skipped (--skip-bad), so labels must come from the batch itself, not from the split's item order.
 */
export class LabelBook {
  private readonly labels = new Map<string, Int32Array>();

  /**
   * `fallback`: labels of a batch no unit decoded (its outputs all came from a feature store), from the split's item
   * order. Only valid when no item can be skipped, which is why a feature store refuses skip-bad.
   */
  constructor(private readonly fallback?: LabelFallback) {}

  record(split: Split, chunkStart: number, batch: number, labels: Int32Array): void {
    this.labels.set(key(split, chunkStart, batch), labels);
  }

  /** Labels of batch `batch` of the chunk [chunkStart, chunkEnd). */
  get(split: Split, chunkStart: number, batch: number, chunkEnd: number): Int32Array {
    const recorded = this.labels.get(key(split, chunkStart, batch));
    const labels = recorded ?? this.fallback?.(split, chunkStart, batch, chunkEnd);
    if (!labels)
      throw new Error(
        `no labels recorded for ${split} chunk ${chunkStart} batch ${batch}; a raw-input unit must run over ` +
          `that range first`,
      );
    return labels;
  }
}

function key(split: Split, chunkStart: number, batch: number): string {
  return JSON.stringify([split, chunkStart, batch]);
}
