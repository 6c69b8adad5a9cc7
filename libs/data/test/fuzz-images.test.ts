/**
 * Fuzzes image decoding with damaged and forged files (truncated, flipped bytes, huge declared sizes): decoding
 * never throws and never hangs; it gives the tensor or a reason, and a dataset turns that reason into a
 * BadInputError naming the file.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { damaged, fuzz, fuzzRuns, parsesOrRejects } from '@alsatian/core/testing';
import { openDataset } from '../src/index.ts';
import { transformImage } from '../src/worker/image-transform.mjs';
import { writeCodedFolder } from './fixtures.ts';
import { collect, tempDir } from './helpers.ts';

const RUNS = fuzzRuns(200);
const DATASET_RUNS = fuzzRuns(50);
const SIZE = 8;

let png: Uint8Array;
let jpeg: Uint8Array;

beforeAll(async () => {
  const pixels = Buffer.from(Array.from({ length: 16 * 16 * 3 }, (_, i) => (i * 7919) % 256));
  const raw = { raw: { width: 16, height: 16, channels: 3 as const } };
  png = await sharp(pixels, raw).png().toBuffer();
  jpeg = await sharp(pixels, raw).jpeg().toBuffer();
});

/** The PNG with its IHDR width and height replaced (CRC fixed up, so only the sizes lie). */
function pngDeclaring(width: number, height: number): Uint8Array {
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

const imageBytes = () =>
  fc.oneof(
    damaged(png),
    damaged(jpeg),
    fc
      .tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
      .map(([w, h]) => pngDeclaring(w, h)),
    fc.constantFrom([16_000, 16_000], [1, 1_000_000], [65_535, 65_535]).map(([w, h]) => pngDeclaring(w, h)),
  );

describe('fuzz: image bytes', () => {
  it(`decode + transform: damaged PNG/JPEG, forged sizes, random bytes (${RUNS} cases)`, async () => {
    await fuzz(
      'image decode',
      RUNS,
      fc.asyncProperty(imageBytes(), async (bytes) => {
        const result = await transformImage(bytes, SIZE, SIZE);
        if (result.ok) expect(result.data.length).toBe(3 * SIZE * SIZE);
        else expect(result.reason).toMatch(/\S/);
      }),
    );
  });

  it(`a dataset with one such file reads or fails with a BadInputError naming it (${DATASET_RUNS} cases)`, async () => {
    const root = await tempDir();
    await writeCodedFolder(root, 2, 2, 1);
    const file = join(root, 'train', 'c1', 'img1.png');
    await fuzz(
      'image dataset',
      DATASET_RUNS,
      fc.asyncProperty(
        imageBytes().filter((b) => b.length > 0),
        async (bytes) => {
          await writeFile(file, bytes);
          const ds = await openDataset(root, { imageSize: SIZE, workers: 0 });
          try {
            await parsesOrRejects(file, () => collect(ds.train, { start: 0, end: ds.train.length }, 4));
          } finally {
            await ds.close();
          }
        },
      ),
    );
  });
});
