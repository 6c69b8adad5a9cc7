// Decode + transform of one image file, the same steps as torchvision's
// Resize(resizeSize) -> CenterCrop(imageSize) -> ToTensor -> Normalize(ImageNet).
//
// Resampling filter: sharp's 'linear' kernel. PIL's bilinear resize (what torchvision uses on PIL images) is an
// antialiased triangle filter whose support widens with the scale factor; libvips' 'linear' reduce is the same filter.
// Measured against torchvision 0.14 + PIL on 500x375 and 2000x1500 test images: 'linear' differs by at most 2/255 per
// pixel (mean 0.13-0.36/255); 'lanczos3' (sharp's default) by up to 4/255 (mean 0.38-0.48/255).
//
// JPEG shrink-on-load (DCT-domain downscaling while decoding) is allowed only where sharp does it with
// fastShrinkOnLoad off: when the source is at least 4x the resized size, it decodes at 1/2 (1/4 from 8x, 1/8 from 16x)
// and leaves a reduce of at least 2x. Measured on noisy synthetic JPEGs against torchvision: 448 -> 256 (1.75x) and
// 768 -> 256 (3x) get no shrink-on-load and stay within 2/255 (mean 0.23 and 0.16/255); with fastShrinkOnLoad on,
// 768 -> 256 decodes at 1/2 and differs by up to 17/255 (mean 0.91), so it stays off. From 4x (1024 -> 256,
// 2048 -> 256) the difference is up to 8/255 (mean 0.54, 0.42/255) with shrink-on-load and no better without it
// (7-8/255, mean 0.69, 0.46/255: libvips then pre-shrinks with a box filter instead), so the faster path is kept.
// A source already at the resized size (the paper's 256 px folders) is not resampled at all, as in PIL, and the output
// equals torchvision's exactly.
//
// The embedded ICC profile is ignored (`ignoreIcc`), as PIL's convert('RGB') ignores it; sharp would otherwise convert
// through it, which costs time and gives other values than torchvision for non-sRGB profiles.
//
// Plain JavaScript because worker threads do not get the TypeScript loader.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { imageHeaderSize } from './image-header.mjs';
import { normalizeRgb } from './imagenet.mjs';

/** torchvision Resize(int): the shorter side becomes `resizeSize`, the longer one int(size * long / short). */
export function resizedShape(width, height, resizeSize) {
  if (width <= height) return { width: resizeSize, height: Math.floor((resizeSize * height) / width) };
  return { width: Math.floor((resizeSize * width) / height), height: resizeSize };
}

/** torchvision CenterCrop offset: int(round((full - crop) / 2)), where Python rounds halves to even. */
export function centreCropOffset(full, crop) {
  const x = (full - crop) / 2;
  const floor = Math.floor(x);
  if (x - floor !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Reads a file; a read failure becomes `{ ok: false }` so the caller can name the file. */
export async function readImageFile(path) {
  try {
    return { ok: true, bytes: await readFile(path) };
  } catch (error) {
    return { ok: false, reason: `cannot read the file (${error.code ?? error.message})` };
  }
}

/**
 * Decodes and transforms encoded image bytes into normalised CHW float32 [3, imageSize, imageSize], written into `out`
 * at `offset` (a row of a batch tensor) or into a new array. Returns `{ ok: false, reason }` for a corrupt, truncated
 * or unsupported image instead of throwing.
 */
export async function transformImage(bytes, imageSize, resizeSize, out, offset = 0) {
  try {
    // 'truncated' fails on truncated or corrupt data but accepts harmless warnings (e.g. odd EXIF), like PIL.
    const options = { failOn: 'truncated', ignoreIcc: true };
    const source = imageHeaderSize(bytes) ?? (await sharp(bytes, options).metadata());
    if (!source.width || !source.height) return { ok: false, reason: 'the image has no width/height' };
    const size = resizedShape(source.width, source.height, resizeSize);
    let image = sharp(bytes, options);
    if (size.width !== source.width || size.height !== source.height) {
      image = image.resize(size.width, size.height, { kernel: 'linear', fit: 'fill', fastShrinkOnLoad: false });
    }
    // No removeAlpha()/toColourspace(): sharp's output is sRGB already (grey becomes 3 bands, CMYK is converted), and
    // the normalisation skips an alpha band by its stride; each extra operation costs a libvips pass.
    const { data, info } = await image
      .extract({
        left: centreCropOffset(size.width, imageSize),
        top: centreCropOffset(size.height, imageSize),
        width: imageSize,
        height: imageSize,
      })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { ok: true, data: normalizeRgb(data, info.width, info.height, info.channels, out, offset) };
  } catch (error) {
    return { ok: false, reason: `corrupt, truncated or unsupported image (${error.message})` };
  }
}

/** Decode only (full resolution, no resize): the benchmark's reference for how much the transform costs. */
export async function decodeImage(bytes) {
  try {
    const { info } = await sharp(bytes, { failOn: 'truncated' }).raw().toBuffer({ resolveWithObject: true });
    return { ok: true, width: info.width, height: info.height };
  } catch (error) {
    return { ok: false, reason: `corrupt, truncated or unsupported image (${error.message})` };
  }
}
