/**
 * The exact planner: the order with the smallest cache requirement among ALL valid orders (not only depth
 * first ones). Where DFS+ is not minimal, e.g. a large parent whose children are small (computing all
 * children first releases the parent early), this finds the better order.
 * Method: the cache content after a set S of computed units depends only on S, so the best peak from S on is
 * a function of S: best(S) = min over runnable u of max(held(S) + bytes(u), best(S + u)). Memoised over the
 * reachable sets, i.e. the tree's downward-closed unit sets (ideals), whose number `countStates` gives before
 * searching.
 */
import { InvalidArgumentError } from '@alsatian/core';
import { messages } from '../messages.ts';
import { bytesOf, ROOT, type TreeShape } from './shape.ts';

/** Set keys are sums of powers of two, exact in a double up to 2^53: at most this many units. */
export const EXACT_MAX_UNITS = 52;

/** Number of states the exact search visits: the downward-closed sets of units. */
export function countStates(shape: TreeShape): number {
  const ideals = (u: number): number => 1 + shape.children[u].reduce((p, c) => p * ideals(c), 1);
  return shape.rootChildren.reduce((p, c) => p * ideals(c), 1);
}

export interface ExactResult {
  readonly order: number[];
  readonly peak: number;
  readonly states: number;
}

export function exactOrder(shape: TreeShape, maxStates: number): ExactResult {
  const n = shape.bytes.length;
  const states = countStates(shape);
  if (states > maxStates || n > EXACT_MAX_UNITS)
    throw new InvalidArgumentError(messages.exactTooLarge(states, maxStates));
  const pow2 = Array.from({ length: n }, (_, i) => 2 ** i);
  const done = new Uint8Array(n);
  const remaining = shape.children.map((c) => c.length);
  let rootRemaining = shape.rootChildren.length;
  let held = shape.rootBytes;
  /** key -> best peak from that state on (transients only) and the unit to run next. */
  const memo = new Map<number, { peak: number; next: number }>();

  const best = (key: number, count: number): number => {
    if (count === n) return 0;
    const known = memo.get(key);
    if (known) return known.peak;
    let bestPeak = Infinity;
    let bestNext = -1;
    for (let u = 0; u < n; u++) {
      const p = shape.parent[u];
      if (done[u] || (p !== ROOT && !done[p])) continue;
      const transient = held + shape.bytes[u];
      if (transient >= bestPeak) continue; // cannot beat the best choice found so far
      // Apply u, recurse, undo.
      done[u] = 1;
      const last = p === ROOT ? --rootRemaining === 0 : --remaining[p] === 0;
      const released = last && (p === ROOT || !shape.persists[p]) ? bytesOf(shape, p) : 0;
      held += shape.bytes[u] - released;
      const peak = Math.max(transient, best(key + pow2[u], count + 1));
      held -= shape.bytes[u] - released;
      if (p === ROOT) rootRemaining++;
      else remaining[p]++;
      done[u] = 0;
      if (peak < bestPeak) {
        bestPeak = peak;
        bestNext = u;
      }
    }
    memo.set(key, { peak: bestPeak, next: bestNext });
    return bestPeak;
  };

  const peak = Math.max(shape.rootBytes, best(0, 0));
  const order: number[] = [];
  let key = 0;
  while (order.length < n) {
    const { next } = memo.get(key)!;
    order.push(next);
    key += pow2[next];
  }
  return { order, peak, states };
}
