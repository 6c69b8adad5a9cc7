import { setMaxListeners } from 'node:events';
import {
  BadInputError,
  InvalidArgumentError,
  type Batch,
  type BatchOptions,
  type Dataset,
  type DatasetSplit,
  type HostTensor,
  type ItemRange,
  type SkippedItem,
  type TensorSpec,
} from '@alsatian/core';
import { keepRows, reclaim, type LoadItems } from './rows.ts';
import type { TensorData } from '@alsatian/core';

/**
 * A batch plus the split positions of its items. Under skip-bad a decode failure drops its item, so `batch.start + i`
 * is no longer item i's position; `items[i]` always is.
 */
export interface DataBatch extends Batch {
  readonly items: Uint32Array;
}

/** What a dataset kind supplies; the split adds ordering, ranges, batching, prefetch and skip-bad. */
export interface SplitSource {
  readonly name: string;
  readonly inputs: readonly TensorSpec[];
  /** Natural item indices in the split's fixed order. */
  readonly order: Uint32Array;
  /** Labels of natural items. */
  readonly naturalLabels: Int32Array;
  /** Loads the natural items `naturals` as one batch (see `perItem` for sources that make one item at a time). */
  readonly loadItems: LoadItems;
  readonly prefetch: number;
  /** Whether released batches' memory is handed back to `loadItems` (the `recycleBatches` option). */
  readonly recycle: boolean;
  readonly skipBad: boolean;
  /** Records an item dropped under skip-bad. */
  skip(item: SkippedItem): void;
  /** Content hash of a natural item (see `DatasetSplit.contentKeys`); absent where the kind cannot tell. */
  readonly contentKey?: (natural: number) => Promise<string>;
}

/** A split whose batches are `DataBatch`es (a `Batch` with item positions). */
export interface DataSplit extends DatasetSplit {
  batches(range: ItemRange, options: BatchOptions): AsyncIterable<DataBatch>;
  /**
   * How many times each item (by split position) has been decoded since the dataset was opened: one pass over a
   * range adds exactly 1 to each of its items, whatever the batch size and prefetch. Batches prefetched and then
   * abandoned by an early exit count too: they were decoded.
   */
  decodeCounts(): Uint32Array;
}

/** What `openDataset` returns: a core `Dataset` whose splits yield `DataBatch`es. */
export interface OpenedDataset extends Dataset {
  readonly train: DataSplit;
  readonly test: DataSplit;
}

export function createSplit(source: SplitSource): DataSplit {
  const { order, naturalLabels } = source;
  const labels = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) labels[i] = naturalLabels[order[i]];
  const decodes = new Uint32Array(order.length);

  async function loadBatch(
    start: number,
    end: number,
    signal: AbortSignal,
    reuse: readonly TensorData[] | undefined,
  ): Promise<DataBatch> {
    const loaded = await source.loadItems(order.subarray(start, end), signal, reuse);
    for (const k of loaded.decoded) decodes[start + k]++;
    signal.throwIfAborted(); // after counting: an abandoned batch was still decoded
    const count = end - start;
    if (loaded.failures.length === 0) {
      // The common case: the loader wrote every item into its row of the batch tensors; no copy here.
      const inputs: HostTensor[] = source.inputs.map((spec, i) => ({
        dtype: spec.dtype,
        shape: [count, ...spec.shape],
        data: loaded.tensors[i],
      }));
      return {
        inputs,
        labels: labels.slice(start, end),
        start,
        items: Uint32Array.from({ length: count }, (_, k) => start + k),
      };
    }
    const failures = [...loaded.failures].sort((a, b) => a.index - b.index);
    if (!source.skipBad) {
      const first = failures[0];
      throw new BadInputError(
        `${first.file}: ${first.reason}. Fix or remove the file, or pass skip-bad to skip bad items.`,
      );
    }
    for (const failure of failures) source.skip({ file: failure.file, reason: failure.reason });
    const bad = new Set(failures.map((f) => f.index));
    const keep = Array.from({ length: count }, (_, k) => k).filter((k) => !bad.has(k));
    const inputs: HostTensor[] = source.inputs.map((spec, i) => ({
      dtype: spec.dtype,
      shape: [keep.length, ...spec.shape],
      data: keepRows(spec, loaded.tensors[i], keep),
    }));
    return {
      inputs,
      labels: Int32Array.from(keep, (k) => labels[start + k]),
      start,
      items: Uint32Array.from(keep, (k) => start + k),
    };
  }

  let keys: Promise<string[]> | undefined;
  const contentKey = source.contentKey;
  return {
    length: order.length,
    labels: () => labels.slice(),
    decodeCounts: () => decodes.slice(),
    // Computed once per split: image folders hash every file, which a search would otherwise repeat per iteration.
    contentKeys: contentKey && (() => (keys ??= contentKeysInOrder(order, contentKey))),
    async *batches(range: ItemRange, options: BatchOptions): AsyncIterable<DataBatch> {
      checkRange(source.name, range, order.length, options.batchSize);
      const controller = new AbortController();
      setMaxListeners(Infinity, controller.signal); // one listener per in-flight item task
      const onAbort = () => controller.abort(options.signal?.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const pending: Promise<DataBatch>[] = [];
      const spare: TensorData[][] = []; // memory of batches the consumer has released (recycleBatches)
      let next = range.start;
      const launch = () => {
        while (pending.length <= source.prefetch && next < range.end) {
          const end = Math.min(next + options.batchSize, range.end);
          const batch = loadBatch(
            next,
            end,
            controller.signal,
            end - next === options.batchSize ? spare.pop() : undefined,
          );
          batch.catch(() => {}); // awaited below in order; this only silences batches abandoned by an early exit
          pending.push(batch);
          next = end;
        }
      };
      let yielded: DataBatch | undefined;
      try {
        launch();
        while (pending.length > 0) {
          options.signal?.throwIfAborted();
          const batch = await pending.shift()!;
          // The consumer asked for this batch, so it is done with the previous one: full batches are reused.
          if (source.recycle && yielded?.labels.length === options.batchSize)
            spare.push(yielded.inputs.map((t) => reclaim(t.data)));
          yielded = batch;
          launch();
          // Empty batches (every item skipped as bad) are yielded too: batch i of a range is always items
          // [start + i*batchSize, ...), so consumers that key batches by index stay aligned.
          yield batch;
        }
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        controller.abort();
      }
    },
  };
}

function checkRange(split: string, range: ItemRange, length: number, batchSize: number): void {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start > end) {
    throw new InvalidArgumentError(
      `Item range [${start}, ${end}) is outside the ${split} split, which has items [0, ${length}).`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError(`batchSize must be an integer >= 1, got ${batchSize}.`);
  }
}

/** Content keys in item order, at most 64 computed at once (each may read a file). */
async function contentKeysInOrder(order: Uint32Array, key: (natural: number) => Promise<string>): Promise<string[]> {
  const out = new Array<string>(order.length);
  for (let start = 0; start < order.length; start += 64) {
    const end = Math.min(order.length, start + 64);
    const part = await Promise.all(Array.from(order.subarray(start, end), (natural) => key(natural)));
    part.forEach((k, i) => (out[start + i] = k));
  }
  return out;
}
