/** Picks the traversal order an iteration runs, by the caller's strategy. */
import { unknownName } from '@alsatian/core';
import { peakOf } from './cost.ts';
import { bestDfsOrder } from './best-dfs.ts';
import { dfsPlus, insertionOrder } from './dfs-plus.ts';
import { countStates, exactOrder, EXACT_MAX_UNITS } from './exact.ts';
import type { TreeShape } from './shape.ts';

export const ORDER_STRATEGIES = ['dfs+', 'exact', 'auto', 'best-dfs', 'insertion'] as const;
export type OrderStrategy = (typeof ORDER_STRATEGIES)[number];
export type OrderUsed = 'dfs+' | 'exact' | 'best-dfs' | 'insertion';

/**
 * `auto` searches exactly while the tree has at most this many states (downward-closed unit sets: e.g. a
 * node with 15 children, or any tree of up to 16 units); the search then takes under 0.1 s. Beyond it, the
 * best depth-first order (never worse than DFS+).
 */
export const AUTO_EXACT_MAX_STATES = 2 ** 16;
/**
 * `exact` refuses trees beyond this many states (about 6 s of search at the limit on the 2-core development machine).
 */
export const EXACT_MAX_STATES = 2 ** 20;

export interface ChosenOrder {
  readonly order: number[];
  readonly used: OrderUsed;
  /** Cache requirement of `order`, bytes per item. */
  readonly peak: number;
  /** Requirement of the DFS+ order, for comparison. */
  readonly dfsPlusPeak: number;
}

export function chooseOrder(shape: TreeShape, strategy: OrderStrategy): ChosenOrder {
  if (!ORDER_STRATEGIES.includes(strategy)) unknownName('order', strategy, ORDER_STRATEGIES);
  const dfs = dfsPlus(shape).order;
  const dfsPlusPeak = peakOf(shape, dfs);
  if (strategy === 'insertion') {
    const order = insertionOrder(shape);
    return { order, used: 'insertion', peak: peakOf(shape, order), dfsPlusPeak };
  }
  if (strategy === 'dfs+') return { order: dfs, used: 'dfs+', peak: dfsPlusPeak, dfsPlusPeak };
  const searchExact =
    strategy === 'exact' ||
    (strategy === 'auto' && shape.bytes.length <= EXACT_MAX_UNITS && countStates(shape) <= AUTO_EXACT_MAX_STATES);
  if (!searchExact) {
    const best = bestDfsOrder(shape);
    return { order: best.order, used: 'best-dfs', peak: best.peak, dfsPlusPeak };
  }
  const exact = exactOrder(shape, EXACT_MAX_STATES);
  return { order: exact.order, used: 'exact', peak: exact.peak, dfsPlusPeak };
}
