import type { ChartDef, RunData } from '@alsatian/exp-shared';
import { lineChart, scaleSubtitle } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { throughput } from './summary.ts';

export const CHART_FILE = 'images-per-second';

const RAMP = ['#ccebc5', '#a8ddb5', '#7bccc4', '#4eb3d3', '#2b8cbe', '#0868ac', '#084081'];

/** Lines per worker count over batch size, one panel per source (independent y: the sources differ by far). */
export function loadingCharts(run: RunData): ChartDef[] {
  const points = throughput(run.rows);
  const workers = [...new Set(points.map((p) => p.workers))].sort((a, b) => a - b).map(String);
  const spec = lineChart({
    title: {
      text: 'Data loading throughput: batch size x workers',
      subtitle: scaleSubtitle(run.scale, run.meta.reductions),
    },
    rows: points.map((p) => ({ ...p, workersLabel: String(p.workers) }) as Datum),
    x: { field: 'batchSize', title: 'batch size' },
    y: { field: 'imagesPerSecond', title: 'images per second' },
    series: {
      field: 'workersLabel',
      title: 'workers',
      domain: workers,
      colors: workers.map(
        (_, i) =>
          RAMP[Math.min(RAMP.length - 1, Math.round((i * (RAMP.length - 1)) / Math.max(1, workers.length - 1)))],
      ),
    },
    logX: true,
    facet: { column: { field: 'source', sort: ['jpeg-folder', 'tensor-file'] }, independentY: true },
  });
  return [{ name: CHART_FILE, spec }];
}
