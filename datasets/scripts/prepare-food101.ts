/**
 * Food-101 -> image-folder layout. Reads `meta/train.txt` and `meta/test.txt` ("<class>/<id>", no extension) from
 * the extracted `food-101/` folder and places `images/<class>/<id>.jpg` into OUT/{train,test}/<class>/.
 * 75,750 train / 25,250 test images, 101 classes.
 *
 *   npx tsx datasets/scripts/prepare-food101.ts --in food-101 --out data/food101 [--link]
 */
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

export async function prepareFood101(
  input: string,
  out: string,
  mode: PlaceMode = 'copy',
  onProgress?: (done: number, total: number) => void,
) {
  await requireDirectory(join(input, 'images'), 'Food-101 images folder');
  const placements: Placement[] = [];
  for (const split of ['train', 'test'] as const) {
    const list = join(input, 'meta', `${split}.txt`);
    for (const entry of await readLines(list)) {
      const parts = entry.split('/');
      if (parts.length !== 2) throw new BadInputError(`${list}: expected '<class>/<image id>', got '${entry}'.`);
      placements.push({ source: join(input, 'images', `${entry}.jpg`), split, className: parts[0] });
    }
  }
  return placeAll(out, placements, mode, onProgress);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = scriptArgs('usage: npx tsx datasets/scripts/prepare-food101.ts --in food-101 --out DIR [--link]');
  runScript(async () => {
    const counts = await prepareFood101(args.input, args.out, args.mode, stderrProgress('Food-101'));
    return `Food-101: ${counts.train} train, ${counts.test} test images in ${args.out}`;
  });
}
