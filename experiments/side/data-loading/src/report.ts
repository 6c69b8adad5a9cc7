import {
  markdownTable,
  PAPER_SETUP,
  REFERENCE_DATA_LOADING,
  REFERENCE_DATA_LOADING_BATCHES,
  REFERENCE_FIRST_BATCH,
} from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { throughput } from './summary.ts';
import type { ThroughputPoint } from './summary.ts';

/** Our images/s per (source, workers, batch size) and the reference's, converted to images/s. */
export function loadingReport(run: RunData): string {
  const points = throughput(run.rows);
  const batchSizes = [...new Set(points.map((p) => p.batchSize))].sort((a, b) => a - b);
  const lines = [...new Set(points.map((p) => JSON.stringify([p.source, p.workers])))].map(
    (k) => JSON.parse(k) as [string, number],
  );
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
  const reference = REFERENCE_DATA_LOADING.map((r) => [
    r.source,
    r.workers,
    r.batchSize,
    ((REFERENCE_DATA_LOADING_BATCHES * r.batchSize) / r.seconds).toFixed(0),
  ]);
  const passes = run.rows.filter((r) => r.metric === 'total');
  const dropped = passes.filter((r) => r.pageCache === 'dropped').length;
  const cache =
    dropped === passes.length
      ? 'page cache dropped before each pass'
      : dropped === 0
        ? 'the page cache could not be dropped, so passes may read from memory'
        : `page cache dropped before ${dropped} of ${passes.length} passes`;
  return [
    `Ours (images per second over a whole pass, the first batch and pool start included, then over the ` +
      `batches after the first; ${cache}):`,
    '',
    markdownTable(
      [
        'source',
        'workers',
        ...batchSizes.map((b) => `batch ${b}`),
        ...batchSizes.map((b) => `batch ${b} after first`),
        `first batch s (batch ${batchSizes[0]})`,
      ],
      table,
    ),
    '',
    'The "after first" rates exclude the pool start, but the loader decodes ahead (prefetch), so with only a ' +
      'few batches per pass they overstate the steady rate.',
    '',
    `Reference (PyTorch DataLoader, ${PAPER_SETUP.cores} cores of a ${PAPER_SETUP.cpu}; ` +
      `${REFERENCE_DATA_LOADING_BATCHES} batches, converted to images per second):`,
    '',
    markdownTable(['source', 'workers', 'batch', 'images/s'], reference),
    '',
    `Reference first-batch latency (JPEG): ` +
      `${REFERENCE_FIRST_BATCH.map((r) => `batch ${r.batchSize}: ${r.seconds} s`).join(', ')}.`,
    '',
    measuredLine(points),
    '',
  ].join('\n');
}

/** The best configuration per source and the tensor file's advantage over JPEG decoding. */
function measuredLine(points: readonly ThroughputPoint[]): string {
  const best = (source: string) =>
    points
      .filter((p) => p.source === source)
      .reduce<ThroughputPoint | undefined>(
        (a, b) => (a === undefined || b.imagesPerSecond > a.imagesPerSecond ? b : a),
        undefined,
      );
  const jpeg = best('jpeg-folder');
  const tensors = best('tensor-file');
  if (jpeg === undefined || tensors === undefined) return 'Measured: this run lacks one of the two sources.';
  return (
    `Measured: best JPEG folder ${jpeg.imagesPerSecond.toFixed(0)} images/s (${jpeg.workers} workers, batch ` +
    `${jpeg.batchSize}); best tensor file ${tensors.imagesPerSecond.toFixed(0)} images/s (${tensors.workers} ` +
    `read lanes, batch ${tensors.batchSize}): ${(tensors.imagesPerSecond / jpeg.imagesPerSecond).toFixed(1)}x.`
  );
}
