/**
 * micro/cache-vs-recompute: is reading a cached intermediate cheaper than recomputing? Per block i, the time to
 * read block i's input batch from the intermediate cache's disk tier vs the inference time of the blocks from i on
 * (the reference's `layer_io_vs_compute_bound` analysis, measured here instead of assuming 1000 MB/s).
 */
import { join } from 'node:path';
import type { Scales } from '@alsatian/bench';
import { blocksAt, defineExperiment } from '@alsatian/exp-shared';
import { cacheCharts } from './charts.ts';
import { measureCacheVsRecompute } from './measure.ts';
import { cacheReport } from './report.ts';

export interface CacheCell extends Record<string, string | number> {
  readonly architecture: string;
  readonly imageSize: number;
  readonly batchSize: number;
}

export interface CacheSettings {
  readonly architectures: readonly string[];
  readonly imageSize: number;
  readonly batchSize: number;
  readonly warmupRuns: number;
  readonly runs: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

const PAPER_ARCHITECTURES = ['resnet152', 'vit_l_32', 'efficientnet_v2_l'];
const MEASURED_READS = "reads measured on this machine's disk, not assumed at 1000 MB/s";

/** Our quick-scale stand-ins for the reference's architectures. */
export const STAND_IN_FOR: Readonly<Record<string, string>> = {
  resnet50: 'resnet152',
  vit_b_32: 'vit_l_32',
  efficientnet_v2_s: 'efficientnet_v2_l',
};

export const CACHE_SCALES: Scales<CacheSettings> = {
  quick: {
    architectures: ['resnet50', 'vit_b_32', 'efficientnet_v2_s'],
    imageSize: 64,
    batchSize: 8,
    warmupRuns: 1,
    runs: 3,
    repetitions: 1,
    reductions: [
      MEASURED_READS,
      '64 px inputs, batch 8',
      'ResNet-50 / ViT-B-32 / EffNetV2-S instead of ResNet-152 / ViT-L-32 / EffNetV2-L',
    ],
  },
  small: {
    architectures: PAPER_ARCHITECTURES,
    imageSize: 224,
    batchSize: 32,
    warmupRuns: 1,
    runs: 3,
    repetitions: 1,
    reductions: [MEASURED_READS, '1 warm-up and 3 timed runs instead of 3 and 5'],
  },
  paper: {
    architectures: PAPER_ARCHITECTURES,
    imageSize: 224,
    batchSize: 32,
    warmupRuns: 3,
    runs: 5,
    repetitions: 3,
    reductions: [MEASURED_READS],
  },
};

export default defineExperiment<CacheCell, CacheSettings>({
  name: 'cache-vs-recompute',
  figure: 'micro-layer-io-vs-compute',
  title: 'Micro-benchmark: reading a cached intermediate vs recomputing (layer I/O vs compute)',
  description: "Per block: reading its input from the cache's disk tier vs the inference time of the following blocks.",
  columns: ['block', 'kind', 'metric', 'seconds', 'bytes', 'pageCache'],
  scales: CACHE_SCALES,
  grid: (s) =>
    s.architectures.map((architecture) => ({ architecture, imageSize: s.imageSize, batchSize: s.batchSize })),
  provenance: () => ({
    models: { kind: 'synthetic', what: 'seeded randomly initialised blocks' },
    dataset: { kind: 'synthetic', what: "a deterministic input batch, then each block's real output" },
  }),
  async runCell(cell, ctx) {
    const blocks = blocksAt(cell.architecture, cell.imageSize, ctx.seed);
    return measureCacheVsRecompute({
      blocks,
      batchSize: cell.batchSize,
      warmupRuns: ctx.settings.warmupRuns,
      runs: ctx.settings.runs,
      scratchDir: join(ctx.runDir, 'scratch', cell.architecture),
      ep: ctx.ep,
      logger: ctx.logger,
    });
  },
  charts: cacheCharts,
  report: cacheReport,
});
