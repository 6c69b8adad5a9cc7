import type { Batch, HostTensor, PreparedUnit } from '@alsatian/core';
import { IntegrityError, InvalidArgumentError } from '@alsatian/core';
import { rowOf } from '@alsatian/cache';
import type { InferStep, RowPlan } from '@alsatian/planner';
import { batchCount } from './batch-count.ts';
import type { InferContext } from './run-infer.ts';
import { emptyBatch, gatherRows, putRow } from './rows.ts';
import type { StoredFeatures } from './stored-features.ts';

export interface RowsContext extends InferContext {
  readonly features: StoredFeatures;
}

/**
 * Runs an infer step that a feature store shortens (`step.rows`): per batch of the range, the rows to compute go
 * through the unit as one smaller batch (ONNX Runtime's CPU kernels give each row the same bits whatever the batch:
 * tested), the rows to read come from the store, and the output batch is cached as a full batch of the range's
 * partition, so scoring sees the batches of a cold search. Computed rows are written to the store. The session is
 * prepared only if some row is computed. Returns the rows computed.
 */
export async function runInferRows(
  step: InferStep,
  session: () => Promise<PreparedUnit>,
  ctx: RowsContext,
): Promise<number> {
  const rows = step.rows!;
  const { cache, meter, features, batchSize } = ctx;
  const length = step.range.end - step.range.start;
  const computeBy = byBatch(rows.compute, batchSize);
  const readBy = byBatch(rows.read, batchSize);
  const raw = step.readsRawInput ? rawBatches(step, [...computeBy.keys()], ctx) : undefined;
  const node = step.unit.output;
  const tier = step.persistsOutput && ctx.featuresOnDisk ? ('disk' as const) : undefined;
  for (let batch = 0; batch < batchCount(step.range, batchSize); batch++) {
    const compute = computeBy.get(batch) ?? [];
    const read = readBy.get(batch) ?? [];
    if (compute.length + read.length === 0) continue; // nothing downstream needs this batch
    const first = batch * batchSize;
    const out = features.outputSpecs(node).map((spec) => emptyBatch(spec, Math.min(batchSize, length - first)));
    if (compute.length > 0) {
      const key = { node: step.unit.input, split: step.split, chunkStart: step.range.start, batch };
      const inputs = raw ? await nextRaw(raw, batch) : await meter.measure('cache', () => cache.get(key));
      const whole = compute.length === inputs[0].shape[0];
      const sub = whole
        ? inputs
        : inputs.map((t) =>
            gatherRows(
              t,
              compute.map((i) => i - first),
            ),
          );
      const prepared = await session();
      const result = await meter.measure('inference', () => prepared.run(sub));
      await meter.measure('cache', async () => {
        for (const [k, i] of compute.entries()) {
          out.forEach((t, o) => putRow(t, i - first, result[o], k));
          await features.write(node, step.split, step.range.start + i, rowOf(result, k));
        }
      });
    }
    await meter.measure('cache', async () => {
      const items = await Promise.all(read.map((i) => features.read(node, step.split, step.range.start + i)));
      items.forEach((tensors, k) => {
        if (tensors.length !== out.length) {
          throw new IntegrityError(`feature store: node ${node} has ${tensors.length} outputs, not ${out.length}`);
        }
        out.forEach((t, o) => putRow(t, read[k] - first, tensors[o]));
      });
      await cache.put({ node, split: step.split, chunkStart: step.range.start, batch }, out, { tier });
    });
  }
  return rows.compute.length;
}

function byBatch(rows: readonly number[], batchSize: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const i of rows) {
    const b = Math.floor(i / batchSize);
    (out.get(b) ?? out.set(b, []).get(b)!).push(i);
  }
  return out;
}

type RawBatches = AsyncIterator<RawBatch>;

/** Decodes only the batches with rows to compute, in order; consecutive ones in one pass so prefetch overlaps. */
type RawBatch = { batch: number; inputs: readonly HostTensor[] };

async function* rawGenerator(step: InferStep, batches: readonly number[], ctx: InferContext): AsyncGenerator<RawBatch> {
  const split = step.split === 'train' ? ctx.dataset.train : ctx.dataset.test;
  const bs = ctx.batchSize;
  for (let s = 0; s < batches.length;) {
    let e = s;
    while (e + 1 < batches.length && batches[e + 1] === batches[e] + 1) e++;
    const start = step.range.start + batches[s] * bs;
    const range = { start, end: Math.min(step.range.end, step.range.start + (batches[e] + 1) * bs) };
    const it = split.batches(range, { batchSize: bs })[Symbol.asyncIterator]();
    for (let b = batches[s]; b <= batches[e]; b++) {
      const next: IteratorResult<Batch> = await ctx.meter.measure('prepareData', () => it.next());
      if (next.done) throw new Error(`dataset ended before batch ${b} of ${step.split} [${range.start}, ${range.end})`);
      const expected = Math.min(bs, step.range.end - step.range.start - b * bs);
      if (next.value.labels.length !== expected) {
        const skipped = `${expected - next.value.labels.length} in ${step.split} batch ${b}`;
        throw new InvalidArgumentError(
          `A feature store keys outputs by item, so it cannot be used while items are skipped as bad (${skipped}); ` +
            'fix the dataset or search without --feature-store.',
        );
      }
      ctx.labels.record(step.split, step.range.start, b, next.value.labels);
      yield { batch: b, inputs: next.value.inputs };
    }
    await it.return?.();
    s = e + 1;
  }
}

function rawBatches(step: InferStep, batches: readonly number[], ctx: InferContext): RawBatches {
  return rawGenerator(step, batches, ctx);
}

async function nextRaw(raw: RawBatches, batch: number): Promise<readonly HostTensor[]> {
  const next = await raw.next();
  if (next.done || next.value.batch !== batch) {
    throw new Error(`raw batch ${batch} expected, the decoder gave ${next.done ? 'none' : next.value.batch}`);
  }
  return next.value.inputs;
}

export type { RowPlan };
