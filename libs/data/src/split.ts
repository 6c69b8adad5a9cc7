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
  type TensorData,
  type TensorSpec,
} from '@alsatian/core';

/** One loaded item: one data array per input spec, or why it could not be loaded. */
export type ItemResult = { readonly ok: true; readonly tensors: readonly TensorData[] } | { readonly ok: false; readonly file: string; readonly reason: string };

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
  loadItem(natural: number, signal: AbortSignal): Promise<ItemResult>;
  readonly prefetch: number;
  readonly skipBad: boolean;
  /** Records an item dropped under skip-bad. */
  skip(item: SkippedItem): void;
}

/** A split whose batches are `DataBatch`es (a `Batch` with item positions). */
export interface DataSplit extends DatasetSplit {
  batches(range: ItemRange, options: BatchOptions): AsyncIterable<DataBatch>;
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

  async function loadBatch(start: number, end: number, signal: AbortSignal): Promise<DataBatch> {
    const results = await Promise.all(Array.from({ length: end - start }, (_, k) => source.loadItem(order[start + k], signal)));
    const kept: TensorData[][] = [];
    const keptLabels: number[] = [];
    const keptItems: number[] = [];
    results.forEach((result, k) => {
      if (result.ok) {
        kept.push([...result.tensors]);
        keptLabels.push(labels[start + k]);
        keptItems.push(start + k);
      } else if (source.skipBad) {
        source.skip({ file: result.file, reason: result.reason });
      } else {
        throw new BadInputError(`${result.file}: ${result.reason}. Fix or remove the file, or pass skip-bad to skip bad items.`);
      }
    });
    const inputs: HostTensor[] = source.inputs.map((spec, i) => stack(spec, kept.map((item) => item[i])));
    return { inputs, labels: Int32Array.from(keptLabels), start, items: Uint32Array.from(keptItems) };
  }

  return {
    length: order.length,
    labels: () => labels.slice(),
    async *batches(range: ItemRange, options: BatchOptions): AsyncIterable<DataBatch> {
      checkRange(source.name, range, order.length, options.batchSize);
      const controller = new AbortController();
      setMaxListeners(Infinity, controller.signal); // one listener per in-flight item task
      const onAbort = () => controller.abort(options.signal?.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const pending: Promise<DataBatch>[] = [];
      let next = range.start;
      const launch = () => {
        while (pending.length <= source.prefetch && next < range.end) {
          const end = Math.min(next + options.batchSize, range.end);
          const batch = loadBatch(next, end, controller.signal);
          batch.catch(() => {}); // awaited below in order; this only silences batches abandoned by an early exit
          pending.push(batch);
          next = end;
        }
      };
      try {
        launch();
        while (pending.length > 0) {
          options.signal?.throwIfAborted();
          const batch = await pending.shift()!;
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
    throw new InvalidArgumentError(`Item range [${start}, ${end}) is outside the ${split} split, which has items [0, ${length}).`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError(`batchSize must be an integer >= 1, got ${batchSize}.`);
  }
}

function stack(spec: TensorSpec, items: TensorData[]): HostTensor {
  const per = spec.shape.reduce((a, b) => a * b, 1);
  const data = spec.dtype === 'float32' ? new Float32Array(items.length * per) : new BigInt64Array(items.length * per);
  items.forEach((item, i) => {
    if (item.length !== per) throw new RangeError(`item ${i} of input '${spec.name}' has ${item.length} values, expected ${per}`);
    (data as Float32Array).set(item as Float32Array, i * per);
  });
  return { dtype: spec.dtype, shape: [items.length, ...spec.shape], data };
}
