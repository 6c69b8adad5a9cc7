/** Host-side tensors and their static specifications. */

export type DType = 'float32' | 'int64';

export type TensorData = Float32Array | BigInt64Array;

/** A dense tensor in host memory, row-major. The first dimension is the batch where there is one. */
export interface HostTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: TensorData;
}

/** The static description of one input or output of a block, *per item*: shape excludes the batch dimension. */
export interface TensorSpec {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
}

export const BYTES_PER_ELEMENT: Readonly<Record<DType, number>> = { float32: 4, int64: 8 };

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Bytes one item of this spec occupies in memory. */
export function itemBytes(spec: Pick<TensorSpec, 'dtype' | 'shape'>): number {
  return numel(spec.shape) * BYTES_PER_ELEMENT[spec.dtype];
}

export function float32Tensor(shape: readonly number[], data?: Float32Array): HostTensor {
  const n = numel(shape);
  const values = data ?? new Float32Array(n);
  if (values.length !== n)
    throw new RangeError(`float32 tensor of shape [${shape.join(', ')}] needs ${n} values, got ${values.length}`);
  return { dtype: 'float32', shape: [...shape], data: values };
}

export function int64Tensor(shape: readonly number[], data?: BigInt64Array): HostTensor {
  const n = numel(shape);
  const values = data ?? new BigInt64Array(n);
  if (values.length !== n)
    throw new RangeError(`int64 tensor of shape [${shape.join(', ')}] needs ${n} values, got ${values.length}`);
  return { dtype: 'int64', shape: [...shape], data: values };
}

/** Rows [start, end) of a batch-major tensor, as a view (no copy). */
export function sliceRows(t: HostTensor, start: number, end: number): HostTensor {
  const row = numel(t.shape.slice(1));
  const data = t.data.subarray(start * row, end * row) as TensorData;
  return { dtype: t.dtype, shape: [end - start, ...t.shape.slice(1)], data };
}

/** Concatenates batch-major tensors along the first dimension. */
export function concatRows(parts: readonly HostTensor[]): HostTensor {
  if (parts.length === 0) throw new RangeError('concatRows needs at least one tensor');
  const [first] = parts;
  const rows = parts.reduce((s, p) => s + p.shape[0], 0);
  const shape = [rows, ...first.shape.slice(1)];
  const data = first.dtype === 'float32' ? new Float32Array(numel(shape)) : new BigInt64Array(numel(shape));
  let offset = 0;
  for (const p of parts) {
    if (p.dtype !== first.dtype) throw new TypeError(`concatRows: dtype ${p.dtype} differs from ${first.dtype}`);
    (data as Float32Array).set(p.data as Float32Array, offset);
    offset += p.data.length;
  }
  return { dtype: first.dtype, shape, data };
}
