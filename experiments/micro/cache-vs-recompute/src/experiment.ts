/**
 * micro/cache-vs-recompute: is reading a cached intermediate cheaper than recomputing? Per block i, the time to
 * read block i's input batch from the intermediate cache's disk tier vs the inference time of the blocks from i on
 * (the reference's `layer_io_vs_compute_bound` analysis, measured here instead of assuming 1000 MB/s).
 */
import { join } from 'node:path';
import { defineExperiment } from '@alsatian/bench';
import type { Scale } from '@alsatian/bench';
import { blocksAt } from '@alsatian/exp-shared';
import { measureCacheVsRecompute } from './measure.ts';

export interface CacheCell extends Record<string, string | number> {
  readonly architecture: string;
  readonly imageSize: number;
  readonly batchSize: number;
}

interface ScaleConfig {
  readonly architectures: readonly string[];
  readonly imageSize: number;
  readonly batchSize: number;
  readonly warmupRuns: number;
  readonly runs: number;
  readonly repetitions: number;
}

const PAPER_ARCHITECTURES = ['resnet152', 'vit_l_32', 'efficientnet_v2_l'];

export const SCALE_CONFIG: Readonly<Record<Scale, ScaleConfig>> = {
  quick: { architectures: ['resnet50', 'vit_b_32', 'efficientnet_v2_s'], imageSize: 64, batchSize: 8, warmupRuns: 1, runs: 3, repetitions: 1 },
  small: { architectures: PAPER_ARCHITECTURES, imageSize: 224, batchSize: 32, warmupRuns: 2, runs: 5, repetitions: 1 },
  paper: { architectures: PAPER_ARCHITECTURES, imageSize: 224, batchSize: 32, warmupRuns: 3, runs: 5, repetitions: 3 },
};

export default defineExperiment<CacheCell>({
  name: 'cache-vs-recompute',
  figure: 'micro-layer-io-vs-compute',
  description: "Per block: reading its input from the cache's disk tier vs the inference time of the following blocks.",
  moduleUrl: import.meta.url,
  columns: ['block', 'kind', 'metric', 'seconds', 'bytes', 'pageCache'],
  grid: (scale) => SCALE_CONFIG[scale].architectures.map((architecture) => ({ architecture, imageSize: SCALE_CONFIG[scale].imageSize, batchSize: SCALE_CONFIG[scale].batchSize })),
  repetitions: (scale) => SCALE_CONFIG[scale].repetitions,
  reductions(scale) {
    const c = SCALE_CONFIG[scale];
    const out = ['CPU inference (ONNX Runtime) instead of an RTX A5000', "reads measured on this machine's disk, not assumed at 1000 MB/s"];
    if (c.imageSize !== 224) out.push(`${c.imageSize} px inputs, batch ${c.batchSize}`);
    if (scale === 'quick') out.push('ResNet-50 / ViT-B-32 / EffNetV2-S instead of ResNet-152 / ViT-L-32 / EffNetV2-L');
    return out;
  },
  config: (scale) => ({ ...SCALE_CONFIG[scale] }),
  async runCell(cell, ctx) {
    const c = SCALE_CONFIG[ctx.scale];
    const blocks = blocksAt(cell.architecture, cell.imageSize, ctx.seed);
    return measureCacheVsRecompute({ blocks, batchSize: cell.batchSize, warmupRuns: c.warmupRuns, runs: c.runs, scratchDir: join(ctx.runDir, 'scratch', cell.architecture), logger: ctx.logger });
  },
});
