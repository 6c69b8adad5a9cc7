/**
 * side/inference-batch-size: inference time per item vs batch size per architecture (the reference's
 * `opt_parameters/inf_times` side experiment), one fused session per architecture on this machine's CPU.
 */
import { defineExperiment } from '@alsatian/bench';
import type { Scale } from '@alsatian/bench';
import { blocksAt } from '@alsatian/exp-shared';
import { measureBatchSweep } from './measure.ts';

export interface BatchCell extends Record<string, string | number> {
  readonly architecture: string;
  readonly imageSize: number;
}

interface ScaleConfig {
  readonly architectures: readonly string[];
  readonly imageSize: number;
  readonly batchSizes: readonly number[];
  readonly warmupBatches: number;
  readonly batches: number;
  readonly repetitions: number;
}

const PAPER_ARCHITECTURES = ['resnet18', 'resnet34', 'resnet50', 'resnet101', 'resnet152', 'mobilenet_v2', 'efficientnet_v2_s', 'efficientnet_v2_l', 'vit_b_16', 'vit_b_32', 'vit_l_16', 'vit_l_32'];

export const SCALE_CONFIG: Readonly<Record<Scale, ScaleConfig>> = {
  quick: { architectures: ['mobilenet_v2', 'resnet18', 'resnet50', 'vit_b_32'], imageSize: 64, batchSizes: [1, 4, 16, 64], warmupBatches: 1, batches: 3, repetitions: 1 },
  small: { architectures: ['mobilenet_v2', 'resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_b_32', 'vit_l_32'], imageSize: 224, batchSizes: [1, 8, 32, 128], warmupBatches: 1, batches: 3, repetitions: 1 },
  paper: { architectures: PAPER_ARCHITECTURES, imageSize: 224, batchSizes: [32, 64, 128, 256, 512, 1024], warmupBatches: 2, batches: 5, repetitions: 1 },
};

export default defineExperiment<BatchCell>({
  name: 'inference-batch-size',
  figure: 'side-inf-times',
  description: 'Inference time per item vs batch size per architecture (one fused ONNX Runtime session on the CPU).',
  moduleUrl: import.meta.url,
  columns: ['batchSize', 'batchIndex', 'seconds', 'msPerItem', 'threads'],
  grid: (scale) => SCALE_CONFIG[scale].architectures.map((architecture) => ({ architecture, imageSize: SCALE_CONFIG[scale].imageSize })),
  repetitions: (scale) => SCALE_CONFIG[scale].repetitions,
  reductions(scale) {
    const c = SCALE_CONFIG[scale];
    const out = ['CPU (ONNX Runtime) instead of an RTX A5000'];
    if (c.imageSize !== 224) out.push(`${c.imageSize} px inputs`);
    if (scale !== 'paper') out.push(`batch sizes ${c.batchSizes.join(', ')} instead of 32 to 1024; ${c.architectures.length} of 12 architectures; ${c.batches} timed batches`);
    return out;
  },
  config: (scale) => ({ ...SCALE_CONFIG[scale] }),
  async runCell(cell, ctx) {
    const c = SCALE_CONFIG[ctx.scale];
    const blocks = blocksAt(cell.architecture, cell.imageSize, ctx.seed);
    return measureBatchSweep({ blocks, batchSizes: c.batchSizes, warmupBatches: c.warmupBatches, batches: c.batches, logger: ctx.logger });
  },
});
