import type { ChartDef, RunData } from '@alsatian/exp-shared';
import { lineChart, scaleSubtitle } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { startBlocks } from './summary.ts';

export const CHART_FILES = { fits: 'blocks-fitting-in-read', times: 'read-vs-compute' } as const;

/** Two charts, one panel per architecture: the count per start block, and read vs compute time per block. */
export function cacheCharts(run: RunData): ChartDef[] {
  const starts = startBlocks(run.rows);
  const subtitle = scaleSubtitle(run.scale, run.meta.reductions);
  const facet = { row: { field: 'architecture' }, independentY: true };

  const counts: Datum[] = starts.flatMap((s) => [
    { architecture: s.architecture, block: s.block, series: 'fits', blocks: s.fits },
    { architecture: s.architecture, block: s.block, series: 'remaining', blocks: s.remaining },
  ]);
  const fits = lineChart({
    title: { text: "Blocks whose inference fits into reading the start block's input from disk", subtitle },
    rows: counts,
    x: { field: 'block', title: 'start block' },
    y: { field: 'blocks', title: 'blocks' },
    series: {
      field: 'series',
      title: 'count',
      domain: ['fits', 'remaining'],
      colors: ['#0868ac', '#bae4bc'],
      labels: { fits: 'fit in read', remaining: 'remaining' },
    },
    facet,
  });

  const timeRows: Datum[] = starts.flatMap((s) => [
    { architecture: s.architecture, block: s.block, series: 'read', ms: s.readSeconds * 1000 },
    { architecture: s.architecture, block: s.block, series: 'compute', ms: s.computeSeconds * 1000 },
  ]);
  const times = lineChart({
    title: { text: "Reading a block's input from the disk tier vs computing the block", subtitle },
    rows: timeRows,
    x: { field: 'block', title: 'block' },
    y: { field: 'ms', title: 'ms per batch' },
    series: {
      field: 'series',
      title: 'time',
      domain: ['read', 'compute'],
      colors: ['#7bccc4', '#0868ac'],
      labels: { read: 'read input', compute: 'compute block' },
    },
    facet,
  });
  return [
    { name: CHART_FILES.fits, spec: fits },
    { name: CHART_FILES.times, spec: times },
  ];
}
