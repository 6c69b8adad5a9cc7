import type { OrderStrategy } from '@alsatian/planner';
import { unknownName } from '@alsatian/core';

/**
 * The three strategies are one executor with features switched on or off (DESIGN 4). The baselines keep the
 * paper's behaviours (features written to disk and read back, every model's blocks loaded per step) so they are
 * the paper's baselines, not straw men and not accidentally optimised.
 */
export interface StrategyDef {
  readonly description: string;
  /** Successive halving over doubling train chunks; otherwise every model on all data once (Base). */
  readonly successiveHalving: boolean;
  /** Merge common block prefixes and run shared blocks once. */
  readonly share: boolean;
  readonly order: OrderStrategy;
  /** Respect the cache budget by splitting data into runs (only meaningful with sharing). */
  readonly budgeted: boolean;
  readonly featuresOnDisk: boolean;
  /** Keep loaded blocks and sessions between steps (LRU under the block-cache budget). */
  readonly cacheBlocks: boolean;
}

export const STRATEGIES = {
  baseline: {
    description: 'Base: every model on all data, no sharing; each model loaded per step, features written to disk',
    successiveHalving: false, share: false, order: 'insertion', budgeted: false, featuresOnDisk: true, cacheBlocks: false,
  },
  shift: {
    description: 'SHiFT: successive halving, no sharing; models loaded per step, features written to disk',
    successiveHalving: true, share: false, order: 'insertion', budgeted: false, featuresOnDisk: true, cacheBlocks: false,
  },
  alsatian: {
    description: 'Alsatian: successive halving + shared prefixes + cache-aware order under the budget',
    successiveHalving: true, share: true, order: 'auto', budgeted: true, featuresOnDisk: false, cacheBlocks: true,
  },
} as const satisfies Record<string, StrategyDef>;

export type StrategyName = keyof typeof STRATEGIES;

export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

export function strategy(name: string): StrategyDef {
  return (STRATEGIES as Record<string, StrategyDef>)[name] ?? unknownName('strategy', name, STRATEGY_NAMES);
}
