import { InvalidArgumentError, unknownName } from '@alsatian/core';

/**
 * The three strategies as the paper defines them (docs/DESIGN.md §4): one executor with features switched on or off.
 * The baselines keep the paper's behaviours (features written to disk and read back, every alive model loaded again in
 * every SH iteration) so they are the paper's baselines, not straw men and not accidentally optimised. What we do
 * beyond the paper is a named improvement (IMPROVEMENTS), on by default where it applies, and can be switched off
 * one by one (the ablation experiment measures each).
 */
export interface StrategyDef {
  readonly description: string;
  /** Successive halving over doubling train chunks; otherwise every model on all data once (Base). */
  readonly successiveHalving: boolean;
  /** Merge common block prefixes and run shared blocks once. */
  readonly share: boolean;
  /** Respect the cache budget by splitting data into runs (only meaningful with sharing). */
  readonly budgeted: boolean;
  readonly featuresOnDisk: boolean;
  /** Which of our improvements the strategy uses by default (absent: off). */
  readonly improvements: Readonly<Partial<Improvements>>;
}

/** What we do beyond the paper, each a switch of its own; `needsSharing`: only meaningful for Alsatian. */
export const IMPROVEMENTS = {
  mergedTestPass: {
    needsSharing: false,
    description:
      'the test set is extracted in the same pass as the first train chunk, so every unit is prepared once ' +
      'in the first iteration; the reference makes a test pass, then a train pass',
  },
  keepPrepared: {
    needsSharing: false,
    description:
      'what the engine prepared for a unit (its compiled form) is kept and reused when the unit runs again ' +
      'in a later step or SH iteration, which then only loads it (LRU under the block-cache budget); the ' +
      'reference re-creates every module from disk for every step',
  },
  prefetchBlocks: {
    needsSharing: false,
    description:
      'the blocks of the next unit are read from the store while the current unit runs (a disk read overlaps ' +
      'inference); the reference loads a module when it needs it',
  },
  bestOrder: {
    needsSharing: true,
    description:
      'the traversal order with the smallest cache need (exact search on small trees, best depth-first ' +
      'beyond); the reference uses DFS+',
  },
} as const;

export type Improvement = keyof typeof IMPROVEMENTS;
export type Improvements = Record<Improvement, boolean>;
export const IMPROVEMENT_NAMES = Object.keys(IMPROVEMENTS) as Improvement[];

export const STRATEGIES = {
  baseline: {
    description: 'Base: every model on all data, no sharing; each model loaded per pass, features written to disk',
    successiveHalving: false,
    share: false,
    budgeted: false,
    featuresOnDisk: true,
    improvements: { mergedTestPass: true },
  },
  shift: {
    description:
      'SHiFT: successive halving, no sharing; every alive model loaded again in every iteration, features ' +
      'written to disk',
    successiveHalving: true,
    share: false,
    budgeted: false,
    featuresOnDisk: true,
    improvements: { mergedTestPass: true },
  },
  alsatian: {
    description: 'Alsatian: successive halving + shared prefixes + cache-aware order under the budget',
    successiveHalving: true,
    share: true,
    budgeted: true,
    featuresOnDisk: false,
    improvements: { mergedTestPass: true, keepPrepared: true, prefetchBlocks: true, bestOrder: true },
  },
} as const satisfies Record<string, StrategyDef>;

export type StrategyName = keyof typeof STRATEGIES;

export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

export function strategy(name: string): StrategyDef {
  return (STRATEGIES as Record<string, StrategyDef>)[name] ?? unknownName('strategy', name, STRATEGY_NAMES);
}

/**
 * The improvements a search runs with: the strategy's defaults, with `overrides` applied. Switching on an
 * improvement that does not apply to the strategy (bestOrder without sharing) is an error.
 */
export function resolveImprovements(name: string, overrides: Readonly<Partial<Improvements>> = {}): Improvements {
  const def = strategy(name);
  const out = {} as Improvements;
  for (const key of IMPROVEMENT_NAMES) {
    const wanted = overrides[key];
    if (wanted === true && IMPROVEMENTS[key].needsSharing && !def.share)
      throw new InvalidArgumentError(
        `Improvement '${key}' needs shared prefixes; strategy '${name}' does not share (use it with alsatian).`,
      );
    out[key] = wanted ?? def.improvements[key] ?? false;
  }
  return out;
}
