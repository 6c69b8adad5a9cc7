/** Fig 16's chart: one panel per approach, stacked bars per memory level (largest first), as the paper. */
import { join } from 'node:path';
import { CSV_FILE, isScale, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { APPROACHES, BREAKDOWN_CATEGORIES, BREAKDOWN_COLORS, BREAKDOWN_LABELS, renderChart, scaleSubtitle, stackedBarChart } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { FIG16_SCALES } from './settings.ts';
import { memoryBars } from './summary.ts';

export const CHART_FILE = 'fig16-memory';

export const memoryLabel = (gb: number) => `${gb} GB`;

export async function plotFig16(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const scale = String(rows[0]?.scale ?? '');
  const bars = memoryBars(rows);
  const data: Datum[] = bars.flatMap((b) => BREAKDOWN_CATEGORIES.map((category) => ({ approach: b.approach, memory: memoryLabel(b.memoryGB), category, seconds: b.seconds[category] ?? 0 })));
  const levels = [...new Set(bars.map((b) => b.memoryGB))].sort((a, b) => b - a).map(memoryLabel);
  const spec = stackedBarChart({
    title: { text: 'Fig 16: search time under memory limits (ViT-L-32 in the paper)', subtitle: scaleSubtitle(scale, isScale(scale) ? FIG16_SCALES[scale].reductions : []) },
    rows: data,
    bar: { field: 'memory', title: 'Memory (paper level)', sort: levels },
    stack: { field: 'category', title: 'category', domain: [...BREAKDOWN_CATEGORIES], colors: BREAKDOWN_CATEGORIES.map((c) => BREAKDOWN_COLORS[c]), labels: BREAKDOWN_LABELS },
    value: { field: 'seconds', title: 'Time in seconds' },
    totals: true,
    width: 150,
    facet: { column: { field: 'approach', title: '', sort: APPROACHES.filter((a) => bars.some((b) => b.approach === a)) } },
  });
  await renderChart(spec, join(runDir, CHART_FILE), { logger });
  return [`${CHART_FILE}.png`];
}
