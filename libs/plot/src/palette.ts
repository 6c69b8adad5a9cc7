/**
 * Colours and names of the paper's plots (reference 2.4): a ColorBrewer GnBu ramp, light for the baseline, dark
 * for Alsatian. Categories beyond the paper's four (cache, planning) get colours outside the ramp so they read as
 * ours.
 */
/** The strategies as the paper labels them, in its bar order (chart series and legends). */
export const STRATEGY_SERIES = ['Base', 'SHiFT', 'Alsatian'] as const;

export const STRATEGY_COLORS: Readonly<Record<(typeof STRATEGY_SERIES)[number], string>> = {
  Base: '#bae4bc',
  SHiFT: '#43a2ca',
  Alsatian: '#0868ac',
};

/** Breakdown categories in the paper's stacking order, bottom first; keys are core's measurement categories. */
export const BREAKDOWN_CATEGORIES = ['prepareModel', 'prepareData', 'inference', 'proxy', 'cache', 'planning'] as const;
export type BreakdownCategory = (typeof BREAKDOWN_CATEGORIES)[number];

export const BREAKDOWN_COLORS: Readonly<Record<BreakdownCategory, string>> = {
  prepareModel: '#bae4bc',
  prepareData: '#7bccc4',
  inference: '#43a2ca',
  proxy: '#0868ac',
  cache: '#fdae6b',
  planning: '#bdbdbd',
};

/** Legend labels as the paper writes them. */
export const BREAKDOWN_LABELS: Readonly<Record<BreakdownCategory, string>> = {
  prepareModel: 'prepare model',
  prepareData: 'prepare data',
  inference: 'inference',
  proxy: 'proxy score',
  cache: 'cache',
  planning: 'planning',
};

/** Fig 12's two series: parameters on the left axis, inference time on the right. */
export const DUAL_AXIS_COLORS = { left: '#7bccc4', right: '#0868ac' } as const;
