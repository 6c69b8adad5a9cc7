import type { Batch, Dataset, HostTensor, Meter, PreparedUnit, TensorSpec } from '@alsatian/core';
import type { IntermediateCache } from '@alsatian/cache';
import type { InferStep } from '@alsatian/planner';
import { batchCount } from './batch-count.ts';
import type { LabelBook } from './label-book.ts';

export interface InferContext {
  readonly dataset: Dataset;
  readonly cache: IntermediateCache;
  readonly meter: Meter;
  readonly batchSize: number;
  readonly featuresOnDisk: boolean;
  readonly labels: LabelBook;
}

/**
 * Runs one unit over one range: inputs come from raw data (decoded by the data lib's worker pool, which prefetches
 * so decoding overlaps inference) or from the input node's cached batches of exactly this range; every output
 * batch is cached under (output node, split, range start, batch index), the same partition for every unit.
 */
export async function runInferStep(step: InferStep, session: PreparedUnit, ctx: InferContext): Promise<number> {
  const { cache, meter } = ctx;
  const tier = step.persistsOutput && ctx.featuresOnDisk ? ('disk' as const) : undefined;
  let batch = 0;
  for await (const inputs of inputBatches(step, ctx)) {
    // A batch whose items were all skipped as bad (--skip-bad) has no rows: keep its slot with empty outputs.
    const outputs =
      inputs[0].shape[0] === 0
        ? session.outputs.map((o) => emptyRows(o))
        : await meter.measure('inference', () => session.run(inputs));
    await meter.measure('cache', () =>
      cache.put({ node: step.unit.output, split: step.split, chunkStart: step.range.start, batch }, outputs, { tier }),
    );
    batch++;
  }
  return batch;
}

async function* inputBatches(step: InferStep, ctx: InferContext): AsyncGenerator<readonly HostTensor[]> {
  const { meter } = ctx;
  if (step.readsRawInput) {
    const split = step.split === 'train' ? ctx.dataset.train : ctx.dataset.test;
    const it = split.batches(step.range, { batchSize: ctx.batchSize })[Symbol.asyncIterator]();
    let batch = 0;
    for (;;) {
      const next: IteratorResult<Batch> = await meter.measure('prepareData', () => it.next());
      if (next.done) return;
      ctx.labels.record(step.split, step.range.start, batch++, next.value.labels);
      yield next.value.inputs;
    }
  }
  const count = batchCount(step.range, ctx.batchSize);
  for (let batch = 0; batch < count; batch++) {
    const key = { node: step.unit.input, split: step.split, chunkStart: step.range.start, batch };
    yield await meter.measure('cache', () => ctx.cache.get(key));
  }
}

function emptyRows(spec: TensorSpec): HostTensor {
  return {
    dtype: spec.dtype,
    shape: [0, ...spec.shape],
    data: spec.dtype === 'float32' ? new Float32Array(0) : new BigInt64Array(0),
  };
}
