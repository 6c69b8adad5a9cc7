import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BadInputError, InvalidArgumentError } from '@alsatian/core';
import { openDataset, type OpenedDataset as Dataset } from '../src/index.ts';
import { writeCodedFolder, writeText } from './fixtures.ts';
import { collect, tempDir } from './helpers.ts';

const options = { imageSize: 8, resizeSize: 8, workers: 1 };

async function readAll(ds: Dataset): Promise<number> {
  let n = 0;
  for (const split of [ds.train, ds.test])
    for (const b of await collect(split, { start: 0, end: split.length }, 4)) n += b.labels.length;
  return n;
}

async function withDataset<T>(root: string, opts: object, fn: (ds: Dataset) => Promise<T>): Promise<T> {
  const ds = await openDataset(root, opts);
  try {
    return await fn(ds);
  } finally {
    await ds.close();
  }
}

/** A good 2-class folder (3 train + 1 val per class), plus whatever `spoil` adds. */
async function folder(spoil: (root: string) => Promise<void>): Promise<string> {
  const root = await tempDir();
  await writeCodedFolder(root, 2, 3, 1);
  await spoil(root);
  return root;
}

async function validJpeg(): Promise<Buffer> {
  const noise = Buffer.from(Array.from({ length: 64 * 64 * 3 }, (_, i) => (i * 7919) % 256));
  return sharp(noise, { raw: { width: 64, height: 64, channels: 3 } })
    .jpeg()
    .toBuffer();
}

describe('bad input', () => {
  it('a corrupt image fails its batch with a BadInputError naming the file', async () => {
    const root = await folder((r) => writeFile(join(r, 'train/c0/bad.jpg'), Buffer.from('this is not a jpeg at all')));
    await withDataset(root, options, async (ds) => {
      const error = await readAll(ds).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadInputError);
      expect(String((error as Error).message)).toMatch(/train\/c0\/bad\.jpg: corrupt, truncated or unsupported image/);
    });
  });

  it('a truncated JPEG fails with a BadInputError naming the file', async () => {
    const jpeg = await validJpeg();
    const root = await folder((r) =>
      writeFile(join(r, 'val/c1/cut.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2))),
    );
    await withDataset(root, options, async (ds) => {
      await expect(readAll(ds)).rejects.toThrow(/val\/c1\/cut\.jpg: corrupt, truncated/);
    });
  });

  it('an unreadable file (dangling link, directory, empty file) is a BadInputError at open', async () => {
    const dangling = await folder((r) => symlink(join(r, 'nowhere.jpg'), join(r, 'train/c0/link.jpg')));
    await expect(openDataset(dangling, options)).rejects.toThrow(
      /train\/c0\/link\.jpg: cannot read the file \(ENOENT\)/,
    );
    const directory = await folder((r) => mkdir(join(r, 'train/c1/dir.png')));
    await expect(openDataset(directory, options)).rejects.toThrow(/dir\.png: not a regular file/);
    const empty = await folder((r) => writeFile(join(r, 'val/c0/zero.png'), ''));
    await expect(openDataset(empty, options)).rejects.toBeInstanceOf(BadInputError);
  });

  it('an empty class folder is a BadInputError naming the folder', async () => {
    const root = await folder((r) => mkdir(join(r, 'train/c2')).then(() => mkdir(join(r, 'val/c2'))));
    await expect(openDataset(root, options)).rejects.toThrow(/train\/c2: empty class folder/);
  });

  it('a class present in train but missing in the test split is a BadInputError naming it', async () => {
    const root = await folder(async (r) => {
      await mkdir(join(r, 'train/c9'));
      await writeFile(join(r, 'train/c9/a.png'), await readFile(join(r, 'train/c0/img0.png')));
    });
    await expect(openDataset(root, options)).rejects.toThrow(/class 'c9' is missing from the val split/);
  });

  it('an empty dataset, or a missing directory, is a BadInputError', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'train/a'), { recursive: true });
    await mkdir(join(root, 'test/a'), { recursive: true });
    await expect(openDataset(root, options)).rejects.toThrow(/is empty/);
    await expect(openDataset(join(root, 'missing'), options)).rejects.toThrow(/does not exist/);
    await mkdir(join(root, 'only'));
    await expect(openDataset(join(root, 'only'), options)).rejects.toThrow(/has no 'train' folder/);
  });

  it('a text file that is not UTF-8 is a BadInputError naming the file and the byte', async () => {
    const root = await tempDir();
    await writeText(join(root, 'train/pos/1_9.txt'), 'A fine film.');
    // latin-1 "Café bad"
    await writeText(join(root, 'train/neg/2_1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x62, 0x61, 0x64]));
    await writeText(join(root, 'test/pos/3_8.txt'), 'Good.');
    await writeText(join(root, 'test/neg/4_2.txt'), 'Bad.');
    await withDataset(root, { maxLength: 8 }, async (ds) => {
      await expect(readAll(ds)).rejects.toThrow(
        /train\/neg\/2_1\.txt: not valid UTF-8 \(first invalid byte at offset 3\)/,
      );
    });
    await withDataset(root, { maxLength: 8, skipBad: true }, async (ds) => {
      expect(await readAll(ds)).toBe(3);
      expect(ds.skipped().map((s) => s.file)).toEqual([join(root, 'train/neg/2_1.txt')]);
    });
  });
});

