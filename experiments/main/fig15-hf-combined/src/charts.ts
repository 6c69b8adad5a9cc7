import { medianBy } from '@alsatian/bench';
import type { RowValue, Scale } from '@alsatian/bench';
import { InvalidArgumentError } from '@alsatian/core';
import { APPROACH_COLORS, APPROACHES, BREAKDOWN_COLORS, BREAKDOWN_LABELS, groupedBarChart, scaleSubtitle, stackedBarChart, withSpeedupLabels } from '@alsatian/plot';
import type { TopLevelSpec } from '@alsatian/plot';
import { SETTINGS } from './settings.ts';

export type CsvRow = Record<string, RowValue>;

/** The paper's breakdown order for the HF plots: prepare data first, then prepare model, inference, proxy. */
export const CATEGORIES = ['prepareData', 'prepareModel', 'inference', 'proxy', 'cache', 'planning'] as const;

export function timeUnit(scale: Scale): { divisor: number; title: string; name: string } {
  return SETTINGS[scale].minutes ? { divisor: 60, title: 'Time in minutes', name: 'minutes' } : { divisor: 1, title: 'Time in seconds', name: 'seconds' };
}

/** Median seconds of each search's total per (items, approach). */
export function combinedTotals(rows: readonly CsvRow[]): { items: number; approach: string; seconds: number }[] {
  const total = rows.filter((r) => r.scope === 'search' && r.category === 'total');
  return medianBy(total, ['items', 'approach'], 'seconds').map((r) => ({ items: Number(r.items), approach: String(r.approach), seconds: Number(r.seconds) }));
}

function subtitle(rows: readonly CsvRow[], scale: Scale): string[] {
  const first = rows[0];
  const cache = `block cache ${(Number(first.blockCacheBytes) / 1e6).toFixed(1)} MB = ${Number(first.blockCacheShare) * 100} % of the ${(Number(first.storeUniqueBytes) / 1e6).toFixed(1)} MB of unique weights`;
  const models = first.hfDir ? `real checkpoints from ${first.hfDir}` : 'stand-in families (the crawl\'s overlap patterns, seeded weights)';
  return [`${first.setSize} models: ${models}`, cache, ...scaleSubtitle(scale, SETTINGS[scale].reductions)];
}

/** Fig 15: three bars per item count, labelled with the speedup over Base. */
export function combinedChart(rows: readonly CsvRow[]): TopLevelSpec {
  if (rows.length === 0) throw new InvalidArgumentError('Fig 15: the result CSV has no rows to plot.');
  const scale = String(rows[0].scale) as Scale;
  const unit = timeUnit(scale);
  const data = withSpeedupLabels(combinedTotals(rows).map((t) => ({ ...t, time: t.seconds / unit.divisor })), { by: ['items'], series: 'approach', baseline: 'Base', value: 'time', as: 'speedup' });
  return groupedBarChart({
    title: { text: 'All Hugging Face families in one search', subtitle: subtitle(rows, scale) },
    rows: data,
    x: { field: 'items', title: 'items' },
    group: { field: 'approach', domain: [...APPROACHES], colors: APPROACHES.map((a) => APPROACH_COLORS[a]) },
    y: { field: 'time', title: unit.title },
    label: 'speedup',
  });
}

/** Where the time of the combined search goes: stacked categories per approach, one panel per item count. */
export function combinedBreakdownChart(rows: readonly CsvRow[]): TopLevelSpec {
  const scale = String(rows[0].scale) as Scale;
  const unit = timeUnit(scale);
  const search = rows.filter((r) => r.scope === 'search' && r.category !== 'total');
  const data = medianBy(search, ['items', 'approach', 'category'], 'seconds').map((r) => ({ ...r, time: Number(r.seconds) / unit.divisor }));
  return stackedBarChart({
    title: { text: 'All Hugging Face families: time breakdown', subtitle: subtitle(rows, scale) },
    rows: data,
    bar: { field: 'approach', sort: [...APPROACHES] },
    stack: { field: 'category', title: 'phase', domain: [...CATEGORIES], colors: CATEGORIES.map((c) => BREAKDOWN_COLORS[c]), labels: BREAKDOWN_LABELS },
    value: { field: 'time', title: unit.title },
    totals: true,
    facet: { column: { field: 'items', title: 'items' }, independentY: true },
  });
}
