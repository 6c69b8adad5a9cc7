/**
 * Fig 11's charts: (1) stacked bars per approach, one panel per (architecture, items, distribution) measured with
 * all three approaches (the paper's a-c); (2) Alsatian's bars per distribution, one panel per architecture (d, e).
 */
import { join } from 'node:path';
import { CSV_FILE, isScale, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { DISTRIBUTION_LABELS, DISTRIBUTION_ORDER } from '@alsatian/exp-shared';
import { APPROACHES, BREAKDOWN_CATEGORIES, BREAKDOWN_COLORS, BREAKDOWN_LABELS, renderChart, scaleSubtitle, stackedBarChart } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { breakdownBars } from './breakdown.ts';
import type { BreakdownBar } from './breakdown.ts';
import { FIG11_SCALES } from './settings.ts';

export const APPROACHES_CHART = 'fig11-approaches';
export const DISTRIBUTIONS_CHART = 'fig11-alsatian-distributions';

const stack = { field: 'category', title: 'category', domain: [...BREAKDOWN_CATEGORIES], colors: BREAKDOWN_CATEGORIES.map((c) => BREAKDOWN_COLORS[c]), labels: BREAKDOWN_LABELS };
const dist = (d: string) => DISTRIBUTION_LABELS[d] ?? d;

function segments(bar: BreakdownBar, x: string, panel: string): Datum[] {
  return BREAKDOWN_CATEGORIES.map((category) => ({ x, panel, category, seconds: bar.seconds[category] ?? 0 }));
}

/** Panels with all three approaches present. */
export function approachPanels(bars: readonly BreakdownBar[]): { panel: string; bars: BreakdownBar[] }[] {
  const panels = new Map<string, BreakdownBar[]>();
  for (const b of bars) {
    const key = `${b.architecture}, ${b.items} items, ${dist(b.distribution)}`;
    panels.set(key, [...(panels.get(key) ?? []), b]);
  }
  return [...panels.entries()].filter(([, list]) => APPROACHES.every((a) => list.some((b) => b.approach === a))).map(([panel, list]) => ({ panel, bars: list }));
}

export async function plotFig11(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const scale = String(rows[0]?.scale ?? '');
  const subtitle = scaleSubtitle(scale, isScale(scale) ? FIG11_SCALES[scale].reductions : []);
  const bars = breakdownBars(rows);
  const images: string[] = [];

  const panels = approachPanels(bars);
  if (panels.length > 0) {
    const data = panels.flatMap(({ panel, bars: list }) => list.map((b) => segments(b, b.approach, panel)).flat());
    const spec = stackedBarChart({
      title: { text: 'Fig 11: time breakdown per approach', subtitle },
      rows: data,
      bar: { field: 'x', title: 'approach', sort: [...APPROACHES] },
      stack,
      value: { field: 'seconds', title: 'Time in seconds' },
      totals: true,
      width: 190, // wide enough for the panel headers
      facet: { column: { field: 'panel', title: '', sort: panels.map((p) => p.panel) }, independentY: true },
    });
    await renderChart(spec, join(runDir, APPROACHES_CHART), { logger });
    images.push(`${APPROACHES_CHART}.png`);
  }

  const alsatian = bars.filter((b) => b.approach === 'Alsatian');
  const byArch = new Map<string, BreakdownBar[]>();
  for (const b of alsatian) byArch.set(`${b.architecture}, ${b.items} items`, [...(byArch.get(`${b.architecture}, ${b.items} items`) ?? []), b]);
  const distPanels = [...byArch.entries()].filter(([, list]) => new Set(list.map((b) => b.distribution)).size >= 3);
  if (distPanels.length > 0) {
    const data = distPanels.flatMap(([panel, list]) => list.map((b) => segments(b, dist(b.distribution), panel)).flat());
    const spec = stackedBarChart({
      title: { text: 'Fig 11: Alsatian time breakdown per distribution', subtitle },
      rows: data,
      bar: { field: 'x', title: 'distribution', sort: DISTRIBUTION_ORDER.map(dist) },
      stack,
      value: { field: 'seconds', title: 'Time in seconds' },
      totals: true,
      width: 190, // wide enough for the panel headers
      facet: { column: { field: 'panel', title: '', sort: distPanels.map(([p]) => p) }, independentY: true },
    });
    await renderChart(spec, join(runDir, DISTRIBUTIONS_CHART), { logger });
    images.push(`${DISTRIBUTIONS_CHART}.png`);
  }
  return images;
}
