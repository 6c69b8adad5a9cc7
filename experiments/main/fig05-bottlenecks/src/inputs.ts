import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TensorSpec } from '@alsatian/core';
import { numel, Rng, writeFileAtomic } from '@alsatian/core';
import { writeSyntheticImageFolder } from '@alsatian/data';

const READY = '.ready';

/**
 * The JPEG folder Fig 5 decodes (the paper: Imagenette's raw JPEGs), shared by every cell of a results root under
 * `<results>/_data/`. Images are written at twice the model's input side, so decoding and resizing do real work.
 * Written into a temp folder and renamed when complete; generation is never part of a measured time.
 */
export async function ensureImageFolder(
  runDir: string,
  items: number,
  imageSize: number,
  seed: number,
): Promise<string> {
  const root = resolve(runDir, '..', '..', '_data');
  const dir = join(root, `fig05-jpeg-${2 * imageSize}px-n${items}-s${seed}`);
  if (existsSync(join(dir, READY))) return dir;
  await mkdir(root, { recursive: true });
  const temp = join(root, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeSyntheticImageFolder(temp, { classes: 10, train: items, test: 10, seed, size: 2 * imageSize });
    await writeFileAtomic(join(temp, READY), '');
    await rm(dir, { recursive: true, force: true });
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

/**
 * Pre-computed intermediates for panel (d): one file of raw float32 per batch, shaped as the input of the first
 * cached-from block, seeded random values (as the reference's persisted dummy tensors). Returns the batch files.
 */
export async function writeIntermediates(
  dir: string,
  spec: TensorSpec,
  items: number,
  batchSize: number,
  seed: number,
): Promise<{ file: string; rows: number }[]> {
  await mkdir(dir, { recursive: true });
  const rng = Rng.derive(seed, 'fig05-intermediates', spec.name, ...spec.shape);
  const files: { file: string; rows: number }[] = [];
  for (let start = 0, b = 0; start < items; start += batchSize, b++) {
    const rows = Math.min(batchSize, items - start);
    const values = rng.fillUniform(new Float32Array(rows * numel(spec.shape)), -1, 1);
    const file = join(dir, `batch-${String(b).padStart(4, '0')}.f32`);
    await writeFileAtomic(file, new Uint8Array(values.buffer));
    files.push({ file, rows });
  }
  return files;
}
