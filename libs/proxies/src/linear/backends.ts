import { UnavailableError, type FeatureBatch } from '@alsatian/core';
import { messages } from '../messages.ts';
import type { LinearParams } from './init.ts';
import { evaluateLinearProbe, trainLinearProbe } from './probe.ts';
import { evaluateLinearProbeWasm, trainLinearProbeWasm, wasmProbeUsable } from './wasm-probe.ts';

/**
 * Where the probe's arithmetic runs. Measured by bench/proxy.bench.ts (8000 x 2048 features as 250 batches of 32,
 * 10 classes, 100 epochs, 2-core CPU, Node 20.20, 2026-11-28; see the report for the exact numbers):
 *   wasm-simd  our f32x4 WebAssembly kernels (wasm/kernels.ts)          ~ 8-11 s   <- default
 *   ts         plain TypeScript, float64 sums, register-blocked loops   ~ 21 s
 *   tfjs-wasm  @tensorflow/tfjs on its SIMD wasm backend, 1 thread     ~ 23 s (bench only; not shipped)
 * tfjs pays per-op dispatch on 25,000 tiny steps and gains nothing on arithmetic, so it is not a backend here.
 */
export const PROBE_BACKENDS = ['auto', 'wasm-simd', 'ts'] as const;
export type ProbeBackendName = (typeof PROBE_BACKENDS)[number];

export interface ProbeBackend {
  readonly name: Exclude<ProbeBackendName, 'auto'>;
  train(train: readonly FeatureBatch[], classes: number, params: LinearParams, epochs: number, lr: number): void;
  evaluate(test: readonly FeatureBatch[], classes: number, params: LinearParams): { accuracy: number; loss: number };
}

export const tsProbe: ProbeBackend = { name: 'ts', train: trainLinearProbe, evaluate: evaluateLinearProbe };
export const wasmProbe: ProbeBackend = { name: 'wasm-simd', train: trainLinearProbeWasm, evaluate: evaluateLinearProbeWasm };

/**
 * 'auto' takes the SIMD kernels when this runtime compiles them and the features fit in one wasm memory
 * (3.5 GiB), else the TypeScript kernels. An explicit 'wasm-simd' that cannot run throws UnavailableError.
 */
export function resolveProbeBackend(name: ProbeBackendName, batches: readonly FeatureBatch[], dim: number, classes: number): ProbeBackend {
  if (name === 'ts') return tsProbe;
  const usable = wasmProbeUsable(batches, dim, classes);
  if (name === 'wasm-simd' && !usable) throw new UnavailableError(messages.backendUnavailable('linear', name));
  return usable ? wasmProbe : tsProbe;
}
