import { forwardLogits } from './linear/ts-kernels.ts';
import { paddedDim } from './linear/wasm-probe.ts';
import { instantiateProbeKernels, probeKernelModule } from './linear/wasm/kernels.ts';

/** Dot products of every test row with train rows [start, start + count), written as out[t * count + j]. */
export interface ChunkDots {
  readonly name: 'wasm-simd' | 'ts';
  readonly out: Float32Array | Float64Array;
  compute(start: number, count: number): void;
}

const MAX_WASM_BYTES = 3.5 * 2 ** 30;

/** The plain-TypeScript provider: float64 sums via the probe's blocked forward kernel. */
export function tsChunkDots(
  train: Float32Array,
  test: Float32Array,
  testRows: number,
  dim: number,
  chunk: number,
): ChunkDots {
  const out = new Float64Array(testRows * chunk);
  const noBias = new Float32Array(chunk);
  return {
    name: 'ts',
    out,
    compute(start, count) {
      forwardLogits(test, testRows, dim, train.subarray(start * dim, (start + count) * dim), noBias, count, out);
    },
  };
}

/**
 * The WebAssembly SIMD provider: the probe's forward kernel with the train chunk in the weight's place (float32
 * sums, as Faiss). Undefined when wasm SIMD is missing or the features do not fit one wasm memory.
 */
export function wasmChunkDots(
  train: Float32Array,
  trainRows: number,
  test: Float32Array,
  testRows: number,
  dim: number,
  chunk: number,
): ChunkDots | undefined {
  const dimPad = paddedDim(dim);
  const outBytes = Math.ceil((testRows * chunk * 4) / 16) * 16;
  const biasAt = outBytes,
    testAt = biasAt + Math.ceil(chunk / 4) * 16,
    trainAt = testAt + testRows * dimPad * 4;
  const total = trainAt + trainRows * dimPad * 4;
  if (total > MAX_WASM_BYTES) return undefined;
  try {
    probeKernelModule();
  } catch {
    return undefined;
  }
  const kernels = instantiateProbeKernels(total);
  const f32 = new Float32Array(kernels.memory.buffer);
  for (let r = 0; r < testRows; r++) f32.set(test.subarray(r * dim, (r + 1) * dim), testAt / 4 + r * dimPad);
  for (let r = 0; r < trainRows; r++) f32.set(train.subarray(r * dim, (r + 1) * dim), trainAt / 4 + r * dimPad);
  return {
    name: 'wasm-simd',
    out: f32.subarray(0, testRows * chunk),
    compute(start, count) {
      kernels.forward(testAt, testRows, dimPad, trainAt + start * dimPad * 4, biasAt, count, 0);
    },
  };
}
