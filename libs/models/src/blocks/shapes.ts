import type { TensorSpec } from '@alsatian/core';

/** Output side of a convolution or pooling window along one axis (PyTorch's floor formula). */
export function convOut(size: number, kernel: number, stride: number, padding: number, dilation = 1): number {
  return Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** The single float32 input of a block, checked to have `rank` dimensions. */
export function single(inputs: readonly TensorSpec[], rank: number, kind: string): TensorSpec {
  if (inputs.length !== 1 || inputs[0].dtype !== 'float32' || inputs[0].shape.length !== rank) {
    const got = inputs.map((s) => `${s.dtype}[${s.shape.join(',')}]`).join(' ');
    throw new RangeError(`${kind} expects one float32 input of rank ${rank} (per item), got ${got || 'none'}`);
  }
  return inputs[0];
}

export function spec(shape: readonly number[], name = 'x'): TensorSpec {
  return { name, dtype: 'float32', shape };
}
