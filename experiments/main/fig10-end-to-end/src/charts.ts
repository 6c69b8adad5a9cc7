/** Fig 10's chart: grouped bars per architecture, one panel per (items, distribution), speedup over Base on top. */
import { join } from 'node:path';
import { CSV_FILE, isScale, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { DISTRIBUTION_LABELS, DISTRIBUTION_ORDER } from '@alsatian/exp-shared';
import { APPROACH_COLORS, APPROACHES, groupedBarChart, renderChart, scaleSubtitle, withSpeedupLabels } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { FIG10_SCALES } from './settings.ts';
import { endToEndPoints } from './summary.ts';

export const CHART_FILE = 'fig10-end-to-end';

/** Bars as the chart draws them: one row per (architecture, distribution, items, approach). */
export function barRows(rows: Parameters<typeof endToEndPoints>[0]): Datum[] {
  const bars: Datum[] = [];
  for (const p of endToEndPoints(rows)) {
    for (const approach of APPROACHES) {
      const seconds = p[approach];
      if (seconds !== undefined) bars.push({ architecture: p.architecture, distribution: DISTRIBUTION_LABELS[p.distribution] ?? p.distribution, items: `${p.items} items`, approach, seconds });
    }
  }
  return withSpeedupLabels(bars, { by: ['architecture', 'distribution', 'items'], series: 'approach', baseline: 'Base', value: 'seconds' });
}

export async function plotFig10(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const scale = String(rows[0]?.scale ?? '');
  const reductions = isScale(scale) ? FIG10_SCALES[scale].reductions : [];
  const bars = barRows(rows);
  const itemsOrder = [...new Set(bars.map((b) => String(b.items)))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const spec = groupedBarChart({
    title: { text: 'Fig 10: end-to-end search time (synthetic snapshots)', subtitle: scaleSubtitle(scale, reductions) },
    rows: bars,
    x: { field: 'architecture', title: 'architecture', sort: [...new Set(bars.map((b) => String(b.architecture)))] },
    group: { field: 'approach', title: 'approach', domain: APPROACHES, colors: APPROACHES.map((a) => APPROACH_COLORS[a]) },
    y: { field: 'seconds', title: 'Time in seconds' },
    label: 'label',
    facet: {
      row: { field: 'items', title: '', sort: itemsOrder },
      column: { field: 'distribution', title: '', sort: DISTRIBUTION_ORDER.map((d) => DISTRIBUTION_LABELS[d]) },
      independentY: true,
    },
  });
  await renderChart(spec, join(runDir, CHART_FILE), { logger });
  return [`${CHART_FILE}.png`];
}
