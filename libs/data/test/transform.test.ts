import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { centreCropOffset, IMAGENET_MEAN, IMAGENET_STD, resizedShape, transformImage } from '../src/index.ts';
import { tempDir } from './helpers.ts';

/** Normalised value of an 8-bit level in channel c. */
const norm = (v: number, c: number) => (v / 255 - IMAGENET_MEAN[c]) / IMAGENET_STD[c];

async function png(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(pixel(x, y), (y * width + x) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

async function transform(bytes: Uint8Array, imageSize: number, resizeSize: number): Promise<Float32Array> {
  const result = await transformImage(bytes, imageSize, resizeSize);
  if (!result.ok) throw new Error(result.reason);
  return result.data;
}

describe('torchvision geometry', () => {
  it('resizes the shorter side and truncates the longer one as Resize(int)', () => {
    expect(resizedShape(500, 375, 256)).toEqual({ width: 341, height: 256 });
    expect(resizedShape(375, 500, 256)).toEqual({ width: 256, height: 341 });
  });
  it('rounds crop offsets half to even, as Python round()', () => {
    expect(centreCropOffset(341, 224)).toBe(58); // 58.5
    expect(centreCropOffset(343, 224)).toBe(60); // 59.5
    expect(centreCropOffset(256, 224)).toBe(16);
  });
});

describe('decode + transform of known pixels', () => {
  it('crops the centre without resampling when the shorter side already has the resize size', async () => {
    const pixel = (x: number, y: number): [number, number, number] => [
      (x * 37 + y * 11) % 256,
      (x * 5 + y * 71) % 256,
      (x * y * 13 + 7) % 256,
    ];
    const out = await transform(await png(6, 4, pixel), 4, 4);
    expect(out.length).toBe(3 * 4 * 4);
    for (let c = 0; c < 3; c++)
      for (let y = 0; y < 4; y++)
        for (let x = 0; x < 4; x++) {
          // resize 6x4 -> 6x4, centre crop offset x = round(1) = 1
          expect(Math.abs(out[c * 16 + y * 4 + x] - norm(pixel(x + 1, y)[c], c))).toBeLessThanOrEqual(
            1 / 255 / IMAGENET_STD[c] + 1e-6,
          );
        }
  });

  it('downscales a linear ramp to the ramp at output pixel centres (triangle filter, half-pixel centres)', async () => {
    // 64x32 -> shorter side 16 -> 32x16, crop 16x16 at x offset 8. Output column j samples source centre 2(j+8)+0.5.
    const bytes = await png(64, 32, (x, y) => [4 * x, 255 - 4 * x, 8 * y]);
    const out = await transform(bytes, 16, 16);
    const tolerance = (c: number) => 1 / 255 / IMAGENET_STD[c] + 1e-6;
    for (let y = 1; y < 15; y++)
      for (let x = 0; x < 16; x++) {
        const sx = 2 * (x + 8) + 0.5;
        const sy = 2 * y + 0.5;
        const expected = [4 * sx, 255 - 4 * sx, 8 * sy];
        for (let c = 0; c < 3; c++)
          expect(Math.abs(out[c * 256 + y * 16 + x] - norm(expected[c], c))).toBeLessThanOrEqual(tolerance(c));
      }
  });

  it('turns grey and RGBA images into 3 channels (grey replicated, alpha dropped)', async () => {
    const grey = await sharp(Buffer.alloc(8 * 8, 100), { raw: { width: 8, height: 8, channels: 1 } })
      .png()
      .toBuffer();
    const rgba = await sharp(Buffer.from(Array.from({ length: 64 }, () => [10, 20, 30, 0]).flat()), {
      raw: { width: 8, height: 8, channels: 4 },
    })
      .png()
      .toBuffer();
    const g = await transform(grey, 4, 8);
    const a = await transform(rgba, 4, 8);
    for (let c = 0; c < 3; c++) {
      expect(Math.abs(g[c * 16 + 5] - norm(100, c))).toBeLessThan(1e-5);
      expect(Math.abs(a[c * 16 + 5] - norm([10, 20, 30][c], c))).toBeLessThan(1e-5);
    }
  });

  it('reads a JPEG file of a flat colour to that colour within JPEG error', async () => {
    const dir = await tempDir();
    const file = join(dir, 'flat.jpg');
    await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 60, b: 120 } } })
      .jpeg({ quality: 95 })
      .toFile(file);
    const { readFile } = await import('node:fs/promises');
    const out = await transform(await readFile(file), 8, 10);
    for (let c = 0; c < 3; c++)
      expect(Math.abs(out[c * 64 + 27] - norm([200, 60, 120][c], c))).toBeLessThanOrEqual(3 / 255 / IMAGENET_STD[c]);
  });
});
