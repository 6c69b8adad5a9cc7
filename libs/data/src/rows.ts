import type { TensorData, TensorSpec } from '@alsatian/core';

/** One loaded item: one data array per input spec, or why it could not be loaded. */
export type ItemResult =
  | { readonly ok: true; readonly tensors: readonly TensorData[] }
  | { readonly ok: false; readonly file: string; readonly reason: string };

/** An item of a batch that could not be loaded: its position in the batch, its file and why. */
export interface ItemFailure {
  readonly index: number;
  readonly file: string;
  readonly reason: string;
}

/**
 * The items of one batch as batch tensors: per input, one array of `count` rows in item order. The rows of failed
 * items hold no data and are dropped (skip-bad) or the batch fails.
 */
export interface LoadedRows {
  readonly tensors: readonly TensorData[];
  readonly failures: readonly ItemFailure[];
  /** Rows whose item went through the decoder (or renderer, or tokeniser) for this batch. */
  readonly decoded: readonly number[];
}

/** `reuse`: arrays of a released batch of the same size that the loader may fill instead of allocating (or ignore). */
export type LoadItems = (
  naturals: Uint32Array,
  signal: AbortSignal,
  reuse?: readonly TensorData[],
) => Promise<LoadedRows>;

export function valuesPerItem(spec: TensorSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1);
}

export function allocateRows(spec: TensorSpec, count: number): TensorData {
  const size = count * valuesPerItem(spec);
  return spec.dtype === 'float32' ? new Float32Array(size) : new BigInt64Array(size);
}

/** Batch loading for sources that make one item at a time (text, synthetic images): loads all, then stacks them. */
export function perItem(
  inputs: readonly TensorSpec[],
  loadItem: (natural: number, signal: AbortSignal) => Promise<ItemResult>,
): LoadItems {
  return async (naturals, signal) => {
    const results = await Promise.all(Array.from(naturals, (natural) => loadItem(natural, signal)));
    const tensors = inputs.map((spec) => allocateRows(spec, naturals.length));
    const failures: ItemFailure[] = [];
    results.forEach((result, index) => {
      if (!result.ok) {
        failures.push({ index, file: result.file, reason: result.reason });
        return;
      }
      inputs.forEach((spec, i) => {
        const per = valuesPerItem(spec);
        const item = result.tensors[i];
        if (item.length !== per)
          throw new RangeError(`item ${index} of input '${spec.name}' has ${item.length} values, expected ${per}`);
        (tensors[i] as Float32Array).set(item as Float32Array, index * per);
      });
    });
    return { tensors, failures, decoded: Array.from(naturals.keys()) };
  };
}

/** A new array with only the rows `keep` (in order) of `data`: the batch left after dropping bad items. */
export function keepRows(spec: TensorSpec, data: TensorData, keep: readonly number[]): TensorData {
  const per = valuesPerItem(spec);
  const out = allocateRows(spec, keep.length);
  keep.forEach((row, k) =>
    (out as Float32Array).set((data as Float32Array).subarray(row * per, (row + 1) * per), k * per),
  );
  return out;
}

/**
 * Takes the memory of a released batch array for reuse: the returned array owns it, and the released one is detached
 * (length 0), so a consumer that kept it past its turn sees an empty array instead of another batch's values.
 */
export function reclaim(data: TensorData): TensorData {
  const buffer = structuredClone(data.buffer as ArrayBuffer, { transfer: [data.buffer as ArrayBuffer] });
  return data instanceof Float32Array ? new Float32Array(buffer) : new BigInt64Array(buffer);
}
