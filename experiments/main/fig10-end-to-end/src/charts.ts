/** Fig 10's chart: grouped bars per architecture, one panel per (items, distribution), speedup over Base on top. */
import {
  DISTRIBUTION_LABELS,
  DISTRIBUTION_ORDER,
  searchPoints,
  STRATEGY_LABELS,
  STRATEGY_ORDER,
} from '@alsatian/exp-shared';
import type { ChartDef, CsvRow, RunData } from '@alsatian/exp-shared';
import { groupedBarChart, scaleSubtitle, STRATEGY_COLORS, STRATEGY_SERIES, withSpeedupLabels } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import type { Fig10Settings } from './scales.ts';
import { KEYS } from './summary.ts';

export const CHART_FILE = 'fig10-end-to-end';

/** Bars as the chart draws them: one row per (architecture, distribution, items, strategy). */
export function barRows(rows: readonly CsvRow[]): Datum[] {
  const bars: Datum[] = [];
  for (const p of searchPoints(rows, KEYS)) {
    for (const strategy of STRATEGY_ORDER) {
      const seconds = p.seconds[strategy];
      if (seconds !== undefined)
        bars.push({
          architecture: p.labels.architecture,
          distribution: DISTRIBUTION_LABELS[p.labels.distribution] ?? p.labels.distribution,
          items: `${p.labels.items} items`,
          strategy: STRATEGY_LABELS[strategy],
          seconds,
        });
    }
  }
  return withSpeedupLabels(bars, {
    by: ['architecture', 'distribution', 'items'],
    series: 'strategy',
    baseline: 'Base',
    value: 'seconds',
  });
}

export function fig10Charts(run: RunData<Fig10Settings>): ChartDef[] {
  const bars = barRows(run.rows);
  const itemsOrder = [...new Set(bars.map((b) => String(b.items)))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const spec = groupedBarChart({
    title: {
      text: 'Fig 10: end-to-end search time (synthetic snapshots)',
      subtitle: scaleSubtitle(run.scale, run.settings.reductions),
    },
    rows: bars,
    x: { field: 'architecture', title: 'architecture', sort: [...new Set(bars.map((b) => String(b.architecture)))] },
    group: {
      field: 'strategy',
      title: 'strategy',
      domain: STRATEGY_SERIES,
      colors: STRATEGY_SERIES.map((a) => STRATEGY_COLORS[a]),
    },
    y: { field: 'seconds', title: 'Time in seconds' },
    label: 'label',
    facet: {
      row: { field: 'items', title: '', sort: itemsOrder },
      column: { field: 'distribution', title: '', sort: DISTRIBUTION_ORDER.map((d) => DISTRIBUTION_LABELS[d]) },
      independentY: true,
    },
  });
  return [{ name: CHART_FILE, spec }];
}
