import type { HostTensor } from '../src/index.ts';

/**
 * max |actual - expected| / max |expected|: the error measure of our parity and equivalence checks (fused vs
 * chained sessions, ours vs PyTorch). Shapes must match.
 */
export function maxRelativeError(actual: HostTensor, expected: HostTensor): number {
  if (actual.shape.join() !== expected.shape.join())
    throw new RangeError(`shape [${actual.shape.join(', ')}] differs from [${expected.shape.join(', ')}]`);
  let diff = 0;
  let scale = 1e-30;
  for (let i = 0; i < expected.data.length; i++) {
    const b = Number(expected.data[i]);
    diff = Math.max(diff, Math.abs(Number(actual.data[i]) - b));
    scale = Math.max(scale, Math.abs(b));
  }
  return diff / scale;
}
