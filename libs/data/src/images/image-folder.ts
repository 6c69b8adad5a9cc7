import { readFile } from 'node:fs/promises';
import { sha256Hex, type Split, type TensorSpec } from '@alsatian/core';
import type { ScannedFolder } from '../folder-scan.ts';
import type { ResolvedOptions } from '../options.ts';
import { itemOrder } from '../order.ts';
import { createTaskRunner } from '../pool.ts';
import type { SkipList } from '../skipped.ts';
import { allocateRows } from '../rows.ts';
import { createSplit, type OpenedDataset } from '../split.ts';
import type { ImageBatchResult } from '../worker/data-tasks.mjs';

/**
 * An image folder: files are decoded and transformed in the worker pool, only for the items of a range. One task per
 * batch: the batch tensor is allocated here, moved to a worker, filled row by row, and moved back, so items are
 * never copied between arrays and the pool gets one message per batch instead of one per item.
 */
export function openImageFolder(
  id: string,
  scan: ScannedFolder,
  options: ResolvedOptions,
  skipList: SkipList,
): OpenedDataset {
  const inputs: TensorSpec[] = [{ name: 'pixels', dtype: 'float32', shape: [3, options.imageSize, options.imageSize] }];
  const runner = createTaskRunner(options.workers);
  const split = (name: Split, scanned: ScannedFolder['train']) =>
    createSplit({
      name,
      inputs,
      naturalLabels: scanned.labels,
      order: itemOrder(scanned.labels, name, options.seed, options.perClass, options.logger, scan.classes),
      prefetch: options.prefetch,
      skipBad: options.skipBad,
      skip: (item) => skipList.add(item),
      recycle: options.recycleBatches,
      contentKey: async (natural) => sha256Hex(await readFile(scanned.files[natural])),
      async loadItems(naturals, signal, reuse) {
        const paths = Array.from(naturals, (natural) => scanned.files[natural]);
        // A reused array is fully overwritten: every row is either decoded into or, if its item failed, dropped.
        const out = (reuse?.[0] ?? allocateRows(inputs[0], paths.length)) as Float32Array;
        const task = {
          kind: 'images' as const,
          paths,
          imageSize: options.imageSize,
          resizeSize: options.resizeSize,
          out,
        };
        const result = (await runner.run(task, signal, [out.buffer as ArrayBuffer])) as ImageBatchResult;
        const failures = result.failures.map((f) => ({ index: f.index, file: paths[f.index], reason: f.reason }));
        return { tensors: [result.out], failures, decoded: result.decoded };
      },
    });
  return {
    id,
    classes: scan.classes,
    inputs,
    transformId: `image/v1:resize=${options.resizeSize},crop=${options.imageSize},imagenet-normalised`,
    train: split('train', scan.train),
    test: split('test', scan.test),
    skipped: () => skipList.list(),
    warmUp: () => runner.start(),
    close: () => runner.close(),
  };
}
