import type { StrategyName } from '@alsatian/strategies';

/** The paper's names of the three approaches, in its bar order; the CSV `approach` column holds these. */
export const APPROACH_OF: Readonly<Record<StrategyName, 'Base' | 'SHiFT' | 'Alsatian'>> = {
  baseline: 'Base',
  shift: 'SHiFT',
  alsatian: 'Alsatian',
};

export const STRATEGY_OF: Readonly<Record<string, StrategyName>> = { Base: 'baseline', SHiFT: 'shift', Alsatian: 'alsatian' };

/** The paper's distribution names for labels, keyed by the store's names. */
export const DISTRIBUTION_LABELS: Readonly<Record<string, string>> = {
  'top-50': 'Top 50 %',
  'top-25': 'Top 25 %',
  'top-layers': 'Top Layers',
};

export const DISTRIBUTION_ORDER = ['top-50', 'top-25', 'top-layers'] as const;

export const MB = 1e6;