describe('skip-bad', () => {
  it('drops every bad item, counts and lists them, and keeps all good items', async () => {
    const jpeg = await validJpeg();
    const root = await folder(async (r) => {
      await writeFile(join(r, 'train/c0/bad.jpg'), Buffer.from('not an image'));
      await writeFile(join(r, 'train/c1/cut.jpg'), jpeg.subarray(0, jpeg.length >> 1));
      await writeFile(join(r, 'val/c0/zero.png'), '');
      await symlink(join(r, 'nowhere.jpg'), join(r, 'val/c1/link.jpg'));
      await mkdir(join(r, 'train/c2'));
      await mkdir(join(r, 'train/c3'));
      await writeFile(join(r, 'train/c3/a.png'), await readFile(join(r, 'train/c0/img0.png')));
    });
    await withDataset(root, { ...options, skipBad: true }, async (ds) => {
      // up-front problems leave the order; decode failures are dropped from their batch
      expect(ds.train.length).toBe(6 + 2 + 1);
      expect(ds.test.length).toBe(2);
      expect(await readAll(ds)).toBe(6 + 1 + 2);
      const skipped = ds
        .skipped()
        .map((s) => `${s.file.slice(root.length + 1)}: ${s.reason}`)
        .sort();
      const expected = [
        /^train\/c0\/bad\.jpg: corrupt, truncated or unsupported image/,
        /^train\/c1\/cut\.jpg: corrupt, truncated or unsupported image/,
        /^train\/c2: empty class folder/,
        /^val\/c0\/zero\.png: empty file/,
        /^val\/c1\/link\.jpg: cannot read the file \(ENOENT\)/,
        /^val\/c2: class 'c2' is missing from the val split/,
        /^val\/c3: class 'c3' is missing from the val split/,
      ];
      expect(skipped).toHaveLength(expected.length);
      expected.forEach((pattern, i) => expect(skipped[i]).toMatch(pattern));
      expect(await readAll(ds)).toBe(9); // a second pass finds the same items and adds no new skips
      expect(ds.skipped()).toHaveLength(7);
    });
  });
});

describe('bad specs and options', () => {
  it('names an unknown key and lists the valid ones', async () => {
    await expect(openDataset('synthetic:classes=3,colour=2')).rejects.toThrow(
      /Unknown key 'colour'.*Valid keys for synthetic: classes, train, test, size, seed/,
    );
    await expect(openDataset('synthetic-text:length=1')).rejects.toThrow(
      /Bad value '1' for key 'length'.*integer >= 2/,
    );
    await expect(openDataset('synthetic:train=abc')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(openDataset('imagenet:classes=3')).rejects.toThrow(
      /Unknown dataset kind 'imagenet'.*synthetic, synthetic-text, or a directory/,
    );
  });
  it('checks options', async () => {
    await expect(openDataset('synthetic:', { imageSize: 300, resizeSize: 256 })).rejects.toThrow(
      /resizeSize \(256\) must be >= imageSize \(300\)/,
    );
    await expect(openDataset('synthetic:', { workers: -1 })).rejects.toThrow(/workers must be an integer >= 0/);
    await expect(openDataset('synthetic:', { batch: 3 } as object)).rejects.toThrow(/Unknown dataset option 'batch'/);
  });
});
