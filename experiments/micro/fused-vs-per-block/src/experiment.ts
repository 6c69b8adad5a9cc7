/**
 * micro/fused-vs-per-block: one fused session per execution unit vs one session per block, chained (the
 * reference's `seq_vs_merged_model` micro-benchmark): inference time per batch and session-creation time.
 */
import { availableParallelism } from 'node:os';
import type { Scales } from '@alsatian/bench';
import { blocksAt, defineExperiment } from '@alsatian/exp-shared';
import { fusedCharts } from './charts.ts';
import { measureFusedVsPerBlock } from './measure.ts';
import { fusedReport } from './report.ts';

export interface FusedCell extends Record<string, string | number> {
  readonly architecture: string;
  readonly imageSize: number;
  readonly batchSize: number;
  readonly threads: number;
}

export interface FusedSettings {
  readonly architectures: readonly string[];
  readonly imageSize: number;
  readonly batchSize: number;
  readonly warmupBatches: number;
  readonly measuredBatches: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

const ALL_CORES = availableParallelism();

export const FUSED_SCALES: Scales<FusedSettings> = {
  quick: {
    architectures: ['tiny_resnet', 'resnet18', 'vit_b_32'],
    imageSize: 64,
    batchSize: 8,
    warmupBatches: 2,
    measuredBatches: 5,
    repetitions: 1,
    reductions: ['64 px inputs instead of 224', 'resnet18 / vit_b_32 stand in for the large models; batch 8'],
  },
  small: {
    architectures: ['tiny_resnet', 'resnet18', 'resnet152', 'efficientnet_v2_l'],
    imageSize: 224,
    batchSize: 16,
    warmupBatches: 1,
    measuredBatches: 2,
    repetitions: 1,
    reductions: ['batch 16, 1 warm-up and 2 timed batches instead of batch 32, 3 and 10', 'no ViT-L-32'],
  },
  paper: {
    architectures: ['tiny_resnet', 'resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_l_32'],
    imageSize: 224,
    batchSize: 32,
    warmupBatches: 3,
    measuredBatches: 10,
    repetitions: 3,
    reductions: [],
  },
};

/**
 * One thread (no intra-op pool) and every core of the machine the grid is made on: chained sessions may suffer from
 * each other's spinning pools.
 */
function threadCounts(): number[] {
  return ALL_CORES > 1 ? [1, ALL_CORES] : [1];
}

export default defineExperiment<FusedCell, FusedSettings>({
  name: 'fused-vs-per-block',
  figure: 'micro-seq-vs-merged',
  title: 'Micro-benchmark: fused session vs one session per block',
  description:
    'One fused ONNX Runtime session per execution unit vs one session per block (chained): per-batch ' +
    'inference and session creation.',
  columns: ['mode', 'metric', 'batchIndex', 'sessions', 'seconds'],
  scales: FUSED_SCALES,
  grid: (s) =>
    s.architectures.flatMap((architecture) =>
      threadCounts().map((threads) => ({ architecture, imageSize: s.imageSize, batchSize: s.batchSize, threads })),
    ),
  provenance: () => ({
    models: { kind: 'synthetic', what: 'seeded randomly initialised blocks' },
    dataset: { kind: 'synthetic', what: 'a deterministic input batch' },
  }),
  async runCell(cell, ctx) {
    const blocks = blocksAt(cell.architecture, cell.imageSize, ctx.seed);
    return measureFusedVsPerBlock({
      blocks,
      batchSize: cell.batchSize,
      warmupBatches: ctx.settings.warmupBatches,
      measuredBatches: ctx.settings.measuredBatches,
      threads: cell.threads,
      ep: ctx.ep,
      logger: ctx.logger,
    });
  },
  charts: fusedCharts,
  report: fusedReport,
});
