/**
 * Exhaustive search over every valid order (all linear extensions of the tree), with the cost model written
 * from its definition rather than incrementally, so that it checks `peakOf` and the exact planner
 * independently. Exponential: small trees only.
 */
import { ROOT, type TreeShape } from '../../src/index.ts';

/** Cache content once `computed` have run: the root while a root child is missing, plus every computed
 * output that persists or still has a child to run. */
export function heldAfter(shape: TreeShape, computed: ReadonlySet<number>): number {
  let held = shape.rootChildren.every((c) => computed.has(c)) ? 0 : shape.rootBytes;
  for (const u of computed)
    if (shape.persists[u] || shape.children[u].some((c) => !computed.has(c))) held += shape.bytes[u];
  return held;
}

export function peakByDefinition(shape: TreeShape, order: readonly number[]): number {
  const computed = new Set<number>();
  let peak = shape.rootBytes;
  for (const u of order) {
    peak = Math.max(peak, heldAfter(shape, computed) + shape.bytes[u]);
    computed.add(u);
  }
  return peak;
}

export function allOrders(shape: TreeShape): number[][] {
  const n = shape.bytes.length;
  const orders: number[][] = [];
  const order: number[] = [];
  const done = new Set<number>();
  const extend = () => {
    if (order.length === n) return void orders.push([...order]);
    for (let u = 0; u < n; u++) {
      if (done.has(u) || (shape.parent[u] !== ROOT && !done.has(shape.parent[u]))) continue;
      done.add(u);
      order.push(u);
      extend();
      order.pop();
      done.delete(u);
    }
  };
  extend();
  return orders;
}

export function bruteForceMinimum(shape: TreeShape): number {
  return Math.min(...allOrders(shape).map((o) => peakByDefinition(shape, o)));
}
