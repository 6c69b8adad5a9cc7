/**
 * Shared steps of the preparation scripts: check inputs, and place each image into the image-folder layout
 * `OUT/{train,test}/<class>/<file>` that `openDataset` reads. Files are copied (or hard-linked with --link, which
 * costs no space) through a temp name and a rename, so an interrupted run leaves no half-written image.
 */
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { AlsatianError, BadInputError, InvalidArgumentError } from '@alsatian/core';

export type PlaceMode = 'copy' | 'link';

export interface Placement {
  readonly source: string;
  readonly split: 'train' | 'test';
  readonly className: string;
  /** File name in the class folder (default: the source's base name). */
  readonly name?: string;
}

export async function requireFile(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile())
    throw new BadInputError(`${what} '${path}' is missing. Check that you passed the extracted dataset folder.`);
}

export async function requireDirectory(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory())
    throw new BadInputError(
      `${what} '${path}' is missing or not a directory. Check that you passed the extracted dataset folder.`,
    );
}

export async function requireEmptyOutput(out: string): Promise<void> {
  const entries = await readdir(out).catch(() => []);
  if (entries.length > 0)
    throw new InvalidArgumentError(`Output directory '${out}' is not empty; choose a new or empty directory.`);
}

/** Lines of a text list file, trimmed, without blank lines. */
export async function readLines(path: string): Promise<string[]> {
  await requireFile(path, 'List file');
  return (await readFile(path, 'utf8'))
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

async function placeOne(out: string, p: Placement, mode: PlaceMode): Promise<void> {
  const target = join(out, p.split, p.className, p.name ?? basename(p.source));
  const temp = `${target}.${process.pid}.tmp`;
  await mkdir(dirname(target), { recursive: true });
  try {
    if (mode === 'link') await link(p.source, temp);
    else await copyFile(p.source, temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new BadInputError(`Image '${p.source}' listed for ${p.split}/${p.className} does not exist.`);
    throw error;
  }
}

/** Places all images, a few at a time, reporting progress; returns the count per split. */
export async function placeAll(
  out: string,
  placements: readonly Placement[],
  mode: PlaceMode,
  onProgress?: (done: number, total: number) => void,
): Promise<{ train: number; test: number }> {
  await requireEmptyOutput(out);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < placements.length) {
      await placeOne(out, placements[next++], mode);
      onProgress?.(++done, placements.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, placements.length) }, lane));
  return {
    train: placements.filter((p) => p.split === 'train').length,
    test: placements.filter((p) => p.split === 'test').length,
  };
}

/** `--in DIR --out DIR [--link]` plus script-specific string options. */
export function scriptArgs(
  usage: string,
  extra: string[] = [],
): { input: string; out: string; mode: PlaceMode; values: Record<string, string | undefined> } {
  const options = Object.fromEntries([...['in', 'out'], ...extra].map((k) => [k, { type: 'string' as const }]));
  const parsed = parseArgs({
    options: { ...options, link: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  });
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help || typeof values.in !== 'string' || typeof values.out !== 'string') {
    process.stderr.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  return {
    input: values.in,
    out: values.out,
    mode: values.link ? 'link' : 'copy',
    values: values as Record<string, string | undefined>,
  };
}

/** Runs a script's main, printing user mistakes as one line (no stack) and exiting non-zero. */
export function runScript(main: () => Promise<string>): void {
  main().then(
    (summary) => process.stdout.write(`${summary}\n`),
    (error: unknown) => {
      if (error instanceof AlsatianError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(2);
      }
      throw error;
    },
  );
}

/** Progress on stderr, at most every 2 %. */
export function stderrProgress(label: string): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / total);
    if (pct >= shown + 2 || done === total) {
      shown = pct;
      process.stderr.write(`\r${label}: ${done}/${total} (${pct} %)${done === total ? '\n' : ''}`);
    }
  };
}
