import { expect } from 'vitest';

export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

/**
 * The one closeness check of this lib's tests: |actual - expected| <= atol + rtol * |expected| for every
 * element (numpy.allclose semantics), after checking the lengths match. Reports the worst element on failure.
 */
export function expectClose(
  actual: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  tol: Tolerance,
): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  expect(a.length, 'length').toBe(e.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < e.length; i++) {
    const excess = Math.abs(a[i] - e[i]) - (tol.atol + tol.rtol * Math.abs(e[i]));
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    expect.fail(`element ${worst}: actual ${a[worst]} vs expected ${e[worst]} (atol ${tol.atol}, rtol ${tol.rtol})`);
  }
}
