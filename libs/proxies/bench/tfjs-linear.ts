import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { FeatureBatch } from '@alsatian/core';
import type { LinearParams } from '@alsatian/proxies';

/**
 * The linear probe on @tensorflow/tfjs (wasm backend, SIMD, 1 thread): the candidate docs/DESIGN.md §8 names,
 * measured against our kernels by proxy.bench.ts. Gradients are written out by hand (softmax - onehot), which
 * is cheaper than tf.grad's tape for one layer, so tfjs is measured at its best.
 */
export async function useTfjsWasm(): Promise<string> {
  const dist = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'dist/',
  );
  setWasmPaths(dist);
  await tf.setBackend('wasm');
  await tf.ready();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `${tf.getBackend()} simd=${simd} threads=${threads}`;
}

export async function tfjsLinearProbe(
  train: readonly FeatureBatch[],
  test: readonly FeatureBatch[],
  classes: number,
  init: LinearParams,
  epochs: number,
  lr: number,
): Promise<{ accuracy: number; loss: number }> {
  const dim = init.weight.length / classes;
  const toTensors = (batches: readonly FeatureBatch[]) =>
    batches.map((b) => ({
      x: tf.tensor2d(b.features, [b.rows, dim]),
      y: tf.oneHot(tf.tensor1d(b.labels, 'int32'), classes).toFloat() as tf.Tensor2D,
      labels: b.labels,
    }));
  const trainT = toTensors(train);
  const testT = toTensors(test);
  // tfjs wants [dim, classes] for x @ w; transpose torch's layout once.
  const w = tf.variable(tf.transpose(tf.tensor2d(init.weight, [classes, dim])));
  const b = tf.variable(tf.tensor1d(init.bias));
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const { x, y } of trainT) {
      tf.tidy(() => {
        const p = tf.softmax(tf.add(tf.matMul(x, w), b));
        const g = tf.div(tf.sub(p, y), x.shape[0]);
        w.assign(tf.sub(w, tf.mul(tf.matMul(x, g, true, false), lr)));
        b.assign(tf.sub(b, tf.mul(tf.sum(g, 0), lr)));
      });
    }
  }
  let lossSum = 0,
    correct = 0,
    total = 0;
  for (const { x, y, labels } of testT) {
    const logits = tf.add(tf.matMul(x, w), b);
    const loss = tf.losses.softmaxCrossEntropy(y, logits);
    lossSum += (await loss.data())[0];
    const predicted = await tf.argMax(logits, 1).data();
    predicted.forEach((p, i) => (correct += p === labels[i] ? 1 : 0));
    total += labels.length;
    tf.dispose([logits, loss]);
  }
  tf.dispose([w, b, ...trainT.flatMap((t) => [t.x, t.y]), ...testT.flatMap((t) => [t.x, t.y])]);
  return { accuracy: correct / total, loss: lossSum / testT.length };
}
