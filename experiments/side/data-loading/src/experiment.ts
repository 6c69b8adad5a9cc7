/**
 * side/data-loading: data-loading throughput for batch size x worker count (the reference's
 * `opt_parameters/data_loading`), a JPEG folder decoded by the data lib's worker pool vs the same items
 * pre-decoded into a tensor file. The data is written once per run under `<runDir>/scratch`, outside any timing.
 */
import { join } from 'node:path';
import type { Scales } from '@alsatian/bench';
import { defineExperiment } from '@alsatian/exp-shared';
import { loadingCharts } from './charts.ts';
import { measureDataLoading } from './measure.ts';
import { loadingReport } from './report.ts';
import { ensureJpegFolder, ensureTensorFile, SOURCES } from './sources.ts';
import type { SourceName, SourceSpec } from './sources.ts';

export interface LoadingCell extends Record<string, string | number> {
  readonly source: SourceName;
  readonly workers: number;
}

export interface LoadingSettings extends SourceSpec {
  readonly workers: readonly number[];
  readonly batchSizes: readonly number[];
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

const reduced = (s: Omit<LoadingSettings, 'reductions'>): LoadingSettings => ({
  ...s,
  reductions:
    s.items === 10240
      ? []
      : [
          `${s.items} items instead of 10,240`,
          `workers ${s.workers.join(', ')}; batch sizes ${s.batchSizes.join(', ')}`,
        ],
});

export const LOADING_SCALES: Scales<LoadingSettings> = {
  quick: reduced({
    items: 256,
    jpegSize: 320,
    imageSize: 224,
    seed: 1,
    workers: [1, 2, 4],
    batchSizes: [16, 32, 128],
    repetitions: 1,
  }),
  small: reduced({
    items: 512,
    jpegSize: 400,
    imageSize: 224,
    seed: 1,
    workers: [1, 2, 4, 8],
    batchSizes: [32, 128, 256, 512],
    repetitions: 1,
  }),
  paper: reduced({
    items: 10240,
    jpegSize: 500,
    imageSize: 224,
    seed: 1,
    workers: [1, 2, 4, 8, 32, 48, 64],
    batchSizes: [32, 128, 256, 512, 1024],
    repetitions: 1,
  }),
};

export default defineExperiment<LoadingCell, LoadingSettings>({
  name: 'data-loading',
  figure: 'side-data-loading',
  title: 'Side experiment: data loading, batch size x workers',
  description: 'Images per second for batch size x workers: JPEG folder (decode pool) vs pre-decoded tensor file.',
  columns: ['batchSize', 'items', 'batches', 'pageCache', 'metric', 'seconds', 'imagesPerSecond'],
  scales: LOADING_SCALES,
  grid: (s) => SOURCES.flatMap((source) => s.workers.map((workers) => ({ source, workers }))),
  provenance: (s) => ({
    dataset: {
      kind: 'synthetic',
      what:
        `${s.items} seeded generated ${s.jpegSize} px JPEGs (the reference: Imagenette photos), and the same ` +
        `decoded into a tensor file`,
    },
  }),
  async runCell(cell, ctx) {
    const c = ctx.settings;
    const scratch = join(ctx.runDir, 'scratch');
    const jpeg = await ensureJpegFolder(scratch, c);
    const path = cell.source === 'jpeg-folder' ? jpeg : await ensureTensorFile(scratch, jpeg, c);
    return measureDataLoading({
      source: cell.source,
      path,
      imageSize: c.imageSize,
      workers: cell.workers,
      batchSizes: c.batchSizes,
      logger: ctx.logger,
    });
  },
  charts: loadingCharts,
  report: loadingReport,
});
