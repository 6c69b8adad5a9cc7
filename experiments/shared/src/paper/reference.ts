/**
 * The reference repository's side experiments and micro-benchmarks (reference sections 6 and 7), which the paper
 * does not print but its code measured: data loading, inference time vs batch size, merged vs sequential models,
 * reading an intermediate vs recomputing it, and the back-of-envelope model-loading numbers.
 */

/** Data loading (PyTorch DataLoader, 64-core Threadripper): total wait for 11 batches, seconds. */
export const REFERENCE_DATA_LOADING: readonly {
  source: 'jpeg-folder' | 'tensor-file';
  batchSize: number;
  workers: number;
  seconds: number;
}[] = [
  { source: 'jpeg-folder', batchSize: 128, workers: 1, seconds: 5.1 },
  { source: 'jpeg-folder', batchSize: 128, workers: 8, seconds: 1.1 },
  { source: 'jpeg-folder', batchSize: 128, workers: 64, seconds: 2.1 },
  { source: 'jpeg-folder', batchSize: 1024, workers: 1, seconds: 32.1 },
  { source: 'jpeg-folder', batchSize: 1024, workers: 32, seconds: 4.9 },
  { source: 'tensor-file', batchSize: 1024, workers: 8, seconds: 1.2 },
];

/** Batches each data-loading measurement waited for. */
export const REFERENCE_DATA_LOADING_BATCHES = 11;

/** First-batch latency of the JPEG folder by batch size, seconds. */
export const REFERENCE_FIRST_BATCH: readonly { batchSize: number; seconds: number }[] = [
  { batchSize: 128, seconds: 0.53 },
  { batchSize: 1024, seconds: 3.8 },
];

/** Inference time vs batch size: the reference publishes its conclusion, not numbers. */
export const REFERENCE_INFERENCE_BATCH = {
  batchSizes: [32, 64, 128, 256, 512, 1024],
  models: 12,
  transformerOptimum: 256,
} as const;

/** Sub-models run one after another vs one merged model, ms per batch (PyTorch on one GPU stream). */
export const REFERENCE_SEQ_VS_MERGED = [
  { model: 'large model', sequentialMs: 14.18, mergedMs: 14.26 },
  { model: 'tiny model', sequentialMs: 0.0106, mergedMs: 0.0189 },
] as const;

/** Reading a block's input at an assumed rate vs the following blocks' GPU inference (batch 32). */
export const REFERENCE_LAYER_IO = {
  assumedReadMBps: 1000,
  counts: {
    resnet152: {
      blocks: 54,
      summary: '11, 21, then 54 (all remaining) for most blocks; 29-30 in the middle of layer3',
    },
    vit_l_32: { blocks: 26, summary: '6, 2, 2, 2, 1, 1, ... and 26 at the end' },
    efficientnet_v2_l: { blocks: 49, summary: '48-49 early, 1-6 in the middle' },
  } as Readonly<Record<string, { readonly blocks: number; readonly summary: string }>>,
} as const;

/** The back-of-envelope loading model: HDD and SSD rates and model sizes, MB and MB/s. */
export const REFERENCE_LOADING_BOE = { hddMBps: 120, ssdMBps: 1100, fullModelMB: 240, partialModelMB: 19 } as const;
