import { describe, it } from 'vitest';
import { Rng } from '@alsatian/core';
import { symmetricEigenProject } from '../src/index.ts';
import { expectClose } from './expect-close.ts';

describe('symmetricEigenProject', () => {
  it('finds the eigenvalues of a hand-checkable 2 x 2 matrix', () => {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    const values = symmetricEigenProject(Float64Array.from([2, 1, 1, 2]), 2, new Float64Array(2), 1);
    expectClose(Array.from(values).sort(), [1, 3], { atol: 1e-14, rtol: 0 });
  });

  for (const n of [1, 3, 17, 40]) {
    it(`reconstructs a random symmetric ${n} x ${n} matrix from values and V^T (B = identity)`, () => {
      const rng = Rng.derive(11, 'eigen', n);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
      const original = a.slice();
      const vt = new Float64Array(n * n);
      for (let i = 0; i < n; i++) vt[i * n + i] = 1;
      const values = symmetricEigenProject(a, n, vt, n);
      const rebuilt = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let l = 0; l < n; l++) s += vt[l * n + i] * values[l] * vt[l * n + j];
          rebuilt[i * n + j] = s;
        }
      expectClose(rebuilt, original, { atol: 1e-11, rtol: 0 });
      // V is orthogonal.
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let dot = 0;
          for (let l = 0; l < n; l++) dot += vt[i * n + l] * vt[j * n + l];
          expectClose(dot, i === j ? 1 : 0, { atol: 1e-12, rtol: 0 });
        }
    });
  }

  it('handles repeated eigenvalues and an already diagonal matrix', () => {
    const values = symmetricEigenProject(Float64Array.from([5, 0, 0, 0, 5, 0, 0, 0, -1]), 3, new Float64Array(3), 1);
    expectClose(
      Array.from(values).sort((p, q) => p - q),
      [-1, 5, 5],
      { atol: 1e-14, rtol: 0 },
    );
  });
});
