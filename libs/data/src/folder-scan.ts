import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { BadInputError, type Logger, type SkippedItem } from '@alsatian/core';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png'];
export const TEXT_EXTENSIONS = ['.txt'];
/** aclImdb keeps 50k unlabelled reviews in train/unsup; they are not a class. */
const NOT_CLASSES = new Set(['unsup']);

export type FolderKind = 'image' | 'text';

export interface ScannedSplit {
  readonly dir: string;
  readonly files: readonly string[];
  readonly labels: Int32Array;
}

export interface ScannedFolder {
  readonly kind: FolderKind;
  readonly classes: readonly string[];
  readonly train: ScannedSplit;
  readonly test: ScannedSplit;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** Class folder -> file names, for one split folder. */
async function listClasses(splitDir: string): Promise<Map<string, string[]>> {
  const classes = new Map<string, string[]>();
  const entries = await readdir(splitDir, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory() && !NOT_CLASSES.has(e.name) && !e.name.startsWith('.'))) {
    const files = await readdir(join(splitDir, entry.name));
    classes.set(entry.name, files.filter((f) => !f.startsWith('.')).sort());
  }
  return classes;
}

function ofKind(files: readonly string[], kind: FolderKind): string[] {
  const extensions = kind === 'image' ? IMAGE_EXTENSIONS : TEXT_EXTENSIONS;
  return files.filter((f) => extensions.includes(extname(f).toLowerCase()));
}

/** Why a file cannot be an item, found without decoding it (missing target, not a file, empty), or undefined. */
async function upFrontProblem(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return 'not a regular file';
    if (info.size === 0) return 'empty file (0 bytes)';
    return undefined;
  } catch (error) {
    return `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}

/**
 * Finds the layout `ROOT/{train, val|test}/<class>/<files>`, decides image or text from the file types, and checks
 * the structure. Problems (empty class folder, class missing from a split, unreadable or empty file) throw a
 * BadInputError naming the path, or with skipBad are reported through `skip` and left out.
 */
export async function scanFolder(
  root: string,
  skipBad: boolean,
  skip: (item: SkippedItem) => void,
  logger: Logger,
): Promise<ScannedFolder> {
  if (!(await isDirectory(root))) {
    throw new BadInputError(
      `Dataset directory '${root}' does not exist or is not a directory. Give a folder with train/ and val/ ` +
        `(or test/) class folders, or a synthetic spec (synthetic:..., synthetic-text:...).`,
    );
  }
  const trainDir = join(root, 'train');
  const testName = (await isDirectory(join(root, 'val'))) ? 'val' : 'test';
  const testDir = join(root, testName);
  for (const dir of [trainDir, testDir]) {
    if (!(await isDirectory(dir))) {
      throw new BadInputError(
        `Dataset directory '${root}' has no '${dir === trainDir ? 'train' : 'val or test'}' folder. Expected ` +
          `ROOT/train/<class>/* and ROOT/val/<class>/* (or ROOT/test/<class>/*).`,
      );
    }
  }
  const [trainClasses, testClasses] = await Promise.all([listClasses(trainDir), listClasses(testDir)]);
  const all = [...trainClasses.values(), ...testClasses.values()].flat();
  const images = ofKind(all, 'image').length;
  const texts = ofKind(all, 'text').length;
  if (images === 0 && texts === 0) {
    throw new BadInputError(
      `Dataset directory '${root}' is empty: no class folder under train/ or ${testName}/ holds ` +
        `${[...IMAGE_EXTENSIONS, ...TEXT_EXTENSIONS].join(', ')} files.`,
    );
  }
  if (images > 0 && texts > 0) {
    throw new BadInputError(
      `Dataset directory '${root}' mixes images (${images}) and text files (${texts}); a dataset holds one kind.`,
    );
  }
  const kind: FolderKind = images > 0 ? 'image' : 'text';
  const classes = [...new Set([...trainClasses.keys(), ...testClasses.keys()])].sort();
  const problem = (file: string, reason: string) => {
    if (!skipBad) throw new BadInputError(`${file}: ${reason}. Fix the dataset, or pass skip-bad to skip bad items.`);
    skip({ file, reason });
  };

  const scanSplit = async (dir: string, splitName: string, found: Map<string, string[]>): Promise<ScannedSplit> => {
    const files: string[] = [];
    const labels: number[] = [];
    for (const [label, name] of classes.entries()) {
      const listed = found.get(name);
      if (listed === undefined) {
        problem(
          join(dir, name),
          `class '${name}' is missing from the ${splitName} split (it exists in the other split)`,
        );
        continue;
      }
      const usable = ofKind(listed, kind);
      if (listed.length > usable.length)
        logger.debug(`${join(dir, name)}: ignored ${listed.length - usable.length} file(s) that are not ${kind}s`);
      if (usable.length === 0) {
        problem(
          join(dir, name),
          `empty class folder (no ${(kind === 'image' ? IMAGE_EXTENSIONS : TEXT_EXTENSIONS).join(', ')} files)`,
        );
        continue;
      }
      const paths = usable.map((f) => join(dir, name, f));
      const problems = await mapLimited(paths, 64, upFrontProblem);
      paths.forEach((path, i) => {
        const reason = problems[i];
        if (reason !== undefined) return problem(path, reason);
        files.push(path);
        labels.push(label);
      });
    }
    if (files.length === 0) throw new BadInputError(`Dataset split '${dir}' has no usable items.`);
    return { dir, files, labels: Int32Array.from(labels) };
  };
  const train = await scanSplit(trainDir, 'train', trainClasses);
  const test = await scanSplit(testDir, testName, testClasses);
  return { kind, classes, train, test };
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
