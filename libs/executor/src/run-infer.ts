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

/** The input batches of an infer step, in order; `close` ends them early (pending decodes are dropped). */
export interface StepInputs extends AsyncIterable<readonly HostTensor[]> {
  close(): Promise<void>;
}

/**
 * Opens an infer step's inputs. Raw data starts decoding at once on the data lib's worker pool, unmetered, so the
 * first batches decode while the step's session is prepared (which leaves cores idle); the time the step then
 * waits for a batch is "prepare data". Cached inputs are read as the step pulls them.
 */
export function openStepInputs(step: InferStep, ctx: InferContext): StepInputs {
  if (!step.readsRawInput) return { [Symbol.asyncIterator]: () => cachedBatches(step, ctx), close: async () => {} };
  const split = step.split === 'train' ? ctx.dataset.train : ctx.dataset.test;
  const it = split.batches(step.range, { batchSize: ctx.batchSize })[Symbol.asyncIterator]();
  const first = it.next();
  first.catch(() => undefined); // a failed decode is reported when the step awaits it
  return {
    [Symbol.asyncIterator]: () => rawBatches(step, ctx, it, first),
    async close() {
      await first.catch(() => undefined);
      await it.return?.();
    },
  };
}

/**
 * Runs one unit over one range: inputs come from raw data (decoded by the data lib's worker pool, which prefetches
 * so decoding overlaps inference) or from the input node's cached batches of exactly this range; every output
 * batch is cached under (output node, split, range start, batch index), the same partition for every unit.
 */
export async function runInferStep(
  step: InferStep,
  session: PreparedUnit,
  ctx: InferContext,
  stepInputs: StepInputs,
): Promise<number> {
  const { cache, meter } = ctx;
  const tier = step.persistsOutput && ctx.featuresOnDisk ? ('disk' as const) : undefined;
  let batch = 0;
  for await (const inputs of stepInputs) {
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

async function* rawBatches(
  step: InferStep,
  ctx: InferContext,
  it: AsyncIterator<Batch>,
  first: Promise<IteratorResult<Batch>>,
): AsyncGenerator<readonly HostTensor[]> {
  let pending: Promise<IteratorResult<Batch>> | undefined = first;
  for (let batch = 0; ; batch++) {
    const next: IteratorResult<Batch> = await ctx.meter.measure('prepareData', () => pending ?? it.next());
    pending = undefined;
    if (next.done) return;
    ctx.labels.record(step.split, step.range.start, batch, next.value.labels);
    yield next.value.inputs;
  }
}

async function* cachedBatches(step: InferStep, ctx: InferContext): AsyncGenerator<readonly HostTensor[]> {
  const count = batchCount(step.range, ctx.batchSize);
  for (let batch = 0; batch < count; batch++) {
    const key = { node: step.unit.input, split: step.split, chunkStart: step.range.start, batch };
    yield await ctx.meter.measure('cache', () => ctx.cache.get(key));
  }
}

function emptyRows(spec: TensorSpec): HostTensor {
  return {
    dtype: spec.dtype,
    shape: [0, ...spec.shape],
    data: spec.dtype === 'float32' ? new Float32Array(0) : new BigInt64Array(0),
  };
}
