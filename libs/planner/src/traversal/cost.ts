/**
 * The cost model, exact and shared by every planner: the cache holds, per item, the running sum of materialised
 * intermediates that are not released yet. Computing a unit adds its output; its parent is released right
 * after the parent's last child has been computed (so the transient "parent + last child" counts); outputs that
 * persist (model features, kept for scoring) are never released and keep counting; the root input counts
 * from the start until its last child has run.
 */
import { bytesOf, ROOT, type TreeShape } from './shape.ts';

/** Cache requirement (bytes per item) of running `order`; throws RangeError if it is not a valid order. */
export function peakOf(shape: TreeShape, order: readonly number[]): number {
  return simulate(shape, order).peak;
}

/** The cache content after each computation (before the release it allows) and the peak. */
export function simulate(shape: TreeShape, order: readonly number[]): { peak: number; afterEach: number[] } {
  const n = shape.bytes.length;
  if (order.length !== n) throw new RangeError(`order has ${order.length} units, the tree ${n}`);
  const done = new Uint8Array(n);
  const remaining = shape.children.map((c) => c.length);
  let rootRemaining = shape.rootChildren.length;
  let held = shape.rootBytes;
  let peak = held;
  const afterEach: number[] = [];
  for (const u of order) {
    const p = shape.parent[u];
    if (!(u >= 0 && u < n) || done[u] || (p !== ROOT && !done[p]))
      throw new RangeError(`unit ${u} is not runnable at this point of the order`);
    done[u] = 1;
    held += shape.bytes[u];
    peak = Math.max(peak, held);
    afterEach.push(held);
    const last = p === ROOT ? --rootRemaining === 0 : --remaining[p] === 0;
    if (last && (p === ROOT || !shape.persists[p])) held -= bytesOf(shape, p);
  }
  return { peak, afterEach };
}
