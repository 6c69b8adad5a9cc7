/** Gathering and scattering rows of batch-major tensors, for steps that compute only some rows of a batch. */
import type { HostTensor, TensorSpec } from '@alsatian/core';
import { numel } from '@alsatian/core';
import type { ItemTensor } from '@alsatian/cache';

/** A new tensor with rows `rows` of `t`, in that order. */
export function gatherRows(t: HostTensor, rows: readonly number[]): HostTensor {
  const per = numel(t.shape.slice(1));
  const data = t.dtype === 'float32' ? new Float32Array(rows.length * per) : new BigInt64Array(rows.length * per);
  const from = t.data as Float32Array;
  rows.forEach((row, k) => (data as Float32Array).set(from.subarray(row * per, (row + 1) * per), k * per));
  return { dtype: t.dtype, shape: [rows.length, ...t.shape.slice(1)], data };
}

/** A zero-filled batch of `count` rows of `spec`; rows nothing needs stay zero and are never read. */
export function emptyBatch(spec: TensorSpec, count: number): HostTensor {
  const n = count * numel(spec.shape);
  const data = spec.dtype === 'float32' ? new Float32Array(n) : new BigInt64Array(n);
  return { dtype: spec.dtype, shape: [count, ...spec.shape], data };
}

/** Copies row `from` of `source` (batch-major, or one item) into row `to` of `target`. */
export function putRow(target: HostTensor, to: number, source: HostTensor | ItemTensor, from = 0): void {
  const per = numel(target.shape.slice(1));
  (target.data as Float32Array).set((source.data as Float32Array).subarray(from * per, (from + 1) * per), to * per);
}
