/**
 * CUB-200-2011 -> image-folder layout. Reads `images.txt` ("<id> <class dir>/<file>.jpg") and
 * `train_test_split.txt` ("<id> <1 = train | 0 = test>") from the extracted `CUB_200_2011/` folder and places
 * `images/<class dir>/<file>` into OUT/{train,test}/<class dir>/. 5,994 train / 5,794 test images, 200 classes.
 *
 *   npx tsx datasets/scripts/prepare-cub.ts --in CUB_200_2011 --out data/cub [--link]
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

function pairs(lines: string[], file: string): Map<string, string> {
  const map = new Map<string, string>();
  lines.forEach((line, i) => {
    const match = /^(\S+)\s+(.+)$/.exec(line);
    if (!match) throw new BadInputError(`${file}:${i + 1}: expected '<image id> <value>', got '${line}'.`);
    map.set(match[1], match[2]);
  });
  return map;
}

export async function prepareCub(
  input: string,
  out: string,
  mode: PlaceMode = 'copy',
  onProgress?: (done: number, total: number) => void,
) {
  await requireDirectory(join(input, 'images'), 'CUB images folder');
  const imagesFile = join(input, 'images.txt');
  const splitFile = join(input, 'train_test_split.txt');
  const images = pairs(await readLines(imagesFile), imagesFile);
  const split = pairs(await readLines(splitFile), splitFile);
  const placements: Placement[] = [];
  for (const [id, relative] of images) {
    const flag = split.get(id);
    if (flag !== '0' && flag !== '1')
      throw new BadInputError(`${splitFile}: image id ${id} (${relative}) has no train/test flag (expected 1 or 0).`);
    const [className] = relative.split('/');
    placements.push({ source: join(input, 'images', relative), split: flag === '1' ? 'train' : 'test', className });
  }
  return placeAll(out, placements, mode, onProgress);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = scriptArgs('usage: npx tsx datasets/scripts/prepare-cub.ts --in CUB_200_2011 --out DIR [--link]');
  runScript(async () => {
    const counts = await prepareCub(args.input, args.out, args.mode, stderrProgress('CUB-200'));
    return `CUB-200-2011: ${counts.train} train, ${counts.test} test images in ${args.out}`;
  });
}
