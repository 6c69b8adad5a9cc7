import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import { imagePath, markdownTable } from '@alsatian/exp-shared';
import type { ReportSection } from '@alsatian/exp-shared';
import { CHART_FILE } from './charts.ts';
import { REFERENCE_FIRST_BATCH, REFERENCE_LOADING, referenceImagesPerSecond } from './reference.ts';
import { throughput } from './summary.ts';
import type { ThroughputPoint } from './summary.ts';

/** Our images/s per (source, workers, batch size) and the reference's, converted to images/s. */
export async function report(runDir: string): Promise<ReportSection> {
  const points = throughput(await readCsvRows(join(runDir, CSV_FILE)));
  const batchSizes = [...new Set(points.map((p) => p.batchSize))].sort((a, b) => a - b);
  const lines = [...new Set(points.map((p) => JSON.stringify([p.source, p.workers])))].map((k) => JSON.parse(k) as [string, number]);
  const table = lines.map(([source, workers]) => {
    const at = (b: number) => points.find((p) => p.source === source && p.workers === workers && p.batchSize === b);
    const rate = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(0));
    return [
      source,
      workers,
      ...batchSizes.map((b) => rate(at(b)?.imagesPerSecond)),
      ...batchSizes.map((b) => rate(at(b)?.steadyImagesPerSecond)),
      at(batchSizes[0])?.firstBatchSeconds.toFixed(2) ?? '–',
    ];
  });
  const reference = REFERENCE_LOADING.map((r) => [r.source, r.workers, r.batchSize, referenceImagesPerSecond(r).toFixed(0)]);
  const markdown = [
    `![images per second](${imagePath(runDir, `${CHART_FILE}.png`)})`,
    '',
    'Ours (images per second over a whole pass, the first batch and pool start included, then over the batches after the first; page cache dropped before each pass):',
    '',
    markdownTable(['source', 'workers', ...batchSizes.map((b) => `batch ${b}`), ...batchSizes.map((b) => `batch ${b} after first`), `first batch s (batch ${batchSizes[0]})`], table),
    '',
    'The "after first" rates exclude the pool start, but the loader decodes ahead (prefetch), so with only a few batches per pass they overstate the steady rate.',
    '',
    'Reference (PyTorch DataLoader, 64-core Threadripper; 11 batches, converted to images per second):',
    '',
    markdownTable(['source', 'workers', 'batch', 'images/s'], reference),
    '',
    `Reference first-batch latency (JPEG): ${REFERENCE_FIRST_BATCH.map((r) => `batch ${r.batchSize}: ${r.seconds} s`).join(', ')}.`,
    '',
    measuredLine(points),
    '',
    'Where we differ: this machine has 2 cores, shared with other jobs while we ran, and each decode worker already ' +
      'runs several sharp decodes on libuv threads, so one worker keeps both cores busy and more workers only add ' +
      'contention, while the reference scaled to 8-32 DataLoader workers on 64 cores; absolute rates are far lower ' +
      'for the same reason. The shape holds: decoding JPEGs is compute-bound, and pre-decoded tensors load an order ' +
      'of magnitude faster although each item is several times larger on disk.',
  ].join('\n');
  return { id: 'data-loading', title: 'Side experiment: data loading, batch size x workers', figure: 'side-data-loading', markdown, images: [imagePath(runDir, `${CHART_FILE}.png`)] };
}

/** The best configuration per source and the tensor file's advantage over JPEG decoding. */
function measuredLine(points: readonly ThroughputPoint[]): string {
  const best = (source: string) => points.filter((p) => p.source === source).reduce<ThroughputPoint | undefined>((a, b) => (a === undefined || b.imagesPerSecond > a.imagesPerSecond ? b : a), undefined);
  const jpeg = best('jpeg-folder');
  const tensors = best('tensor-file');
  if (jpeg === undefined || tensors === undefined) return 'Measured: this run lacks one of the two sources.';
  return `Measured: best JPEG folder ${jpeg.imagesPerSecond.toFixed(0)} images/s (${jpeg.workers} workers, batch ${jpeg.batchSize}); best tensor file ${tensors.imagesPerSecond.toFixed(0)} images/s (${tensors.workers} read lanes, batch ${tensors.batchSize}): ${(tensors.imagesPerSecond / jpeg.imagesPerSecond).toFixed(1)}x.`;
}
