import { InvalidArgumentError } from '@alsatian/core';
import { STRATEGY_NAMES } from '@alsatian/strategies';
import type { StrategyName } from '@alsatian/strategies';

/** The three strategies in the paper's bar order; cells and CSVs name them so. */
export const STRATEGY_ORDER: readonly StrategyName[] = ['baseline', 'shift', 'alsatian'];

/** The paper's display names (chart legends and report tables only). */
export const STRATEGY_LABELS: Readonly<Record<StrategyName, 'Base' | 'SHiFT' | 'Alsatian'>> = {
  baseline: 'Base',
  shift: 'SHiFT',
  alsatian: 'Alsatian',
};

/** A cell's or CSV row's `strategy` value as a StrategyName; anything else is an error naming the valid ones. */
export function strategyOf(value: unknown): StrategyName {
  if (typeof value === 'string' && (STRATEGY_NAMES as readonly string[]).includes(value)) return value as StrategyName;
  throw new InvalidArgumentError(`Strategy '${String(value)}' is unknown. Valid: ${STRATEGY_NAMES.join(', ')}.`);
}

/** The paper's distribution names for labels, keyed by the store's names. */
export const DISTRIBUTION_LABELS: Readonly<Record<string, string>> = {
  'top-50': 'Top 50 %',
  'top-25': 'Top 25 %',
  'top-layers': 'Top Layers',
};

export const DISTRIBUTION_ORDER = ['top-50', 'top-25', 'top-layers'] as const;

export const MB = 1e6;
