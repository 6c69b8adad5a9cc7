import type { Logger } from '@alsatian/core';
import { dropPageCache } from '@alsatian/bench';
import type { CacheDropResult, Row } from '@alsatian/bench';
import { openDataset } from '@alsatian/data';
import { readTensorBatches } from './sources.ts';
import type { SourceName } from './sources.ts';

export interface LoadingOptions {
  readonly source: SourceName;
  /** The JPEG folder (jpeg-folder) or tensor file (tensor-file). */
  readonly path: string;
  readonly imageSize: number;
  readonly workers: number;
  readonly batchSizes: readonly number[];
  readonly logger: Logger;
  /** Replaces the page-cache dropper (tests). */
  readonly dropCache?: () => Promise<CacheDropResult>;
}

/**
 * For each batch size: empties the page cache, then iterates every item of the source in batches, with nothing
 * consuming them (the reference's data-loading experiment without simulated inference). Rows: the whole pass, the
 * wait for the first batch and the batches after it, with items and the page-cache state.
 */
export async function measureDataLoading(options: LoadingOptions): Promise<Row[]> {
  const dropCache = options.dropCache ?? dropPageCache;
  const rows: Row[] = [];
  for (const batchSize of options.batchSizes) {
    const drop = await dropCache();
    if (!drop.dropped)
      options.logger.warn(`data-loading: page cache not dropped (${drop.reason}); reads may come from memory`);
    const { items, batches, firstItems, firstSeconds, totalSeconds } = await timeSource(options, batchSize);
    const base = { batchSize, items, batches, pageCache: drop.dropped ? 'dropped' : 'warm' };
    rows.push({ ...base, metric: 'total', seconds: totalSeconds, imagesPerSecond: items / totalSeconds });
    rows.push({ ...base, metric: 'firstBatch', seconds: firstSeconds, imagesPerSecond: null });
    // Steady state: the batches after the first, without the pool start and pipeline fill.
    if (batches > 1)
      rows.push({
        ...base,
        metric: 'afterFirstBatch',
        seconds: totalSeconds - firstSeconds,
        imagesPerSecond: (items - firstItems) / (totalSeconds - firstSeconds),
      });
  }
  return rows;
}

async function timeSource(options: LoadingOptions, batchSize: number) {
  let items = 0;
  let batches = 0;
  let firstSeconds = 0;
  let firstItems = 0;
  const t0 = performance.now();
  const seen = (count: number) => {
    if (batches === 0) {
      firstSeconds = (performance.now() - t0) / 1000;
      firstItems = count;
    }
    items += count;
    batches++;
  };
  if (options.source === 'jpeg-folder') {
    const dataset = await openDataset(options.path, { imageSize: options.imageSize, workers: options.workers });
    try {
      for await (const batch of dataset.train.batches({ start: 0, end: dataset.train.length }, { batchSize }))
        seen(batch.labels.length);
    } finally {
      await dataset.close();
    }
  } else {
    const itemFloats = 3 * options.imageSize * options.imageSize;
    for await (const data of readTensorBatches(options.path, batchSize, options.workers))
      seen(data.length / itemFloats);
  }
  return { items, batches, firstItems, firstSeconds, totalSeconds: (performance.now() - t0) / 1000 };
}
