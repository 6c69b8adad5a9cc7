import type { ChartDef, RunData } from '@alsatian/exp-shared';
import { lineChart, scaleSubtitle } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { batchPoints } from './summary.ts';

export const CHART_FILE = 'time-per-item';

/** Enough distinct colours for the paper's 12 architectures (ColorBrewer Paired). */
const COLORS = [
  '#a6cee3',
  '#1f78b4',
  '#b2df8a',
  '#33a02c',
  '#fb9a99',
  '#e31a1c',
  '#fdbf6f',
  '#ff7f00',
  '#cab2d6',
  '#6a3d9a',
  '#ffff99',
  '#b15928',
];

/** One line per architecture: median ms per item over batch size (log x). */
export function batchCharts(run: RunData): ChartDef[] {
  const points = batchPoints(run.rows);
  const architectures = [...new Set(points.map((p) => p.architecture))];
  const spec = lineChart({
    title: {
      text: `Inference time per item vs batch size (${run.meta.executionProvider} provider)`,
      subtitle: scaleSubtitle(run.scale, run.meta.reductions),
    },
    rows: points.map((p) => ({ ...p }) as Datum),
    x: { field: 'batchSize', title: 'batch size' },
    y: { field: 'msPerItem', title: 'ms per item (median)' },
    series: {
      field: 'architecture',
      domain: architectures,
      colors: architectures.map((_, i) => COLORS[i % COLORS.length]),
    },
    logX: true,
  });
  return [{ name: CHART_FILE, spec }];
}
