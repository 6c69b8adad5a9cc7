/** Fig 16's chart: one panel per strategy, stacked bars per memory level (largest first), as the paper. */
import { STRATEGY_LABELS, STRATEGY_ORDER } from '@alsatian/exp-shared';
import type { ChartDef, RunData } from '@alsatian/exp-shared';
import {
  BREAKDOWN_CATEGORIES,
  BREAKDOWN_COLORS,
  BREAKDOWN_LABELS,
  scaleSubtitle,
  stackedBarChart,
} from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import type { Fig16Settings } from './scales.ts';
import { memoryBars } from './summary.ts';

export const CHART_FILE = 'fig16-memory';

export const memoryLabel = (gb: number) => `${gb} GB`;

export function fig16Charts(run: RunData<Fig16Settings>): ChartDef[] {
  const bars = memoryBars(run.rows);
  const data: Datum[] = bars.flatMap((b) =>
    BREAKDOWN_CATEGORIES.map((category) => ({
      strategy: STRATEGY_LABELS[b.strategy],
      memory: memoryLabel(b.memoryGB),
      category,
      seconds: b.seconds[category] ?? 0,
    })),
  );
  const levels = [...new Set(bars.map((b) => b.memoryGB))].sort((a, b) => b - a).map(memoryLabel);
  const spec = stackedBarChart({
    title: {
      text: 'Fig 16: search time under memory limits (ViT-L-32 in the paper)',
      subtitle: scaleSubtitle(run.scale, run.settings.reductions),
    },
    rows: data,
    bar: { field: 'memory', title: 'Memory (paper level)', sort: levels },
    stack: {
      field: 'category',
      title: 'category',
      domain: [...BREAKDOWN_CATEGORIES],
      colors: BREAKDOWN_CATEGORIES.map((c) => BREAKDOWN_COLORS[c]),
      labels: BREAKDOWN_LABELS,
    },
    value: { field: 'seconds', title: 'Time in seconds' },
    totals: true,
    width: 150,
    facet: {
      column: {
        field: 'strategy',
        title: '',
        sort: STRATEGY_ORDER.filter((s) => bars.some((b) => b.strategy === s)).map((s) => STRATEGY_LABELS[s]),
      },
    },
  });
  return [{ name: CHART_FILE, spec }];
}
