import type { FeatureBatch } from '@alsatian/core';
import { largestBatch } from '../features.ts';
import type { LinearParams } from './init.ts';
import { applySgdUpdate, crossEntropyGradInPlace, evaluateLogits, forwardLogits } from './ts-kernels.ts';

/**
 * Trains `params` in place with the reference's schedule: `epochs` passes over the train batches in the given
 * order (no shuffling), one plain SGD step (no momentum, no decay) on the mean cross-entropy per batch.
 * Batches of any size work, including 1 (the reference's squeeze() broke on those). Empty batches are skipped.
 */
export function trainLinearProbe(
  train: readonly FeatureBatch[],
  classes: number,
  params: LinearParams,
  epochs: number,
  lr: number,
): void {
  const maxRows = largestBatch(train);
  const grad = new Float64Array(maxRows * classes);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const b of train) {
      if (b.rows === 0) continue;
      forwardLogits(b.features, b.rows, b.dim, params.weight, params.bias, classes, grad);
      crossEntropyGradInPlace(grad, b.labels, b.rows, classes);
      applySgdUpdate(b.features, b.rows, b.dim, grad, classes, lr, params.weight, params.bias);
    }
  }
}

/** The reference's evaluation: loss = mean over test batches of each batch's mean cross-entropy; top-1 accuracy. */
export function evaluateLinearProbe(
  test: readonly FeatureBatch[],
  classes: number,
  params: LinearParams,
): { accuracy: number; loss: number } {
  const maxRows = largestBatch(test);
  const logits = new Float64Array(maxRows * classes);
  let lossSum = 0,
    batches = 0,
    correct = 0,
    total = 0;
  for (const b of test) {
    if (b.rows === 0) continue;
    forwardLogits(b.features, b.rows, b.dim, params.weight, params.bias, classes, logits);
    const r = evaluateLogits(logits, b.labels, b.rows, classes);
    lossSum += r.loss;
    batches++;
    correct += r.correct;
    total += b.rows;
  }
  return { accuracy: correct / total, loss: lossSum / batches };
}
