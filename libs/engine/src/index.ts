/**
 * @alsatian/engine: runs execution units (chains of blocks) with ONNX Runtime (onnxruntime-node): one fused graph
 * and one session per unit, on the CPU, WebGPU or CUDA execution provider, never falling back silently to another.
 * It is the only lib that imports onnxruntime-node. It does not decide what to run (the executor does) or cache
 * outputs; the only files it writes are compiled units (see compiled-units.ts).
 */
export type {
  CreateEngineOptions,
  OrtEngine,
  OrtPreparedUnit,
  PreparationSettings,
  PrepareTimings,
} from './ort-engine.ts';
export { createEngine } from './ort-engine.ts';
export { parseExecutionProvider } from './providers.ts';
