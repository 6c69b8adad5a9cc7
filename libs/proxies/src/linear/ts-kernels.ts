/**
 * Plain-TypeScript kernels of the linear probe: forward logits, softmax cross-entropy, one SGD step.
 *
 * Layout follows torch.nn.Linear: weight is `classes x dim` row-major, bias has `classes` entries, features are
 * `rows x dim` row-major. Sums run in float64 (JS numbers) and parameters are stored as float32, as torch stores
 * them. The loops are register-blocked (2 rows x 4 classes in the forward pass, 4 classes x 2 dims in the
 * backward pass) so each loaded number feeds several multiply-adds; out-of-range lanes are clamped to the last
 * valid index (computed twice, written once) so there is a single code path for any shape.
 */

/** logits[r * classes + c] = bias[c] + sum_d x[r, d] * weight[c, d]. */
export function forwardLogits(
  x: Float32Array,
  rows: number,
  dim: number,
  weight: Float32Array,
  bias: Float32Array,
  classes: number,
  logits: Float64Array,
): void {
  for (let r0 = 0; r0 < rows; r0 += 2) {
    const r1 = r0 + 1 < rows ? r0 + 1 : r0;
    const xa = r0 * dim;
    const xb = r1 * dim;
    for (let c0 = 0; c0 < classes; c0 += 4) {
      const last = classes - 1;
      const c1 = c0 + 1 < classes ? c0 + 1 : last;
      const c2 = c0 + 2 < classes ? c0 + 2 : last;
      const c3 = c0 + 3 < classes ? c0 + 3 : last;
      const w0 = c0 * dim,
        w1 = c1 * dim,
        w2 = c2 * dim,
        w3 = c3 * dim;
      let a0 = 0,
        a1 = 0,
        a2 = 0,
        a3 = 0,
        b0 = 0,
        b1 = 0,
        b2 = 0,
        b3 = 0;
      for (let d = 0; d < dim; d++) {
        const u = x[xa + d],
          v = x[xb + d];
        const p0 = weight[w0 + d],
          p1 = weight[w1 + d],
          p2 = weight[w2 + d],
          p3 = weight[w3 + d];
        a0 += u * p0;
        a1 += u * p1;
        a2 += u * p2;
        a3 += u * p3;
        b0 += v * p0;
        b1 += v * p1;
        b2 += v * p2;
        b3 += v * p3;
      }
      const la = r0 * classes,
        lb = r1 * classes;
      logits[la + c0] = a0 + bias[c0];
      logits[lb + c0] = b0 + bias[c0];
      if (c0 + 1 < classes) {
        logits[la + c1] = a1 + bias[c1];
        logits[lb + c1] = b1 + bias[c1];
      }
      if (c0 + 2 < classes) {
        logits[la + c2] = a2 + bias[c2];
        logits[lb + c2] = b2 + bias[c2];
      }
      if (c0 + 3 < classes) {
        logits[la + c3] = a3 + bias[c3];
        logits[lb + c3] = b3 + bias[c3];
      }
    }
  }
}

/**
 * Turns logits into d(mean CE)/d(logits) in place ((softmax - onehot) / rows) and returns the mean
 * cross-entropy. Uses the max-shifted log-sum-exp, as torch does, so large logits do not overflow.
 */
export function crossEntropyGradInPlace(
  logits: Float64Array,
  labels: Int32Array,
  rows: number,
  classes: number,
): number {
  let lossSum = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) if (logits[o + c] > max) max = logits[o + c];
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp(logits[o + c] - max);
      logits[o + c] = e;
      sum += e;
    }
    const label = labels[r];
    lossSum += Math.log(sum) - Math.log(logits[o + label]);
    for (let c = 0; c < classes; c++) logits[o + c] = logits[o + c] / sum / rows;
    logits[o + label] -= 1 / rows;
  }
  return lossSum / rows;
}

/** Mean cross-entropy and number of correct argmax predictions (first maximum wins, as torch.argmax). */
export function evaluateLogits(
  logits: Float64Array,
  labels: Int32Array,
  rows: number,
  classes: number,
): { loss: number; correct: number } {
  let lossSum = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    let max = -Infinity;
    let arg = 0;
    for (let c = 0; c < classes; c++)
      if (logits[o + c] > max) {
        max = logits[o + c];
        arg = c;
      }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[o + c] - max);
    lossSum += Math.log(sum) + max - logits[o + labels[r]];
    if (arg === labels[r]) correct++;
  }
  return { loss: lossSum / rows, correct };
}

/** weight[c, d] -= lr * sum_r grad[r, c] * x[r, d]; bias[c] -= lr * sum_r grad[r, c]. */
export function applySgdUpdate(
  x: Float32Array,
  rows: number,
  dim: number,
  grad: Float64Array,
  classes: number,
  lr: number,
  weight: Float32Array,
  bias: Float32Array,
): void {
  for (let c0 = 0; c0 < classes; c0 += 4) {
    const last = classes - 1;
    const c1 = c0 + 1 < classes ? c0 + 1 : last;
    const c2 = c0 + 2 < classes ? c0 + 2 : last;
    const c3 = c0 + 3 < classes ? c0 + 3 : last;
    const w0 = c0 * dim,
      w1 = c1 * dim,
      w2 = c2 * dim,
      w3 = c3 * dim;
    for (let d0 = 0; d0 < dim; d0 += 2) {
      const d1 = d0 + 1 < dim ? d0 + 1 : d0;
      let a0 = 0,
        a1 = 0,
        a2 = 0,
        a3 = 0,
        b0 = 0,
        b1 = 0,
        b2 = 0,
        b3 = 0;
      for (let r = 0; r < rows; r++) {
        const u = x[r * dim + d0],
          v = x[r * dim + d1];
        const g = r * classes;
        const g0 = grad[g + c0],
          g1 = grad[g + c1],
          g2 = grad[g + c2],
          g3 = grad[g + c3];
        a0 += g0 * u;
        a1 += g1 * u;
        a2 += g2 * u;
        a3 += g3 * u;
        b0 += g0 * v;
        b1 += g1 * v;
        b2 += g2 * v;
        b3 += g3 * v;
      }
      // Duplicated lanes (c_k clamped to `last`, d1 clamped to d0) must not be written twice.
      weight[w0 + d0] -= lr * a0;
      if (c0 + 1 < classes) weight[w1 + d0] -= lr * a1;
      if (c0 + 2 < classes) weight[w2 + d0] -= lr * a2;
      if (c0 + 3 < classes) weight[w3 + d0] -= lr * a3;
      if (d1 !== d0) {
        weight[w0 + d1] -= lr * b0;
        if (c0 + 1 < classes) weight[w1 + d1] -= lr * b1;
        if (c0 + 2 < classes) weight[w2 + d1] -= lr * b2;
        if (c0 + 3 < classes) weight[w3 + d1] -= lr * b3;
      }
    }
  }
  for (let c = 0; c < classes; c++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += grad[r * classes + c];
    bias[c] -= lr * s;
  }
}
