import type { FeatureBatch } from '@alsatian/core';
import { largestBatch } from '../features.ts';
import type { LinearParams } from './init.ts';
import { crossEntropyGradInPlace, evaluateLogits } from './ts-kernels.ts';
import { instantiateProbeKernels, probeKernelModule, type ProbeKernels } from './wasm/kernels.ts';

/** wasm32 memory tops out at 4 GiB; leave headroom. Larger inputs use the TypeScript kernels. */
const MAX_WASM_BYTES = 3.5 * 2 ** 30;

const align16 = (n: number) => Math.ceil(n / 16) * 16;
/** Rows padded with zeros to a multiple of 8 floats: the update kernel takes 8 at a time. */
export const paddedDim = (dim: number) => Math.ceil(dim / 8) * 8;

/** Whether this runtime compiles the SIMD kernels (Node 16.4+ does) and `batches` fit in one wasm memory. */
export function wasmProbeUsable(batches: readonly FeatureBatch[], dim: number, classes: number): boolean {
  try {
    probeKernelModule();
  } catch {
    return false;
  }
  return layoutBytes(batches, dim, classes).total <= MAX_WASM_BYTES;
}

function layoutBytes(batches: readonly FeatureBatch[], dim: number, classes: number) {
  const dimPad = paddedDim(dim);
  const weight = 0;
  const bias = align16(weight + classes * dimPad * 4);
  const maxRows = largestBatch(batches);
  const logits = align16(bias + classes * 4);
  const features = align16(logits + maxRows * classes * 4);
  const rows = batches.reduce((n, b) => n + b.rows, 0);
  return { dimPad, weight, bias, logits, features, maxRows, total: features + rows * dimPad * 4 };
}

/** One kernel instance holding the parameters and `batches` (zero-padded rows) in its memory. */
class WasmProbe {
  private readonly kernels: ProbeKernels;
  private readonly layout: ReturnType<typeof layoutBytes>;
  private readonly offsets: number[] = [];
  private readonly f32: Float32Array;

  constructor(
    private readonly batches: readonly FeatureBatch[],
    private readonly dim: number,
    private readonly classes: number,
    params: LinearParams,
  ) {
    this.layout = layoutBytes(batches, dim, classes);
    this.kernels = instantiateProbeKernels(this.layout.total);
    this.f32 = new Float32Array(this.kernels.memory.buffer);
    const { dimPad } = this.layout;
    let at = this.layout.features;
    for (const b of batches) {
      this.offsets.push(at);
      for (let r = 0; r < b.rows; r++) this.f32.set(b.features.subarray(r * dim, (r + 1) * dim), at / 4 + r * dimPad);
      at += b.rows * dimPad * 4;
    }
    for (let c = 0; c < classes; c++)
      this.f32.set(params.weight.subarray(c * dim, (c + 1) * dim), this.layout.weight / 4 + c * dimPad);
    this.f32.set(params.bias, this.layout.bias / 4);
  }

  forward(index: number): void {
    const b = this.batches[index];
    const { dimPad, weight, bias, logits } = this.layout;
    this.kernels.forward(this.offsets[index], b.rows, dimPad, weight, bias, this.classes, logits);
  }

  /** Copies batch `index`'s logits out as float64. */
  readLogits(index: number, into: Float64Array): void {
    const n = this.batches[index].rows * this.classes;
    const from = this.layout.logits / 4;
    for (let i = 0; i < n; i++) into[i] = this.f32[from + i];
  }

  /** One SGD step from d(loss)/d(logits) `grad` (float64, rows x classes). */
  step(index: number, grad: Float64Array, lr: number): void {
    const b = this.batches[index];
    const { classes } = this;
    const { dimPad, weight, bias, logits } = this.layout;
    const g = logits / 4;
    for (let i = 0; i < b.rows * classes; i++) this.f32[g + i] = lr * grad[i];
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let r = 0; r < b.rows; r++) s += grad[r * classes + c];
      this.f32[bias / 4 + c] -= lr * s;
    }
    this.kernels.update(this.offsets[index], b.rows, dimPad, logits, classes, weight);
  }

  readParams(params: LinearParams): void {
    const { dimPad, weight, bias } = this.layout;
    for (let c = 0; c < this.classes; c++) {
      params.weight.set(this.f32.subarray(weight / 4 + c * dimPad, weight / 4 + c * dimPad + this.dim), c * this.dim);
    }
    params.bias.set(this.f32.subarray(bias / 4, bias / 4 + this.classes));
  }
}

/** trainLinearProbe on the SIMD kernels: same schedule, float32 sums (4 lanes) instead of float64. */
export function trainLinearProbeWasm(
  train: readonly FeatureBatch[],
  classes: number,
  params: LinearParams,
  epochs: number,
  lr: number,
): void {
  const batches = train.filter((b) => b.rows > 0);
  const dim = params.weight.length / classes;
  const probe = new WasmProbe(batches, dim, classes, params);
  const grad = new Float64Array(largestBatch(batches) * classes);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < batches.length; i++) {
      probe.forward(i);
      probe.readLogits(i, grad);
      crossEntropyGradInPlace(grad, batches[i].labels, batches[i].rows, classes);
      probe.step(i, grad, lr);
    }
  }
  probe.readParams(params);
}

/** evaluateLinearProbe on the SIMD kernels. */
export function evaluateLinearProbeWasm(
  test: readonly FeatureBatch[],
  classes: number,
  params: LinearParams,
): { accuracy: number; loss: number } {
  const batches = test.filter((b) => b.rows > 0);
  const dim = params.weight.length / classes;
  const probe = new WasmProbe(batches, dim, classes, params);
  const logits = new Float64Array(largestBatch(batches) * classes);
  let lossSum = 0,
    correct = 0,
    total = 0;
  for (let i = 0; i < batches.length; i++) {
    probe.forward(i);
    probe.readLogits(i, logits);
    const r = evaluateLogits(logits, batches[i].labels, batches[i].rows, classes);
    lossSum += r.loss;
    correct += r.correct;
    total += batches[i].rows;
  }
  return { accuracy: correct / total, loss: lossSum / batches.length };
}
