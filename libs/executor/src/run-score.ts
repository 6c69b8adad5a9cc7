import type { Dataset, FeatureBatch, ItemRange, Meter, Proxy, ProxyScore, Split } from '@alsatian/core';
import type { IntermediateCache } from '@alsatian/cache';
import type { ScoreStep } from '@alsatian/planner';
import { batchCount } from './batch-count.ts';
import type { LabelBook } from './label-book.ts';

export interface ScoreContext {
  readonly dataset: Dataset;
  readonly cache: IntermediateCache;
  readonly meter: Meter;
  readonly proxy: Proxy;
  readonly batchSize: number;
  readonly seed: number;
  readonly deterministic: boolean;
  readonly labels: LabelBook;
}

/**
 * Scores a node's features with the proxy. The features of every piece listed by the step (cumulative over SH
 * iterations, in order) are read back batch by batch, each cached batch one proxy mini-batch, with the labels of
 * the same items; so the batches, and therefore the scores, do not depend on how the work was planned.
 */
export async function runScoreStep(step: ScoreStep, ctx: ScoreContext): Promise<ProxyScore> {
  const train = await featureBatches(step.node, 'train', step.train, ctx);
  const test = await featureBatches(step.node, 'test', step.test, ctx);
  return ctx.meter.measure('proxy', () =>
    ctx.proxy.score({
      train,
      test,
      numClasses: ctx.dataset.classes.length,
      seed: ctx.seed,
      deterministic: ctx.deterministic,
    }),
  );
}

async function featureBatches(
  node: string,
  split: Split,
  pieces: readonly ItemRange[],
  ctx: ScoreContext,
): Promise<FeatureBatch[]> {
  const out: FeatureBatch[] = [];
  for (const piece of pieces) {
    for (let batch = 0; batch < batchCount(piece, ctx.batchSize); batch++) {
      const [features] = await ctx.meter.measure('cache', () =>
        ctx.cache.get({ node, split, chunkStart: piece.start, batch }),
      );
      const labels = ctx.labels.get(split, piece.start, batch, piece.end);
      const rows = features.shape[0];
      if (rows !== labels.length)
        throw new Error(
          `cached features of node ${node} (${split}, chunk ${piece.start}, batch ${batch}) have ${rows} ` +
            `rows but ${labels.length} labels`,
        );
      if (rows > 0)
        out.push({ features: features.data as Float32Array, rows, dim: features.data.length / rows, labels });
    }
  }
  return out;
}
