import type { HostTensor, TensorSpec } from './tensor.ts';

/** The two parts of a dataset: the proxy trains on `train` and is scored on `test`. */
export type Split = 'train' | 'test';

/** Half-open item range [start, end) of a split, in the split's fixed (seeded) item order. */
export interface ItemRange {
  readonly start: number;
  readonly end: number;
}

export function rangeLength(range: ItemRange): number {
  return range.end - range.start;
}

/** One batch of items: model inputs (batch-major, in the order of `Dataset.inputs`) and class labels. */
export interface Batch {
  readonly inputs: readonly HostTensor[];
  readonly labels: Int32Array;
  /** Index of the first item of this batch within the split. */
  readonly start: number;
}

export interface BatchOptions {
  readonly batchSize: number;
  readonly signal?: AbortSignal;
}

export interface DatasetSplit {
  readonly length: number;
  /** Labels of all items, in item order; cheap (no decoding). */
  labels(): Int32Array;
  /** Decoded, transformed batches of `range`; only the items of the range are read. */
  batches(range: ItemRange, options: BatchOptions): AsyncIterable<Batch>;
  /**
   * A content hash of every item, in item order: equal hashes mean equal raw items (pixels before the transform,
   * text before tokenising), whatever the item's position, so a feature store can key outputs by it. Absent for
   * dataset kinds that cannot tell (the feature store then refuses the dataset).
   */
  contentKeys?(): Promise<readonly string[]>;
}

/** An item that could not be read, skipped under `--skip-bad`. */
export interface SkippedItem {
  readonly file: string;
  readonly reason: string;
}

export interface Dataset {
  /** A short description for logs and CSVs, e.g. `synthetic:classes=10,...` or a directory. */
  readonly id: string;
  readonly classes: readonly string[];
  /** Per-item input specs, e.g. one float32 [3,224,224] image, or int64 input_ids and attention_mask. */
  readonly inputs: readonly TensorSpec[];
  /** Identifies the transform from raw items to `inputs` (sizes, normalisation, tokeniser); part of feature keys. */
  readonly transformId?: string;
  readonly train: DatasetSplit;
  readonly test: DatasetSplit;
  /** Items skipped so far because they were bad (only with skip-bad). */
  skipped(): readonly SkippedItem[];
  /**
   * Starts what decoding needs (worker threads, which load the decoder) without decoding anything, so that their
   * start-up overlaps the caller's other work instead of delaying the first batch. Optional; calling it again does
   * nothing.
   */
  warmUp?(): void;
  close(): Promise<void>;
}
