/**
 * A seeded sub-dataset: N files per class and split from any folder in the layout ROOT/{train,val|test}/<class>/*
 * (image folders, aclImdb), copied or hard-linked to OUT. The paper's reduced IMDB takes size/2 reviews per class
 * (unseeded in the original; seeded here). `openDataset(root, { perClass })` does the same in memory.
 *
 *   npx tsx datasets/scripts/subset.ts --in aclImdb --out aclImdb-2000 --per-class 1000 [--seed 42] [--link]
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidArgumentError, Rng } from '@alsatian/core';
import { placeAll, requireDirectory, runScript, scriptArgs, type PlaceMode, type Placement } from './layout.ts';

const NOT_CLASSES = new Set(['unsup']);

export async function makeSubset(input: string, out: string, perClass: number, seed = 42, mode: PlaceMode = 'copy') {
  if (!Number.isInteger(perClass) || perClass < 1)
    throw new InvalidArgumentError(`--per-class must be an integer >= 1, got ${perClass}.`);
  await requireDirectory(join(input, 'train'), 'Train folder');
  const testFolder = existsSync(join(input, 'val')) ? 'val' : 'test';
  await requireDirectory(join(input, testFolder), 'Test (val) folder');
  const placements: Placement[] = [];
  for (const [folder, split] of [
    ['train', 'train'],
    [testFolder, 'test'],
  ] as const) {
    const dir = join(input, folder);
    const classes = await readdir(dir, { withFileTypes: true });
    for (const entry of classes
      .filter((e) => e.isDirectory() && !NOT_CLASSES.has(e.name))
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const files = (await readdir(join(dir, entry.name))).filter((f) => !f.startsWith('.')).sort();
      const chosen = Rng.derive(seed, 'subset', folder, entry.name).shuffle(files).slice(0, perClass);
      placements.push(...chosen.map((f) => ({ source: join(dir, entry.name, f), split, className: entry.name })));
    }
  }
  return placeAll(out, placements, mode);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = scriptArgs(
    'usage: npx tsx datasets/scripts/subset.ts --in ROOT --out DIR --per-class N [--seed 42] [--link]',
    ['per-class', 'seed'],
  );
  runScript(async () => {
    const counts = await makeSubset(
      args.input,
      args.out,
      Number(args.values['per-class']),
      Number(args.values.seed ?? 42),
      args.mode,
    );
    return `subset: ${counts.train} train, ${counts.test} test files in ${args.out}`;
  });
}
