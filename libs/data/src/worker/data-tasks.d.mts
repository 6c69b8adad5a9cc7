import type { SyntheticImageParams } from './synthetic-render.mjs';
export type DataTask =
  /** A batch of image files decoded into `out` ([paths.length, 3, imageSize, imageSize]), which is transferred. */
  | { kind: 'images'; paths: readonly string[]; imageSize: number; resizeSize: number; out: Float32Array }
  | { kind: 'decode-only'; path: string }
  | { kind: 'synthetic'; params: SyntheticImageParams };
/** The rows of an 'images' task: `out` filled except the rows of `failures`; `decoded`: rows that ran the decoder. */
export interface ImageBatchResult {
  out: Float32Array;
  failures: { index: number; reason: string }[];
  decoded: number[];
}
/** A synthetic item (CHW, normalised), an image batch, a failure or the decode-only summary. */
export type DataTaskResult =
  Float32Array | ImageBatchResult | { ok: false; reason: string } | { ok: true; width: number; height: number };
export declare function runDataTask(task: DataTask): Promise<DataTaskResult>;
