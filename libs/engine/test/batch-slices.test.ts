import { describe, expect, it } from 'vitest';
import { float32Tensor, type HostTensor } from '@alsatian/core';
import { runInSlices } from '../src/batch-slices.ts';

describe('runInSlices', () => {
  const batch = (items: number): HostTensor[] => [
    float32Tensor(
      [items, 2],
      Float32Array.from({ length: items * 2 }, (_, i) => i),
    ),
  ];
  // A stand-in for a session: doubles every value and records how many items each run saw.
  const recorder = () => {
    const sizes: number[] = [];
    const run = async ([x]: readonly HostTensor[]) => {
      sizes.push(x.shape[0]);
      return [
        float32Tensor(
          [x.shape[0], 2],
          (x.data as Float32Array).map((v) => 2 * v),
        ),
      ];
    };
    return { sizes, run };
  };

  it('splits into equal slices of at most maxItems and joins the outputs in item order', async () => {
    const { sizes, run } = recorder();
    const [out] = await runInSlices(batch(5), 5, 2, run);
    expect(sizes).toEqual([2, 2, 1]);
    expect(out.shape).toEqual([5, 2]);
    expect(Array.from(out.data as Float32Array)).toEqual(Array.from({ length: 10 }, (_, i) => 2 * i));
  });

  it('evens the slices out instead of leaving a small remainder', async () => {
    const { sizes, run } = recorder();
    await runInSlices(batch(32), 32, 10, run);
    expect(sizes).toEqual([8, 8, 8, 8]);
  });

  it('runs a batch that fits in one run, untouched', async () => {
    const { sizes, run } = recorder();
    const input = batch(4);
    const [out] = await runInSlices(input, 4, 4, run);
    expect(sizes).toEqual([4]);
    expect(out.data[7]).toBe(14);
  });
});
