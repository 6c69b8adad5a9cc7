/**
 * The reference's data-loading side experiment (reference section 6, 140 committed result files): total wait for
 * 11 batches without simulated inference, on a 64-core Threadripper with PyTorch DataLoader workers.
 */
export interface ReferenceLoading {
  readonly source: 'jpeg-folder' | 'tensor-file';
  readonly batchSize: number;
  readonly workers: number;
  /** Seconds for 11 batches. */
  readonly seconds: number;
}

export const REFERENCE_LOADING: readonly ReferenceLoading[] = [
  { source: 'jpeg-folder', batchSize: 128, workers: 1, seconds: 5.1 },
  { source: 'jpeg-folder', batchSize: 128, workers: 8, seconds: 1.1 },
  { source: 'jpeg-folder', batchSize: 128, workers: 64, seconds: 2.1 },
  { source: 'jpeg-folder', batchSize: 1024, workers: 1, seconds: 32.1 },
  { source: 'jpeg-folder', batchSize: 1024, workers: 32, seconds: 4.9 },
  { source: 'tensor-file', batchSize: 1024, workers: 8, seconds: 1.2 },
];

/** First-batch latency (JPEG, seconds) by batch size. */
export const REFERENCE_FIRST_BATCH: readonly { batchSize: number; seconds: number }[] = [
  { batchSize: 128, seconds: 0.53 },
  { batchSize: 1024, seconds: 3.8 },
];

export function referenceImagesPerSecond(r: ReferenceLoading): number {
  return (11 * r.batchSize) / r.seconds;
}
