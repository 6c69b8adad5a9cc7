export type ImageResult = { ok: true; data: Float32Array } | { ok: false; reason: string };
export declare function resizedShape(
  width: number,
  height: number,
  resizeSize: number,
): { width: number; height: number };
export declare function centreCropOffset(full: number, crop: number): number;
export declare function readImageFile(
  path: string,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }>;
export declare function transformImage(
  bytes: Uint8Array,
  imageSize: number,
  resizeSize: number,
  out?: Float32Array,
  offset?: number,
): Promise<ImageResult>;
export declare function decodeImage(
  bytes: Uint8Array,
): Promise<{ ok: true; width: number; height: number } | { ok: false; reason: string }>;
