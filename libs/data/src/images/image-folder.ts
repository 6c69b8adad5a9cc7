import type { TensorSpec } from '@alsatian/core';
import type { ScannedFolder } from '../folder-scan.ts';
import type { ResolvedOptions } from '../options.ts';
import { itemOrder } from '../order.ts';
import { createTaskRunner } from '../pool.ts';
import type { SkipList } from '../skipped.ts';
import { createSplit, type OpenedDataset, type ItemResult } from '../split.ts';

/** An image folder: files are decoded and transformed in the worker pool, only for the items of a range. */
export function openImageFolder(id: string, scan: ScannedFolder, options: ResolvedOptions, skipList: SkipList): OpenedDataset {
  const inputs: TensorSpec[] = [{ name: 'pixels', dtype: 'float32', shape: [3, options.imageSize, options.imageSize] }];
  const runner = createTaskRunner(options.workers);
  const split = (name: 'train' | 'test', scanned: ScannedFolder['train']) =>
    createSplit({
      name,
      inputs,
      naturalLabels: scanned.labels,
      order: itemOrder(scanned.labels, name, options.seed, options.perClass, options.logger, scan.classes),
      prefetch: options.prefetch,
      skipBad: options.skipBad,
      skip: (item) => skipList.add(item),
      async loadItem(natural, signal): Promise<ItemResult> {
        const file = scanned.files[natural];
        const result = await runner.run({ kind: 'image', path: file, imageSize: options.imageSize, resizeSize: options.resizeSize }, signal);
        if (result instanceof Float32Array) return { ok: true, tensors: [result] };
        return { ok: false, file, reason: 'reason' in result ? result.reason : 'no pixels returned' };
      },
    });
  return {
    id,
    classes: scan.classes,
    inputs,
    train: split('train', scan.train),
    test: split('test', scan.test),
    skipped: () => skipList.list(),
    close: () => runner.close(),
  };
}
