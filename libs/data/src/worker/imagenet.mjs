// ImageNet normalisation shared by real and synthetic images, so both have the same value ranges.
// Plain JavaScript because worker threads do not get the TypeScript loader.

export const IMAGENET_MEAN = [0.485, 0.456, 0.406];
export const IMAGENET_STD = [0.229, 0.224, 0.225];

/**
 * Interleaved 8-bit pixels (HWC, `channels` per pixel: grey, grey+alpha, RGB or RGBA; alpha ignored) to planar CHW
 * float32, scaled to [0,1] and normalised with the ImageNet mean/std (torchvision's ToTensor + Normalize), in one pass
 * over the pixels. Writes into `out` at `offset` when given (a row of a batch tensor), so no per-item array is made:
 * allocating a fresh 600 KB Float32Array per 224x224 item made this step 2-4x slower (0.6-1.2 vs 0.2-0.3 ms/item).
 */
export function normalizeRgb(pixels, width, height, channels, out, offset = 0) {
  const plane = width * height;
  const result = out ?? new Float32Array(3 * plane);
  const step = channels >= 3 ? 1 : 0; // grey is replicated into the three channels, as PIL's convert('RGB')
  const [scaleR, scaleG, scaleB] = IMAGENET_STD.map((s) => 1 / (255 * s));
  const [shiftR, shiftG, shiftB] = IMAGENET_MEAN.map((m, c) => m / IMAGENET_STD[c]);
  const r = offset;
  const g = offset + plane;
  const b = offset + 2 * plane;
  for (let p = 0, i = 0; p < plane; p++, i += channels) {
    result[r + p] = pixels[i] * scaleR - shiftR;
    result[g + p] = pixels[i + step] * scaleG - shiftG;
    result[b + p] = pixels[i + 2 * step] * scaleB - shiftB;
  }
  return result;
}
