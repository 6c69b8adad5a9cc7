import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { BadInputError } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { prepareCub } from '../scripts/prepare-cub.ts';
import { prepareFood101 } from '../scripts/prepare-food101.ts';
import { prepareStanfordDogs } from '../scripts/prepare-stanford-dogs.ts';
import { makeSubset } from '../scripts/subset.ts';
import { matStrings, readMat } from '../scripts/mat5.ts';
import { cellOfStrings, doubles, matFile } from './mat5-writer.ts';

const made: string[] = [];
afterEach(() => Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true }))));
async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'alsatian-datasets-'));
  made.push(dir);
  return dir;
}

async function jpeg(path: string, shade: number): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await sharp({ create: { width: 16, height: 12, channels: 3, background: { r: shade, g: 100, b: 50 } } })
    .jpeg()
    .toFile(path);
}

/** Relative paths of all files under `dir`, sorted. */
async function tree(dir: string): Promise<string[]> {
  return ((await readdir(dir, { recursive: true, withFileTypes: true })) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function counts(root: string): Promise<[number, number, number]> {
  const ds = await openDataset(root, { workers: 0 });
  await ds.close();
  return [ds.classes.length, ds.train.length, ds.test.length];
}

describe('CUB-200-2011', () => {
  it('splits images.txt by train_test_split.txt into train/test class folders', async () => {
    const src = await temp();
    const images = [
      '001.Black_footed_Albatross/a_1.jpg',
      '001.Black_footed_Albatross/a_2.jpg',
      '002.Laysan_Albatross/b_1.jpg',
      '002.Laysan_Albatross/b_2.jpg',
      '002.Laysan_Albatross/b_3.jpg',
    ];
    for (const [i, rel] of images.entries()) await jpeg(join(src, 'images', rel), 40 * i);
    await writeFile(join(src, 'images.txt'), images.map((p, i) => `${i + 1} ${p}`).join('\n') + '\n');
    await writeFile(join(src, 'train_test_split.txt'), '1 1\n2 0\n3 1\n4 1\n5 0\n');
    const out = join(await temp(), 'cub');
    expect(await prepareCub(src, out)).toEqual({ train: 3, test: 2 });
    expect(await tree(out)).toEqual([
      'test/001.Black_footed_Albatross/a_2.jpg',
      'test/002.Laysan_Albatross/b_3.jpg',
      'train/001.Black_footed_Albatross/a_1.jpg',
      'train/002.Laysan_Albatross/b_1.jpg',
      'train/002.Laysan_Albatross/b_2.jpg',
    ]);
    expect(await counts(out)).toEqual([2, 3, 2]);
  });

  it('names the image id without a split flag, and a listed image that is missing', async () => {
    const src = await temp();
    await jpeg(join(src, 'images/001.A/a.jpg'), 1);
    await writeFile(join(src, 'images.txt'), '1 001.A/a.jpg\n2 001.A/gone.jpg\n');
    await writeFile(join(src, 'train_test_split.txt'), '1 1\n');
    await expect(prepareCub(src, join(await temp(), 'o'))).rejects.toThrow(
      /image id 2 \(001\.A\/gone\.jpg\) has no train\/test flag/,
    );
    await writeFile(join(src, 'train_test_split.txt'), '1 1\n2 0\n');
    await expect(prepareCub(src, join(await temp(), 'o'))).rejects.toThrow(
      /Image '.*001\.A\/gone\.jpg' listed for test\/001\.A does not exist/,
    );
    await expect(prepareCub(join(src, 'nope'), join(await temp(), 'o'))).rejects.toBeInstanceOf(BadInputError);
  });
});

describe('Food-101', () => {
  it('places meta/train.txt and meta/test.txt entries (ids without extension)', async () => {
    const src = await temp();
    for (const id of ['apple_pie/1', 'apple_pie/2', 'apple_pie/3', 'ramen/7', 'ramen/8'])
      await jpeg(join(src, 'images', `${id}.jpg`), id.length * 9);
    await mkdir(join(src, 'meta'));
    await writeFile(join(src, 'meta/train.txt'), 'apple_pie/1\napple_pie/3\nramen/8\n');
    await writeFile(join(src, 'meta/test.txt'), 'apple_pie/2\nramen/7\n');
    const out = join(await temp(), 'food');
    await prepareFood101(src, out, 'link');
    expect(await tree(out)).toEqual([
      'test/apple_pie/2.jpg',
      'test/ramen/7.jpg',
      'train/apple_pie/1.jpg',
      'train/apple_pie/3.jpg',
      'train/ramen/8.jpg',
    ]);
    expect(await counts(out)).toEqual([2, 3, 2]);
    await expect(prepareFood101(src, out)).rejects.toThrow(/is not empty/);
  });
});

describe('Stanford Dogs', () => {
  const train = [
    'n02085620-Chihuahua/n02085620_1.jpg',
    'n02085782-Japanese_spaniel/n02085782_5.jpg',
    'n02085782-Japanese_spaniel/n02085782_6.jpg',
  ];
  const test = ['n02085620-Chihuahua/n02085620_2.jpg', 'n02085782-Japanese_spaniel/n02085782_9.jpg'];

  async function source(): Promise<string> {
    const src = await temp();
    for (const [i, rel] of [...train, ...test].entries()) await jpeg(join(src, 'Images', rel), 30 * i);
    return src;
  }

  it('reads file_list from train_list.mat / test_list.mat, compressed or not', async () => {
    for (const compress of [true, false]) {
      const src = await source();
      await writeFile(
        join(src, 'train_list.mat'),
        matFile(
          [
            cellOfStrings('file_list', train),
            cellOfStrings(
              'annotation_list',
              train.map((p) => p.replace('.jpg', '')),
            ),
            doubles('labels', [1, 2, 2]),
          ],
          compress,
        ),
      );
      await writeFile(
        join(src, 'test_list.mat'),
        matFile([cellOfStrings('file_list', test), doubles('labels', [1, 2])], compress),
      );
      const out = join(await temp(), 'dogs');
      expect(await prepareStanfordDogs(src, out)).toEqual({ train: 3, test: 2 });
      expect(await tree(out)).toEqual([...test.map((p) => `test/${p}`), ...train.map((p) => `train/${p}`)].sort());
      expect(await counts(out)).toEqual([2, 3, 2]);
    }
  });

  it('accepts train_list.txt / test_list.txt from a separate lists folder, and says what is missing', async () => {
    const src = await source();
    const lists = await temp();
    await writeFile(join(lists, 'train_list.txt'), train.join('\n'));
    await expect(prepareStanfordDogs(src, join(await temp(), 'o'), { lists })).rejects.toThrow(
      /No test list in '.*': expected test_list\.mat \(from lists\.tar\) or test_list\.txt/,
    );
    await writeFile(join(lists, 'test_list.txt'), test.join('\n'));
    expect(await prepareStanfordDogs(src, join(await temp(), 'o'), { lists })).toEqual({ train: 3, test: 2 });
  });

  it('the .mat reader returns numeric arrays and rejects non-.mat files', () => {
    const vars = readMat(
      matFile([doubles('labels', [3, 1.5]), cellOfStrings('file_list', ['a/b.jpg'])], true),
      'x.mat',
    );
    expect(vars.get('labels')).toEqual([3, 1.5]);
    expect(matStrings(vars.get('file_list'))).toEqual(['a/b.jpg']);
    expect(() => readMat(Buffer.from('hello'), 'x.mat')).toThrow(/x\.mat: not a little-endian MATLAB level-5/);
  });
});

describe('subset', () => {
  it('takes N seeded files per class and split, ignoring aclImdb unsup', async () => {
    const src = await temp();
    for (const split of ['train', 'test'])
      for (const cls of ['neg', 'pos', 'unsup'])
        for (let i = 0; i < 5; i++) {
          await mkdir(join(src, split, cls), { recursive: true });
          await writeFile(join(src, split, cls, `${i}_${cls === 'pos' ? 9 : 1}.txt`), `review ${split} ${cls} ${i}`);
        }
    const a = join(await temp(), 'a');
    const b = join(await temp(), 'b');
    const c = join(await temp(), 'c');
    expect(await makeSubset(src, a, 2, 42)).toEqual({ train: 4, test: 4 });
    await makeSubset(src, b, 2, 42);
    await makeSubset(src, c, 2, 7);
    expect(await tree(a)).toEqual(await tree(b));
    expect(await tree(a)).not.toEqual(await tree(c));
    expect((await tree(a)).some((p) => p.includes('unsup'))).toBe(false);
    expect(await counts(a)).toEqual([2, 4, 4]);
  });
});
