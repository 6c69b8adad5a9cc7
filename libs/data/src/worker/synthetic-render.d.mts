export interface SyntheticImageParams {
  readonly size: number;
  readonly background: readonly [number, number, number];
  readonly stripe: readonly [number, number, number];
  readonly freqX: number;
  readonly freqY: number;
  readonly phase: number;
  /** 0 disc, 1 square, 2 ring. */
  readonly shape: number;
  readonly centerX: number;
  readonly centerY: number;
  readonly radius: number;
  readonly shapeColour: readonly [number, number, number];
  readonly noiseSeed: number;
  readonly noise: number;
}
export declare function renderSyntheticRgb(params: SyntheticImageParams): Uint8Array;
export declare function renderSyntheticTensor(params: SyntheticImageParams): Float32Array;
