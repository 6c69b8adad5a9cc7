import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/**
 * An image folder whose every file is a flat colour that encodes (class, index): red = 40 * class, green = 8 *
 * index, blue = 128 + split. Decoding an item tells which file it came from, so tests can check that labels line up
 * with items and that ranges cover each file exactly once.
 */
export async function writeCodedFolder(
  root: string,
  classes: number,
  perClassTrain: number,
  perClassTest: number,
): Promise<void> {
  for (const [split, count, blue] of [
    ['train', perClassTrain, 128],
    ['val', perClassTest, 129],
  ] as const) {
    for (let c = 0; c < classes; c++) {
      const dir = join(root, split, `c${c}`);
      await mkdir(dir, { recursive: true });
      for (let i = 0; i < count; i++) {
        await sharp({ create: { width: 12, height: 10, channels: 3, background: { r: 40 * c, g: 8 * i, b: blue } } })
          .png()
          .toFile(join(dir, `img${i}.png`));
      }
    }
  }
}

/** Undoes the ImageNet normalisation of the first pixel of each channel: the 8-bit colour of a flat image. */
export function decodeColour(pixels: ArrayLike<number | bigint>, plane: number): [number, number, number] {
  const mean = [0.485, 0.456, 0.406];
  const std = [0.229, 0.224, 0.225];
  return [0, 1, 2].map((c) => Math.round((Number(pixels[c * plane]) * std[c] + mean[c]) * 255) + 0) as [
    number,
    number,
    number,
  ];
}

export async function writeText(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, content);
}
