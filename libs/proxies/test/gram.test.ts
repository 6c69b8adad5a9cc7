import { describe, it } from 'vitest';
import { Rng } from '@alsatian/core';
import { gramOfColumns, gramOfRows } from '../src/gram.ts';
import { expectClose } from './expect-close.ts';

function naiveRowGram(x: Float64Array, rows: number, dim: number): Float64Array {
  const g = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += x[i * dim + d] * x[j * dim + d];
      g[i * rows + j] = s;
    }
  return g;
}

function transpose(x: Float64Array, rows: number, dim: number): Float64Array {
  const t = new Float64Array(rows * dim);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dim; d++) t[d * rows + r] = x[r * dim + d];
  return t;
}

describe('Gram matrices', () => {
  // Sizes cross the 64-entry tiles (odd remainders, several tiles) and the 512-long blocks of the inner sum.
  for (const [rows, dim] of [
    [1, 1],
    [3, 600],
    [70, 9],
    [131, 67],
  ]) {
    it(`F F^T and F^T F match the textbook sums for F ${rows} x ${dim}`, () => {
      const x = Rng.derive(4, 'gram', rows, dim).fillNormal(new Float32Array(rows * dim));
      const f = Float64Array.from(x);
      expectClose(gramOfRows(f, rows, dim), naiveRowGram(f, rows, dim), { atol: 1e-10, rtol: 1e-12 });
      expectClose(gramOfColumns(f, rows, dim), naiveRowGram(transpose(f, rows, dim), dim, rows), {
        atol: 1e-10,
        rtol: 1e-12,
      });
    });
  }
});
