import { join } from 'node:path';
import type { Logger } from '@alsatian/core';
import { CSV_FILE, META_FILE, readCsvRows, readMeta } from '@alsatian/bench';
import { lineChart, renderChart, scaleSubtitle } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { startBlocks } from './summary.ts';

export const CHART_FILES = { fits: 'blocks-fitting-in-read', times: 'read-vs-compute' } as const;

/** Two charts, one panel per architecture: the count per start block, and read vs compute time per block. */
export async function plotRun(runDir: string, logger?: Logger): Promise<void> {
  const starts = startBlocks(await readCsvRows(join(runDir, CSV_FILE)));
  const meta = await readMeta(join(runDir, META_FILE));
  const subtitle = meta === undefined ? undefined : scaleSubtitle(meta.scale, meta.reductions);
  const facet = { row: { field: 'architecture' }, independentY: true };

  const counts: Datum[] = starts.flatMap((s) => [
    { architecture: s.architecture, block: s.block, series: 'fits', blocks: s.fits },
    { architecture: s.architecture, block: s.block, series: 'remaining', blocks: s.remaining },
  ]);
  await renderChart(
    lineChart({
      title: { text: "Blocks whose inference fits into reading the start block's input from disk", subtitle },
      rows: counts,
      x: { field: 'block', title: 'start block' },
      y: { field: 'blocks', title: 'blocks' },
      series: { field: 'series', title: 'count', domain: ['fits', 'remaining'], colors: ['#0868ac', '#bae4bc'], labels: { fits: 'fit in read', remaining: 'remaining' } },
      facet,
    }),
    join(runDir, CHART_FILES.fits),
    { logger },
  );

  const times: Datum[] = starts.flatMap((s) => [
    { architecture: s.architecture, block: s.block, series: 'read', ms: s.readSeconds * 1000 },
    { architecture: s.architecture, block: s.block, series: 'compute', ms: s.computeSeconds * 1000 },
  ]);
  await renderChart(
    lineChart({
      title: { text: "Reading a block's input from the disk tier vs computing the block", subtitle },
      rows: times,
      x: { field: 'block', title: 'block' },
      y: { field: 'ms', title: 'ms per batch' },
      series: { field: 'series', title: 'time', domain: ['read', 'compute'], colors: ['#7bccc4', '#0868ac'], labels: { read: 'read input', compute: 'compute block' } },
      facet,
    }),
    join(runDir, CHART_FILES.times),
    { logger },
  );
}
