export declare const IMAGENET_MEAN: readonly [number, number, number];
export declare const IMAGENET_STD: readonly [number, number, number];
export declare function normalizeRgb(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  out?: Float32Array,
  offset?: number,
): Float32Array;
