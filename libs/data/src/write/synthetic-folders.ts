import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { InvalidArgumentError, writeFileAtomic, type ProgressListener } from '@alsatian/core';
import { classStyles, syntheticClassNames, syntheticItemParams, syntheticLabel } from '../images/synthetic-style.ts';
import { reviewGenerator, syntheticTextClassNames } from '../text/synthetic-text.ts';
import { syntheticVocabulary } from '../text/vocab.ts';
import { renderSyntheticRgb } from '../worker/synthetic-render.mjs';

export interface SyntheticFolderOptions {
  readonly classes: number;
  readonly train: number;
  readonly test: number;
  readonly seed: number;
  readonly onProgress?: ProgressListener;
}

export interface SyntheticImageFolderOptions extends SyntheticFolderOptions {
  /** Side of the square images written (default 256: the resize size, so Resize+CenterCrop behave as on photos). */
  readonly size?: number;
  /** JPEG quality (default 90). */
  readonly quality?: number;
}

function check(options: SyntheticFolderOptions & { size?: number; quality?: number }): void {
  const rules: [string, number | undefined, number, number][] = [
    ['classes', options.classes, 2, Infinity],
    ['train', options.train, 1, Infinity],
    ['test', options.test, 1, Infinity],
    ['seed', options.seed, 0, Infinity],
    ['size', options.size, 8, 8192],
    ['quality', options.quality, 1, 100],
  ];
  for (const [name, value, min, max] of rules) {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new InvalidArgumentError(
        `Synthetic data option ${name} must be an integer in [${min}, ${max}], got ${value}.`,
      );
    }
  }
}

async function requireEmpty(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => []);
  if (entries.length > 0)
    throw new InvalidArgumentError(`Output directory '${outDir}' is not empty; choose a new or empty directory.`);
}

/** Runs `work(0..count-1)` with at most `limit` in flight, reporting progress after each. */
async function forEachLimited(
  count: number,
  limit: number,
  work: (i: number) => Promise<void>,
  progress: (done: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < count) {
      await work(next++);
      progress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}

/**
 * Writes the synthetic images (the same generator as `synthetic:` specs) as JPEG files in the image-folder layout
 * `outDir/{train,val}/classNN/<split>-<index>.jpg`, each file atomically.
 */
export async function writeSyntheticImageFolder(outDir: string, options: SyntheticImageFolderOptions): Promise<void> {
  check(options);
  await requireEmpty(outDir);
  const size = options.size ?? 256;
  const quality = options.quality ?? 90;
  const names = syntheticClassNames(options.classes);
  const styles = classStyles(options.seed, options.classes);
  const jobs = [
    ...Array.from({ length: options.train }, (_, i) => ['train', 'train', i] as const),
    ...Array.from({ length: options.test }, (_, i) => ['test', 'val', i] as const),
  ];
  const width = String(Math.max(options.train, options.test) - 1).length;
  await forEachLimited(
    jobs.length,
    8,
    async (j) => {
      const [split, folder, index] = jobs[j];
      const rgb = renderSyntheticRgb(syntheticItemParams(options.seed, split, index, size, styles));
      const jpeg = await sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
        .jpeg({ quality })
        .toBuffer();
      const label = names[syntheticLabel(index, options.classes)];
      await writeFileAtomic(join(outDir, folder, label, `${split}-${String(index).padStart(width, '0')}.jpg`), jpeg);
    },
    (done) => options.onProgress?.({ task: 'synthetic images', done, total: jobs.length }),
  );
}

/**
 * Writes a synthetic review corpus in IMDB's layout `outDir/{train,test}/<class>/<index>_<label>.txt` (classes neg
 * and pos for two classes) and the synthetic WordPiece vocabulary as `outDir/vocab.txt`.
 */
export async function writeSyntheticTextFolder(outDir: string, options: SyntheticFolderOptions): Promise<void> {
  check(options);
  await requireEmpty(outDir);
  const names = syntheticTextClassNames(options.classes);
  const generator = reviewGenerator(options.seed, options.classes);
  const jobs = [
    ...Array.from({ length: options.train }, (_, i) => ['train', i] as const),
    ...Array.from({ length: options.test }, (_, i) => ['test', i] as const),
  ];
  await writeFileAtomic(join(outDir, 'vocab.txt'), `${syntheticVocabulary().join('\n')}\n`);
  await forEachLimited(
    jobs.length,
    16,
    async (j) => {
      const [split, index] = jobs[j];
      const label = index % options.classes;
      await writeFileAtomic(join(outDir, split, names[label], `${index}_${label}.txt`), generator.review(split, index));
    },
    (done) => options.onProgress?.({ task: 'synthetic reviews', done, total: jobs.length }),
  );
}
