/**
 * Stanford Dogs -> image-folder layout. Reads the official split lists `train_list.mat` and `test_list.mat`
 * (variable `file_list`: "<class dir>/<file>.jpg"; from lists.tar), or `train_list.txt` / `test_list.txt` with one
 * such path per line, and places `Images/<class dir>/<file>` into OUT/{train,test}/<class dir>/.
 * 12,000 train / 8,580 test images, 120 classes.
 *
 *   npx tsx datasets/scripts/prepare-stanford-dogs.ts --in stanford-dogs --out data/stanford-dogs [--lists DIR] [--link]
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BadInputError } from '@alsatian/core';
import {
  placeAll,
  readLines,
  requireDirectory,
  runScript,
  scriptArgs,
  stderrProgress,
  type PlaceMode,
  type Placement,
} from './layout.ts';
import { matStrings, readMat } from './mat5.ts';

async function splitList(listsDir: string, split: 'train' | 'test'): Promise<string[]> {
  const mat = join(listsDir, `${split}_list.mat`);
  const txt = join(listsDir, `${split}_list.txt`);
  if (existsSync(mat)) {
    const files = matStrings(readMat(await readFile(mat), mat).get('file_list'));
    if (files === undefined) throw new BadInputError(`${mat}: no cell array of strings named 'file_list'.`);
    return files;
  }
  if (existsSync(txt)) return readLines(txt);
  throw new BadInputError(
    `No ${split} list in '${listsDir}': expected ${split}_list.mat (from lists.tar) or ${split}_list.txt.`,
  );
}

export async function prepareStanfordDogs(
  input: string,
  out: string,
  options: { lists?: string; mode?: PlaceMode; onProgress?: (done: number, total: number) => void } = {},
) {
  await requireDirectory(join(input, 'Images'), 'Stanford Dogs Images folder');
  const listsDir = options.lists ?? input;
  const placements: Placement[] = [];
  for (const split of ['train', 'test'] as const) {
    for (const relative of await splitList(listsDir, split)) {
      const [className] = relative.split('/');
      placements.push({ source: join(input, 'Images', relative), split, className });
    }
  }
  return placeAll(out, placements, options.mode ?? 'copy', options.onProgress);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = scriptArgs(
    'usage: npx tsx datasets/scripts/prepare-stanford-dogs.ts --in DIR_WITH_Images --out DIR [--lists DIR_WITH_train_list.mat] [--link]',
    ['lists'],
  );
  runScript(async () => {
    const counts = await prepareStanfordDogs(args.input, args.out, {
      lists: args.values.lists,
      mode: args.mode,
      onProgress: stderrProgress('Stanford Dogs'),
    });
    return `Stanford Dogs: ${counts.train} train, ${counts.test} test images in ${args.out}`;
  });
}
