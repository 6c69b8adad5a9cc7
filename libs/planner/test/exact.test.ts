/** The exact planner against exhaustive search on random trees, and against DFS+. */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Rng } from '@alsatian/core';
import {
  AUTO_EXACT_MAX_STATES,
  bestDfsOrder,
  chooseOrder,
  countStates,
  dfsPlus,
  exactOrder,
  makeShape,
  messages,
  peakOf,
  ROOT,
} from '../src/index.ts';
import { allOrders, bruteForceMinimum, peakByDefinition } from './helpers/brute-force.ts';
import { randomShape } from './helpers/random-tree.ts';

const TREES = 300;
const trees = Array.from({ length: TREES }, (_, i) => randomShape(Rng.derive(2026, 'planner-exact', i), 1 + (i % 8)));

describe('exact planner on random trees', () => {
  it('finds the minimum of all valid orders, and its order really has that peak', () => {
    for (const shape of trees) {
      const exact = exactOrder(shape, 1e6);
      expect(exact.peak).toBe(bruteForceMinimum(shape));
      expect(peakOf(shape, exact.order)).toBe(exact.peak);
      expect(peakByDefinition(shape, exact.order)).toBe(exact.peak);
    }
  });

  it('never needs more than DFS+, and needs less on some trees', () => {
    let better = 0;
    for (const shape of trees) {
      const exact = exactOrder(shape, 1e6).peak;
      const dfs = peakOf(shape, dfsPlus(shape).order);
      expect(exact).toBeLessThanOrEqual(dfs);
      if (exact < dfs) better++;
    }
    expect(better).toBeGreaterThan(0);
  });

  it('counts its states: the downward-closed unit sets, i.e. the distinct prefixes of all orders', () => {
    for (const shape of trees.slice(0, 80)) {
      const prefixes = new Set<string>();
      for (const order of allOrders(shape))
        for (let k = 0; k <= order.length; k++)
          prefixes.add(
            order
              .slice(0, k)
              .sort((a, b) => a - b)
              .join(','),
          );
      expect(countStates(shape)).toBe(prefixes.size);
    }
  });
});

/** True when every subtree's units form one contiguous block of the order. */
function isDepthFirst(shape: ReturnType<typeof randomShape>, order: readonly number[]): boolean {
  const pos = new Map(order.map((u, i) => [u, i]));
  const size = (u: number): number => 1 + shape.children[u].reduce((s, c) => s + size(c), 0);
  const last = (u: number): number => Math.max(pos.get(u)!, ...shape.children[u].map(last));
  return order.every((u) => last(u) - pos.get(u)! === size(u) - 1);
}

describe('best depth-first order', () => {
  it('is the minimum over all depth-first orders, never worse than DFS+, never better than exact', () => {
    for (const shape of trees) {
      const best = bestDfsOrder(shape);
      expect(isDepthFirst(shape, best.order)).toBe(true);
      expect(peakOf(shape, best.order)).toBe(best.peak);
      const depthFirst = allOrders(shape).filter((o) => isDepthFirst(shape, o));
      expect(best.peak).toBe(Math.min(...depthFirst.map((o) => peakByDefinition(shape, o))));
      expect(best.peak).toBeLessThanOrEqual(peakOf(shape, dfsPlus(shape).order));
      expect(best.peak).toBeGreaterThanOrEqual(exactOrder(shape, 1e6).peak);
    }
  });
});

describe('cost model', () => {
  it('incremental simulation equals the definition on random valid orders', () => {
    for (const [i, shape] of trees.entries()) {
      const orders = allOrders(shape);
      const order = orders[Rng.derive(7, i).int(orders.length)];
      expect(peakOf(shape, order)).toBe(peakByDefinition(shape, order));
    }
  });
  it('rejects an order that runs a child before its parent', () => {
    const shape = makeShape(0, [
      { parent: ROOT, bytes: 1 },
      { parent: 0, bytes: 1 },
    ]);
    expect(() => peakOf(shape, [1, 0])).toThrow(RangeError);
  });
});

describe('where DFS+ is not minimal (the paper appendix, scenario 1: children smaller than the parent)', () => {
  // P (10) -> { A (1) -> a (2), B (1) -> b (2) }: computing A and B first releases P before the leaves grow.
  const shape = makeShape(0, [
    { parent: ROOT, bytes: 10 },
    { parent: 0, bytes: 1 },
    { parent: 0, bytes: 1 },
    { parent: 1, bytes: 2 },
    { parent: 2, bytes: 2 },
  ]);
  it('DFS+ keeps P through the first subtree (13); the exact order runs both children first (12)', () => {
    expect(peakOf(shape, dfsPlus(shape).order)).toBe(13);
    const exact = exactOrder(shape, 1e6);
    expect(exact.peak).toBe(12);
    expect(exact.order.slice(0, 3).sort()).toEqual([0, 1, 2]);
    expect(isDepthFirst(shape, exact.order)).toBe(false);
    expect(bestDfsOrder(shape).peak).toBe(13); // no depth-first order does better here
  });
});

describe('choosing an order', () => {
  const star = (n: number) =>
    makeShape(0, [{ parent: ROOT, bytes: 4 }, ...Array.from({ length: n }, (_, i) => ({ parent: 0, bytes: i % 3 }))]);
  it('auto searches exactly up to the state limit and uses DFS+ beyond', () => {
    expect(countStates(star(16))).toBeLessThanOrEqual(AUTO_EXACT_MAX_STATES + 1);
    expect(chooseOrder(star(15), 'auto').used).toBe('exact');
    expect(chooseOrder(star(20), 'auto').used).toBe('best-dfs');
  });
  it('exact refuses trees beyond its limit with the catalog message', () => {
    expect(() => exactOrder(star(12), 100)).toThrow(
      new InvalidArgumentError(messages.exactTooLarge(countStates(star(12)), 100)),
    );
  });
  it('rejects an unknown strategy, naming the known ones', () => {
    expect(() => chooseOrder(star(2), 'bfs' as never)).toThrow(
      /Unknown order 'bfs'.*dfs\+, exact, auto, best-dfs, insertion/,
    );
  });
});
