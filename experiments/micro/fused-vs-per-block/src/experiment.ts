/**
 * micro/fused-vs-per-block: one fused session per execution unit vs one session per block, chained (the
 * reference's `seq_vs_merged_model` micro-benchmark): inference time per batch and session-creation time.
 */
import { availableParallelism } from 'node:os';
import { defineExperiment } from '@alsatian/bench';
import type { Scale } from '@alsatian/bench';
import { blocksAt } from '@alsatian/exp-shared';
import { measureFusedVsPerBlock } from './measure.ts';

export interface FusedCell extends Record<string, string | number> {
  readonly architecture: string;
  readonly imageSize: number;
  readonly batchSize: number;
  readonly threads: number;
}

interface ScaleConfig {
  readonly architectures: readonly string[];
  readonly imageSize: number;
  readonly batchSize: number;
  readonly warmupBatches: number;
  readonly measuredBatches: number;
  readonly repetitions: number;
}

const ALL_CORES = availableParallelism();

export const SCALE_CONFIG: Readonly<Record<Scale, ScaleConfig>> = {
  quick: { architectures: ['tiny_resnet', 'resnet18', 'vit_b_32'], imageSize: 64, batchSize: 8, warmupBatches: 2, measuredBatches: 5, repetitions: 1 },
  small: { architectures: ['tiny_resnet', 'resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_l_32'], imageSize: 224, batchSize: 32, warmupBatches: 3, measuredBatches: 5, repetitions: 1 },
  paper: { architectures: ['tiny_resnet', 'resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_l_32'], imageSize: 224, batchSize: 32, warmupBatches: 3, measuredBatches: 10, repetitions: 3 },
};

/** One thread (no intra-op pool) and every core: chained sessions may suffer from each other's spinning pools. */
function threadCounts(): number[] {
  return ALL_CORES > 1 ? [1, ALL_CORES] : [1];
}

export default defineExperiment<FusedCell>({
  name: 'fused-vs-per-block',
  figure: 'micro-seq-vs-merged',
  description: 'One fused ONNX Runtime session per execution unit vs one session per block (chained): per-batch inference and session creation.',
  moduleUrl: import.meta.url,
  columns: ['mode', 'metric', 'batchIndex', 'sessions', 'seconds'],
  grid(scale) {
    const c = SCALE_CONFIG[scale];
    return c.architectures.flatMap((architecture) => threadCounts().map((threads) => ({ architecture, imageSize: c.imageSize, batchSize: c.batchSize, threads })));
  },
  repetitions: (scale) => SCALE_CONFIG[scale].repetitions,
  reductions(scale) {
    const c = SCALE_CONFIG[scale];
    const out = [`CPU (ONNX Runtime), not an RTX A5000 GPU`];
    if (c.imageSize !== 224) out.push(`${c.imageSize} px inputs instead of 224`);
    if (scale === 'quick') out.push(`resnet18 / vit_b_32 stand in for the large models; batch ${c.batchSize}`);
    return out;
  },
  config: (scale) => ({ ...SCALE_CONFIG[scale], threads: threadCounts() }),
  async runCell(cell, ctx) {
    const c = SCALE_CONFIG[ctx.scale];
    const blocks = blocksAt(cell.architecture, cell.imageSize, ctx.seed);
    return measureFusedVsPerBlock({ blocks, batchSize: cell.batchSize, warmupBatches: c.warmupBatches, measuredBatches: c.measuredBatches, threads: cell.threads, logger: ctx.logger });
  },
});
