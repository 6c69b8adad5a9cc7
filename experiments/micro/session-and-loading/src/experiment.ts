/**
 * micro/session-and-loading: what preparing a model costs per architecture, against its weight bytes: reading its
 * blocks from the store (at the paper's 200 MB/s limit and unthrottled), lowering to ONNX, creating the session.
 */
import { join } from 'node:path';
import type { Scales } from '@alsatian/bench';
import { blocksAt, defineExperiment, PAPER_STORE_READ_BYTES_PER_SEC } from '@alsatian/exp-shared';
import { loadingCharts } from './charts.ts';
import { measureLoading } from './measure.ts';
import { loadingReport } from './report.ts';

export interface LoadingCell extends Record<string, string | number> {
  readonly architecture: string;
  readonly imageSize: number;
}

export interface LoadingSettings {
  readonly architectures: readonly string[];
  readonly imageSize: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

const ALL = [
  'mobilenet_v2',
  'resnet18',
  'resnet50',
  'efficientnet_v2_s',
  'resnet152',
  'vit_b_32',
  'efficientnet_v2_l',
  'vit_l_32',
];

export const LOADING_SCALES: Scales<LoadingSettings> = {
  quick: {
    architectures: ['mobilenet_v2', 'resnet18', 'resnet50', 'vit_b_32'],
    imageSize: 64,
    repetitions: 1,
    reductions: [
      "64 px inputs (only ViT's position embedding shrinks)",
      '4 mid-sized architectures, no ResNet-152 / EffNetV2-L / ViT-L-32',
    ],
  },
  small: { architectures: ALL, imageSize: 224, repetitions: 1, reductions: [] },
  paper: { architectures: ALL, imageSize: 224, repetitions: 3, reductions: [] },
};

export default defineExperiment<LoadingCell, LoadingSettings>({
  name: 'session-and-loading',
  figure: 'micro-loading',
  title: 'Micro-benchmark: store read, lowering and session creation per architecture',
  description:
    'Model preparation cost per architecture vs weight bytes: store read (200 MB/s limit and unthrottled), ' +
    'ONNX lowering, session creation.',
  columns: ['stage', 'seconds', 'weightBytes', 'blocks', 'pageCache'],
  scales: LOADING_SCALES,
  grid: (s) => s.architectures.map((architecture) => ({ architecture, imageSize: s.imageSize })),
  provenance: () => ({
    models: { kind: 'synthetic', what: 'seeded randomly initialised blocks written to a fresh store per cell' },
  }),
  charts: loadingCharts,
  report: loadingReport,
  async runCell(cell, ctx) {
    const blocks = blocksAt(cell.architecture, cell.imageSize, ctx.seed);
    return measureLoading({
      architecture: cell.architecture,
      blocks,
      scratchDir: join(ctx.runDir, 'scratch'),
      readLimitBytesPerSec: PAPER_STORE_READ_BYTES_PER_SEC,
      ep: ctx.ep,
      logger: ctx.logger,
    });
  },
});
