import type { SyntheticImageParams } from './synthetic-render.mjs';
export type DataTask =
  | { kind: 'image'; path: string; imageSize: number; resizeSize: number }
  | { kind: 'decode-only'; path: string }
  | { kind: 'synthetic'; params: SyntheticImageParams };
/** A Float32Array on success (CHW, normalised), otherwise a failure or the decode-only summary. */
export type DataTaskResult = Float32Array | { ok: false; reason: string } | { ok: true; width: number; height: number };
export declare function runDataTask(task: DataTask): Promise<DataTaskResult>;
