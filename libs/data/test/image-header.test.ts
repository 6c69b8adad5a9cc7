import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageHeaderSize } from '../src/worker/image-header.mjs';
import { transformImage } from '../src/index.ts';

const noise = (width: number, height: number, channels: number) =>
  Buffer.from(Array.from({ length: width * height * channels }, (_, i) => (i * 7919 + (i >> 5)) % 256));

describe('image size from the header', () => {
  it('matches libvips for baseline, progressive and grey JPEGs and for PNGs', async () => {
    const cases: [string, Buffer][] = [
      [
        'jpeg 37x23',
        await sharp(noise(37, 23, 3), { raw: { width: 37, height: 23, channels: 3 } })
          .jpeg()
          .toBuffer(),
      ],
      [
        'progressive jpeg 300x200',
        await sharp(noise(300, 200, 3), { raw: { width: 300, height: 200, channels: 3 } })
          .jpeg({ progressive: true })
          .toBuffer(),
      ],
      [
        'grey jpeg with exif 19x64',
        await sharp(noise(19, 64, 1), { raw: { width: 19, height: 64, channels: 1 } })
          .withMetadata({ orientation: 6 })
          .jpeg()
          .toBuffer(),
      ],
      [
        'png rgba 5x9',
        await sharp(noise(5, 9, 4), { raw: { width: 5, height: 9, channels: 4 } })
          .png()
          .toBuffer(),
      ],
    ];
    for (const [name, bytes] of cases) {
      const meta = await sharp(bytes).metadata();
      expect(imageHeaderSize(bytes), name).toEqual({ width: meta.width, height: meta.height });
    }
  });

  it('returns undefined for other formats and for garbage, so libvips decides', async () => {
    const webp = await sharp(noise(8, 8, 3), { raw: { width: 8, height: 8, channels: 3 } })
      .webp()
      .toBuffer();
    expect(imageHeaderSize(webp)).toBeUndefined();
    expect(imageHeaderSize(Buffer.from('not an image'))).toBeUndefined();
    expect(imageHeaderSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeUndefined(); // truncated JPEG
  });
});

/** The JPEG without its APP2 segments (where the ICC profile lives): the same compressed pixels, no profile. */
function withoutApp2(jpeg: Buffer): Buffer {
  const parts: Buffer[] = [jpeg.subarray(0, 2)];
  let i = 2;
  while (jpeg[i + 1] !== 0xda) {
    const end = i + 2 + jpeg.readUInt16BE(i + 2);
    if (jpeg[i + 1] !== 0xe2) parts.push(jpeg.subarray(i, end));
    i = end;
  }
  parts.push(jpeg.subarray(i));
  return Buffer.concat(parts);
}

describe('embedded ICC profiles are ignored, as by PIL', () => {
  it('a JPEG with a Display P3 profile transforms to the same values as its pixels without the profile', async () => {
    const tagged = await sharp(noise(64, 48, 3), { raw: { width: 64, height: 48, channels: 3 } })
      .withIccProfile('p3')
      .jpeg({ quality: 95 })
      .toBuffer();
    const plain = withoutApp2(tagged);
    expect((await sharp(tagged).metadata()).icc).toBeDefined();
    expect((await sharp(plain).metadata()).icc).toBeUndefined();
    const a = await transformImage(plain, 32, 40);
    const b = await transformImage(tagged, 32, 40);
    if (!a.ok || !b.ok) throw new Error('decode failed');
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });
});
