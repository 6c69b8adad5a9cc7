import { canonicalJson, sha256Hex, type Json, type Split, type TensorSpec } from '@alsatian/core';
import type { ResolvedOptions } from '../options.ts';
import { itemOrder } from '../order.ts';
import { createTaskRunner } from '../pool.ts';
import { SkipList } from '../skipped.ts';
import type { SyntheticImageSpec } from '../spec.ts';
import { perItem } from '../rows.ts';
import { createSplit, type OpenedDataset } from '../split.ts';
import { classStyles, syntheticClassNames, syntheticItemParams, syntheticLabel } from './synthetic-style.ts';

/** In-memory synthetic images: nothing is written; each item is rendered (in the worker pool) when a batch needs it. */
export function openSyntheticImages(id: string, spec: SyntheticImageSpec, options: ResolvedOptions): OpenedDataset {
  const classes = syntheticClassNames(spec.classes);
  const styles = classStyles(spec.seed, spec.classes);
  const inputs: TensorSpec[] = [{ name: 'pixels', dtype: 'float32', shape: [3, spec.size, spec.size] }];
  const runner = createTaskRunner(options.workers);
  const skipList = new SkipList(options.logger);
  const split = (name: Split, count: number) => {
    const naturalLabels = Int32Array.from({ length: count }, (_, i) => syntheticLabel(i, spec.classes));
    return createSplit({
      name,
      inputs,
      naturalLabels,
      order: itemOrder(naturalLabels, name, options.seed, options.perClass, options.logger, classes),
      prefetch: options.prefetch,
      recycle: false,
      skipBad: options.skipBad,
      skip: (item) => skipList.add(item),
      // An item is a pure function of its render parameters, so they identify its content.
      contentKey: async (natural) => {
        const params = syntheticItemParams(spec.seed, name, natural, spec.size, styles);
        return sha256Hex('synthetic-image/v1', canonicalJson(params as unknown as Json));
      },
      loadItems: perItem(inputs, async (natural, signal) => {
        const params = syntheticItemParams(spec.seed, name, natural, spec.size, styles);
        const result = await runner.run({ kind: 'synthetic', params }, signal);
        if (!(result instanceof Float32Array))
          throw new Error(`synthetic render of ${name}[${natural}] returned no pixels`);
        return { ok: true, tensors: [result] };
      }),
    });
  };
  return {
    id,
    classes,
    inputs,
    transformId: 'synthetic-image/v1',
    train: split('train', spec.train),
    test: split('test', spec.test),
    skipped: () => skipList.list(),
    warmUp: () => runner.start(),
    close: () => runner.close(),
  };
}
