import { medianBy } from '@alsatian/bench';
import { PAPER_ARCH_LABELS } from '@alsatian/exp-shared';
import type { ChartDef, CsvRow, RunData } from '@alsatian/exp-shared';
import { BREAKDOWN_COLORS, BREAKDOWN_LABELS, scaleSubtitle, stackedBarChart } from '@alsatian/plot';
import { PHASES } from './phases.ts';
import { ARCHITECTURES } from './scales.ts';
import type { Fig05Settings } from './scales.ts';

export const CHART_NAME = 'normalized-bottleneck-analysis';

/** Median seconds per (panel, architecture, category) over the repetitions, with the paper's labels. */
export function phaseMedians(
  rows: readonly CsvRow[],
): { panel: string; architecture: string; model: string; category: string; seconds: number }[] {
  return medianBy(rows, ['panel', 'architecture', 'category'], 'seconds').map((r) => ({
    panel: String(r.panel),
    architecture: String(r.architecture),
    model: PAPER_ARCH_LABELS[String(r.architecture)] ?? String(r.architecture),
    category: String(r.category),
    seconds: Number(r.seconds),
  }));
}

/** Fig 5 (a)-(d): one 100 %-stacked horizontal bar per architecture, one panel per setting. */
export function fig05Charts(run: RunData<Fig05Settings>): ChartDef[] {
  const data = phaseMedians(run.rows);
  const panels = [...new Set(data.map((d) => d.panel))].sort();
  const spec = stackedBarChart({
    title: {
      text: 'Runtime breakdown for scoring a single model',
      subtitle: [
        `prepare model = block reads at 200 MB/s + session creation on ${run.meta.executionProvider} (measured)`,
        ...scaleSubtitle(run.scale, run.settings.reductions),
      ],
    },
    rows: data,
    bar: { field: 'model', title: 'architecture', sort: ARCHITECTURES.map((a) => PAPER_ARCH_LABELS[a] ?? a) },
    stack: {
      field: 'category',
      title: 'phase',
      domain: [...PHASES],
      colors: PHASES.map((p) => BREAKDOWN_COLORS[p]),
      labels: BREAKDOWN_LABELS,
    },
    value: { field: 'seconds', title: 'Time distribution in percent' },
    normalize: true,
    horizontal: true,
    facet: { row: { field: 'panel', title: 'setting', sort: panels } },
  });
  return [{ name: CHART_NAME, spec }];
}
