/** The ablation's chart: one horizontal stacked bar per variant, ours first. */
import type { ChartDef, RunData } from '@alsatian/exp-shared';
import {
  BREAKDOWN_CATEGORIES,
  BREAKDOWN_COLORS,
  BREAKDOWN_LABELS,
  scaleSubtitle,
  stackedBarChart,
} from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import type { AblationSettings } from './scales.ts';
import { variantSummaries } from './summary.ts';

export const CHART_FILE = 'ablation';

export function ablationCharts(run: RunData<AblationSettings>): ChartDef[] {
  const summaries = variantSummaries(run.rows);
  const data: Datum[] = summaries.flatMap((s) =>
    BREAKDOWN_CATEGORIES.map((category) => ({ variant: s.variant, category, seconds: s.seconds[category] ?? 0 })),
  );
  const spec = stackedBarChart({
    title: {
      text: 'Ablation: our Alsatian with each addition switched off',
      subtitle: scaleSubtitle(run.scale, run.settings.reductions),
    },
    rows: data,
    bar: { field: 'variant', title: '', sort: summaries.map((s) => s.variant) },
    stack: {
      field: 'category',
      title: 'category',
      domain: [...BREAKDOWN_CATEGORIES],
      colors: BREAKDOWN_CATEGORIES.map((c) => BREAKDOWN_COLORS[c]),
      labels: BREAKDOWN_LABELS,
    },
    value: { field: 'seconds', title: 'Time in seconds' },
    totals: true,
    horizontal: true,
  });
  return [{ name: CHART_FILE, spec }];
}
