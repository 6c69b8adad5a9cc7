// Decode + transform of one image file, the same steps as torchvision's
// Resize(resizeSize) -> CenterCrop(imageSize) -> ToTensor -> Normalize(ImageNet).
//
// Resampling filter: sharp's 'linear' kernel with fastShrinkOnLoad off. PIL's bilinear resize (what torchvision
// uses on PIL images) is an antialiased triangle filter whose support widens with the scale factor; libvips'
// 'linear' reduce is the same filter. JPEG shrink-on-load (DCT scaling) would be faster but is a different
// filter. Measured against torchvision 0.14 + PIL on 500x375 and 2000x1500 test images: 'linear' differs by at
// most 2/255 per pixel (mean 0.13-0.36/255); 'lanczos3' (sharp's default) by up to 4/255 (mean 0.38-0.48/255).
//
// Plain JavaScript because worker threads do not get the TypeScript loader.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
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
 * Decodes and transforms encoded image bytes into normalised CHW float32 [3, imageSize, imageSize].
 * Returns `{ ok: false, reason }` for a corrupt, truncated or unsupported image instead of throwing.
 */
export async function transformImage(bytes, imageSize, resizeSize) {
  try {
    // 'truncated' fails on truncated or corrupt data but accepts harmless warnings (e.g. odd EXIF), like PIL.
    const image = sharp(bytes, { failOn: 'truncated' });
    const meta = await image.metadata();
    if (!meta.width || !meta.height) return { ok: false, reason: 'the image has no width/height' };
    const size = resizedShape(meta.width, meta.height, resizeSize);
    const left = centreCropOffset(size.width, imageSize);
    const top = centreCropOffset(size.height, imageSize);
    const { data, info } = await image
      .resize(size.width, size.height, { kernel: 'linear', fit: 'fill', fastShrinkOnLoad: false })
      .extract({ left, top, width: imageSize, height: imageSize })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels < 3) return { ok: false, reason: `decoded to ${info.channels} channel(s), expected 3` };
    return { ok: true, data: normalizeRgb(data, info.width, info.height, info.channels) };
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
