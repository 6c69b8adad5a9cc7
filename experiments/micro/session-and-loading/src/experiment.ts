/**
 * micro/session-and-loading: what preparing a model costs per architecture, against its weight bytes: reading its
 * blocks from the store (at the paper's 200 MB/s limit and unthrottled), lowering to ONNX, creating the session.
 */
import { join } from 'node:path';
import { defineExperiment } from '@alsatian/bench';
import type { Scale } from '@alsatian/bench';
import { blocksAt, PAPER_STORE_READ_BYTES_PER_SEC } from '@alsatian/exp-shared';
import { measureLoading } from './measure.ts';

export interface LoadingCell extends Record<string, string | number> {
  readonly architecture: string;
  readonly imageSize: number;
}

interface ScaleConfig {
  readonly architectures: readonly string[];
  readonly imageSize: number;
  readonly repetitions: number;
}

const ALL = ['mobilenet_v2', 'resnet18', 'resnet50', 'efficientnet_v2_s', 'resnet152', 'vit_b_32', 'efficientnet_v2_l', 'vit_l_32'];

export const SCALE_CONFIG: Readonly<Record<Scale, ScaleConfig>> = {
  quick: { architectures: ['mobilenet_v2', 'resnet18', 'resnet50', 'vit_b_32'], imageSize: 64, repetitions: 1 },
  small: { architectures: ALL, imageSize: 224, repetitions: 1 },
  paper: { architectures: ALL, imageSize: 224, repetitions: 3 },
};

export default defineExperiment<LoadingCell>({
  name: 'session-and-loading',
  figure: 'micro-loading',
  description: 'Model preparation cost per architecture vs weight bytes: store read (200 MB/s limit and unthrottled), ONNX lowering, session creation.',
  moduleUrl: import.meta.url,
  columns: ['stage', 'seconds', 'weightBytes', 'blocks', 'pageCache'],
  grid: (scale) => SCALE_CONFIG[scale].architectures.map((architecture) => ({ architecture, imageSize: SCALE_CONFIG[scale].imageSize })),
  repetitions: (scale) => SCALE_CONFIG[scale].repetitions,
  reductions(scale) {
    const c = SCALE_CONFIG[scale];
    const out = ['CPU session (ONNX Runtime), not PyTorch model.to(GPU)'];
    if (c.imageSize !== 224) out.push(`${c.imageSize} px inputs (only ViT's position embedding shrinks)`);
    if (scale === 'quick') out.push(`${c.architectures.length} mid-sized architectures, no ResNet-152 / EffNetV2-L / ViT-L-32`);
    return out;
  },
  config: (scale) => ({ ...SCALE_CONFIG[scale], readLimitBytesPerSec: PAPER_STORE_READ_BYTES_PER_SEC }),
  async runCell(cell, ctx) {
    const blocks = blocksAt(cell.architecture, cell.imageSize, ctx.seed);
    return measureLoading({
      architecture: cell.architecture,
      blocks,
      scratchDir: join(ctx.runDir, 'scratch'),
      readLimitBytesPerSec: PAPER_STORE_READ_BYTES_PER_SEC,
      logger: ctx.logger,
    });
  },
});
