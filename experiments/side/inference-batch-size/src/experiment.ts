/**
 * side/inference-batch-size: inference time per item vs batch size per architecture (the reference's
 * `opt_parameters/inf_times` side experiment), one fused session per architecture on this machine's CPU.
 */
import type { Scales } from '@alsatian/bench';
import { blocksAt, defineExperiment } from '@alsatian/exp-shared';
import { batchCharts } from './charts.ts';
import { measureBatchSweep } from './measure.ts';
import { batchReport } from './report.ts';

export interface BatchCell extends Record<string, string | number> {
  readonly architecture: string;
  readonly imageSize: number;
}

export interface BatchSettings {
  readonly architectures: readonly string[];
  readonly imageSize: number;
  readonly batchSizes: readonly number[];
  readonly warmupBatches: number;
  readonly batches: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

const PAPER_ARCHITECTURES = [
  'resnet18',
  'resnet34',
  'resnet50',
  'resnet101',
  'resnet152',
  'mobilenet_v2',
  'efficientnet_v2_s',
  'efficientnet_v2_l',
  'vit_b_16',
  'vit_b_32',
  'vit_l_16',
  'vit_l_32',
];

const reduced = (s: Omit<BatchSettings, 'reductions'>): BatchSettings => ({
  ...s,
  reductions:
    s.architectures === PAPER_ARCHITECTURES
      ? []
      : [
          ...(s.imageSize === 224 ? [] : [`${s.imageSize} px inputs`]),
          `batch sizes ${s.batchSizes.join(', ')} instead of 32 to 1024; ${s.architectures.length} of 12 ` +
            `architectures; ${s.batches} timed batches`,
        ],
});

export const BATCH_SCALES: Scales<BatchSettings> = {
  quick: reduced({
    architectures: ['mobilenet_v2', 'resnet18', 'resnet50', 'vit_b_32'],
    imageSize: 64,
    batchSizes: [1, 4, 16, 64],
    warmupBatches: 1,
    batches: 3,
    repetitions: 1,
  }),
  small: reduced({
    architectures: ['mobilenet_v2', 'resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_b_32'],
    imageSize: 224,
    batchSizes: [1, 8, 32, 64],
    warmupBatches: 1,
    batches: 3,
    repetitions: 1,
  }),
  paper: reduced({
    architectures: PAPER_ARCHITECTURES,
    imageSize: 224,
    batchSizes: [32, 64, 128, 256, 512, 1024],
    warmupBatches: 2,
    batches: 5,
    repetitions: 1,
  }),
};

export default defineExperiment<BatchCell, BatchSettings>({
  name: 'inference-batch-size',
  figure: 'side-inf-times',
  title: 'Side experiment: inference time per item vs batch size',
  description: 'Inference time per item vs batch size per architecture (one fused ONNX Runtime session).',
  columns: ['batchSize', 'batchIndex', 'seconds', 'msPerItem', 'threads'],
  scales: BATCH_SCALES,
  grid: (s) => s.architectures.map((architecture) => ({ architecture, imageSize: s.imageSize })),
  provenance: () => ({
    models: { kind: 'synthetic', what: 'seeded randomly initialised feature extractors' },
    dataset: { kind: 'synthetic', what: 'a deterministic input batch' },
  }),
  async runCell(cell, ctx) {
    const blocks = blocksAt(cell.architecture, cell.imageSize, ctx.seed);
    return measureBatchSweep({
      blocks,
      batchSizes: ctx.settings.batchSizes,
      warmupBatches: ctx.settings.warmupBatches,
      batches: ctx.settings.batches,
      ep: ctx.ep,
      logger: ctx.logger,
    });
  },
  charts: batchCharts,
  report: batchReport,
});
