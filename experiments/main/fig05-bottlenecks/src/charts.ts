import { medianBy } from '@alsatian/bench';
import type { RowValue, Scale } from '@alsatian/bench';
import { InvalidArgumentError } from '@alsatian/core';
import { PAPER_ARCH_LABELS } from '@alsatian/exp-shared';
import { BREAKDOWN_COLORS, BREAKDOWN_LABELS, scaleSubtitle, stackedBarChart } from '@alsatian/plot';
import type { TopLevelSpec } from '@alsatian/plot';
import { PHASES } from './phases.ts';
import { ARCHITECTURES, reductions } from './settings.ts';

export type CsvRow = Record<string, RowValue>;

/** Median seconds per (panel, architecture, category) over the repetitions, with the paper's labels. */
export function phaseMedians(rows: readonly CsvRow[]): { panel: string; architecture: string; model: string; category: string; seconds: number }[] {
  return medianBy(rows, ['panel', 'architecture', 'category'], 'seconds').map((r) => ({
    panel: String(r.panel),
    architecture: String(r.architecture),
    model: PAPER_ARCH_LABELS[String(r.architecture)] ?? String(r.architecture),
    category: String(r.category),
    seconds: Number(r.seconds),
  }));
}

/** Fig 5 (a)-(d): one 100 %-stacked horizontal bar per architecture, one panel per setting. */
export function bottleneckChart(rows: readonly CsvRow[]): TopLevelSpec {
  if (rows.length === 0) throw new InvalidArgumentError('Fig 5: the result CSV has no rows to plot.');
  const scale = String(rows[0].scale) as Scale;
  const data = phaseMedians(rows);
  const panels = [...new Set(data.map((d) => d.panel))].sort();
  return stackedBarChart({
    title: { text: 'Runtime breakdown for scoring a single model', subtitle: ['prepare model = block reads at 200 MB/s + session creation (measured)', ...scaleSubtitle(scale, reductions(scale))] },
    rows: data,
    bar: { field: 'model', title: 'architecture', sort: ARCHITECTURES.map((a) => PAPER_ARCH_LABELS[a] ?? a) },
    stack: { field: 'category', title: 'phase', domain: [...PHASES], colors: PHASES.map((p) => BREAKDOWN_COLORS[p]), labels: BREAKDOWN_LABELS },
    value: { field: 'seconds', title: 'Time distribution in percent' },
    normalize: true,
    horizontal: true,
    facet: { row: { field: 'panel', title: 'setting', sort: panels } },
  });
}
