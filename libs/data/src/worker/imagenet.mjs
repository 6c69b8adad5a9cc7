// ImageNet normalisation shared by real and synthetic images, so both have the same value ranges.
// Plain JavaScript because worker threads do not get the TypeScript loader.

export const IMAGENET_MEAN = [0.485, 0.456, 0.406];
export const IMAGENET_STD = [0.229, 0.224, 0.225];

/**
 * Interleaved 8-bit RGB (HWC, `channels` per pixel, first 3 used) to planar CHW float32, scaled to [0,1] and
 * normalised with the ImageNet mean/std (torchvision's ToTensor + Normalize). Writes into `out` when given.
 */
export function normalizeRgb(pixels, width, height, channels, out) {
  const plane = width * height;
  const result = out ?? new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const scale = 1 / (255 * IMAGENET_STD[c]);
    const shift = IMAGENET_MEAN[c] / IMAGENET_STD[c];
    const base = c * plane;
    for (let p = 0, i = c; p < plane; p++, i += channels) result[base + p] = pixels[i] * scale - shift;
  }
  return result;
}
