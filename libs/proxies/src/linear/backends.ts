import { UnavailableError, type FeatureBatch } from '@alsatian/core';
import { messages } from '../messages.ts';
import type { LinearParams } from './init.ts';
import { evaluateLinearProbe, trainLinearProbe } from './probe.ts';
import { evaluateLinearProbeWasm, trainLinearProbeWasm, wasmProbeUsable } from './wasm-probe.ts';

/**
 * Where the probe's arithmetic runs. Measured by bench/proxy.bench.ts on 2026-11-28 (8000 x 2048 features as 250
 * batches of 32, 2000 test items, 10 classes, 100 epochs; the 2-core dev machine, Node 20.20, shared with other
 * jobs at load ~14, so CPU seconds are the comparable number; all from the same initial weights, all reaching
 * test accuracy 0.943-0.946):
 *   wasm-simd   our f32x4 WebAssembly kernels (wasm/kernels.ts), 1 thread   3.7-3.8 s cpu   <- default
 *   torch 1.13  the original's proxy, CPU, 1 thread (reference)             5.9-6.4 s cpu
 *   tfjs-wasm   @tensorflow/tfjs 4.22 wasm backend, SIMD, 1 thread          25.1 s cpu (bench only, not shipped)
 *   ts          plain TypeScript, float64 sums, register-blocked loops     27.1 s cpu   (fallback)
 * A later run (load ~17): wasm-simd 3.08 s cpu (14.2 s wall) vs torch 6.09 s cpu, ts 26.4, tfjs 24.6. 32.8 G
 * multiply-adds in ~3.1 s is ~10.6 G/s on one core, about the 128-bit SIMD peak: arithmetic-bound, not overhead.
 * tfjs pays a dispatch per op on 25,000 tiny steps (32 x 2048 x 10) and gains nothing on arithmetic; its wasm
 * threads need a patch under Node 20, so it is not a backend here (docs/DESIGN.md §8).
 */
export const PROBE_BACKENDS = ['auto', 'wasm-simd', 'ts'] as const;
export type ProbeBackendName = (typeof PROBE_BACKENDS)[number];

export interface ProbeBackend {
  readonly name: Exclude<ProbeBackendName, 'auto'>;
  train(train: readonly FeatureBatch[], classes: number, params: LinearParams, epochs: number, lr: number): void;
  evaluate(test: readonly FeatureBatch[], classes: number, params: LinearParams): { accuracy: number; loss: number };
}

export const tsProbe: ProbeBackend = { name: 'ts', train: trainLinearProbe, evaluate: evaluateLinearProbe };
export const wasmProbe: ProbeBackend = {
  name: 'wasm-simd',
  train: trainLinearProbeWasm,
  evaluate: evaluateLinearProbeWasm,
};

/**
 * 'auto' takes the SIMD kernels when this runtime compiles them and the features fit in one wasm memory
 * (3.5 GiB), else the TypeScript kernels. An explicit 'wasm-simd' that cannot run throws UnavailableError.
 */
export function resolveProbeBackend(
  name: ProbeBackendName,
  batches: readonly FeatureBatch[],
  dim: number,
  classes: number,
): ProbeBackend {
  if (name === 'ts') return tsProbe;
  const usable = wasmProbeUsable(batches, dim, classes);
  if (name === 'wasm-simd' && !usable) throw new UnavailableError(messages.backendUnavailable('linear', name));
  return usable ? wasmProbe : tsProbe;
}
