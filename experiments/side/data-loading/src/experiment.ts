/**
 * side/data-loading: data-loading throughput for batch size x worker count (the reference's
 * `opt_parameters/data_loading`), a JPEG folder decoded by the data lib's worker pool vs the same items
 * pre-decoded into a tensor file. The data is written once per run under `<runDir>/scratch`, outside any timing.
 */
import { join } from 'node:path';
import { defineExperiment } from '@alsatian/bench';
import type { Scale } from '@alsatian/bench';
import { measureDataLoading } from './measure.ts';
import { ensureJpegFolder, ensureTensorFile, SOURCES } from './sources.ts';
import type { SourceName, SourceSpec } from './sources.ts';

export interface LoadingCell extends Record<string, string | number> {
  readonly source: SourceName;
  readonly workers: number;
}

interface ScaleConfig extends SourceSpec {
  readonly workers: readonly number[];
  readonly batchSizes: readonly number[];
  readonly repetitions: number;
}

export const SCALE_CONFIG: Readonly<Record<Scale, ScaleConfig>> = {
  quick: { items: 256, jpegSize: 320, imageSize: 224, seed: 1, workers: [1, 2, 4], batchSizes: [16, 32, 128], repetitions: 1 },
  small: { items: 2048, jpegSize: 400, imageSize: 224, seed: 1, workers: [1, 2, 4, 8], batchSizes: [32, 128, 256, 512], repetitions: 1 },
  paper: { items: 10240, jpegSize: 500, imageSize: 224, seed: 1, workers: [1, 2, 4, 8, 32, 48, 64], batchSizes: [32, 128, 256, 512, 1024], repetitions: 1 },
};

export default defineExperiment<LoadingCell>({
  name: 'data-loading',
  figure: 'side-data-loading',
  description: 'Images per second for batch size x workers: JPEG folder (decode pool) vs pre-decoded tensor file.',
  moduleUrl: import.meta.url,
  columns: ['batchSize', 'items', 'batches', 'pageCache', 'metric', 'seconds', 'imagesPerSecond'],
  grid: (scale) => SOURCES.flatMap((source) => SCALE_CONFIG[scale].workers.map((workers) => ({ source, workers }))),
  repetitions: (scale) => SCALE_CONFIG[scale].repetitions,
  reductions(scale) {
    const c = SCALE_CONFIG[scale];
    if (scale === 'paper') return [`synthetic ${c.jpegSize} px JPEGs instead of Imagenette photos`];
    return [`${c.items} synthetic ${c.jpegSize} px JPEGs instead of Imagenette (10,240 items)`, `workers ${c.workers.join(', ')}; batch sizes ${c.batchSizes.join(', ')}`];
  },
  config: (scale) => ({ ...SCALE_CONFIG[scale] }),
  async runCell(cell, ctx) {
    const c = SCALE_CONFIG[ctx.scale];
    const scratch = join(ctx.runDir, 'scratch');
    const jpeg = await ensureJpegFolder(scratch, c);
    const path = cell.source === 'jpeg-folder' ? jpeg : await ensureTensorFile(scratch, jpeg, c);
    return measureDataLoading({ source: cell.source, path, imageSize: c.imageSize, workers: cell.workers, batchSizes: c.batchSizes, logger: ctx.logger });
  },
});
