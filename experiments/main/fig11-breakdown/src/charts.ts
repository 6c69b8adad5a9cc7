/**
 * Fig 11's charts: (1) stacked bars per strategy, one panel per (architecture, items, distribution) measured with
 * all three strategies (the paper's a-c); (2) Alsatian's bars per distribution, one panel per architecture (d, e).
 */
import { DISTRIBUTION_LABELS, DISTRIBUTION_ORDER, STRATEGY_LABELS, STRATEGY_ORDER } from '@alsatian/exp-shared';
import type { ChartDef, RunData } from '@alsatian/exp-shared';
import {
  BREAKDOWN_CATEGORIES,
  BREAKDOWN_COLORS,
  BREAKDOWN_LABELS,
  scaleSubtitle,
  stackedBarChart,
  STRATEGY_SERIES,
} from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { PREPARE_MODEL_PARTS } from '@alsatian/core';
import type { PrepareModelPart } from '@alsatian/core';
import { breakdownBars } from './breakdown.ts';
import type { BreakdownBar } from './breakdown.ts';
import type { Fig11Settings } from './scales.ts';

export const STRATEGIES_CHART = 'fig11-strategies';
export const DISTRIBUTIONS_CHART = 'fig11-alsatian-distributions';
export const PREPARE_PARTS_CHART = 'fig11-prepare-model-parts';

const PART_LABELS: Readonly<Record<PrepareModelPart, string>> = {
  read: 'read blocks',
  lower: 'lower to ONNX',
  session: 'create sessions',
};
const PART_COLORS = ['#c6dbef', '#6baed6', '#08519c'];

const stack = {
  field: 'category',
  title: 'category',
  domain: [...BREAKDOWN_CATEGORIES],
  colors: BREAKDOWN_CATEGORIES.map((c) => BREAKDOWN_COLORS[c]),
  labels: BREAKDOWN_LABELS,
};
const dist = (d: string) => DISTRIBUTION_LABELS[d] ?? d;

function segments(bar: BreakdownBar, x: string, panel: string): Datum[] {
  return BREAKDOWN_CATEGORIES.map((category) => ({ x, panel, category, seconds: bar.seconds[category] ?? 0 }));
}

/** Panels with all three strategies present. */
export function strategyPanels(bars: readonly BreakdownBar[]): { panel: string; bars: BreakdownBar[] }[] {
  const panels = new Map<string, BreakdownBar[]>();
  for (const b of bars) {
    const key = `${b.architecture}, ${b.items} items, ${dist(b.distribution)}`;
    panels.set(key, [...(panels.get(key) ?? []), b]);
  }
  return [...panels.entries()]
    .filter(([, list]) => STRATEGY_ORDER.every((s) => list.some((b) => b.strategy === s)))
    .map(([panel, list]) => ({ panel, bars: list }));
}

export function fig11Charts(run: RunData<Fig11Settings>): ChartDef[] {
  const subtitle = scaleSubtitle(run.scale, run.settings.reductions);
  const bars = breakdownBars(run.rows);
  const charts: ChartDef[] = [];
  const panels = strategyPanels(bars);
  if (panels.length > 0) {
    const data = panels.flatMap(({ panel, bars: list }) =>
      list.flatMap((b) => segments(b, STRATEGY_LABELS[b.strategy], panel)),
    );
    charts.push({
      name: STRATEGIES_CHART,
      spec: stackedBarChart({
        title: { text: 'Fig 11: time breakdown per strategy', subtitle },
        rows: data,
        bar: { field: 'x', title: 'strategy', sort: [...STRATEGY_SERIES] },
        stack,
        value: { field: 'seconds', title: 'Time in seconds' },
        totals: true,
        width: 190, // wide enough for the panel headers
        facet: { column: { field: 'panel', title: '', sort: panels.map((p) => p.panel) }, independentY: true },
      }),
    });
  }
  const byArch = new Map<string, BreakdownBar[]>();
  for (const b of bars.filter((x) => x.strategy === 'alsatian')) {
    const key = `${b.architecture}, ${b.items} items`;
    byArch.set(key, [...(byArch.get(key) ?? []), b]);
  }
  const distPanels = [...byArch.entries()].filter(([, list]) => new Set(list.map((b) => b.distribution)).size >= 3);
  if (distPanels.length > 0) {
    charts.push({
      name: DISTRIBUTIONS_CHART,
      spec: stackedBarChart({
        title: { text: 'Fig 11: Alsatian time breakdown per distribution', subtitle },
        rows: distPanels.flatMap(([panel, list]) => list.flatMap((b) => segments(b, dist(b.distribution), panel))),
        bar: { field: 'x', title: 'distribution', sort: DISTRIBUTION_ORDER.map(dist) },
        stack,
        value: { field: 'seconds', title: 'Time in seconds' },
        totals: true,
        width: 190,
        facet: { column: { field: 'panel', title: '', sort: distPanels.map(([p]) => p) }, independentY: true },
      }),
    });
  }
  const withParts = panels.filter(({ bars: list }) => list.every((b) => b.prepareModelParts !== undefined));
  if (withParts.length > 0) {
    charts.push({
      name: PREPARE_PARTS_CHART,
      spec: stackedBarChart({
        title: { text: 'Fig 11: prepare model, split into its parts', subtitle },
        rows: withParts.flatMap(({ panel, bars: list }) =>
          list.flatMap((b) =>
            PREPARE_MODEL_PARTS.map((part) => ({
              x: STRATEGY_LABELS[b.strategy],
              panel,
              part,
              seconds: b.prepareModelParts![part],
            })),
          ),
        ),
        bar: { field: 'x', title: 'strategy', sort: [...STRATEGY_SERIES] },
        stack: {
          field: 'part',
          title: 'part',
          domain: [...PREPARE_MODEL_PARTS],
          colors: PART_COLORS,
          labels: PART_LABELS,
        },
        value: { field: 'seconds', title: 'Time in seconds' },
        totals: true,
        width: 190,
        facet: { column: { field: 'panel', title: '', sort: withParts.map((p) => p.panel) }, independentY: true },
      }),
    });
  }
  return charts;
}
