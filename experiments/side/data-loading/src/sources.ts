/**
 * The two data sources compared: a JPEG image folder decoded by the data lib's worker pool, and the same items
 * pre-decoded into one float32 tensor file (the reference's `preprocessed_ssd` dataset), read back in batches.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BadInputError, writeFileAtomic } from '@alsatian/core';
import { openDataset, writeSyntheticImageFolder } from '@alsatian/data';

export const SOURCES = ['jpeg-folder', 'tensor-file'] as const;
export type SourceName = (typeof SOURCES)[number];

export interface SourceSpec {
  readonly items: number;
  /** Side of the JPEG files written (the reference's photos are larger than the crop). */
  readonly jpegSize: number;
  /** Side of the decoded, transformed item (the model input). */
  readonly imageSize: number;
  readonly seed: number;
}

/** The JPEG folder `<dir>/jpeg` with `items` training images; written once (temp folder + rename), then reused. */
export async function ensureJpegFolder(dir: string, spec: SourceSpec): Promise<string> {
  const folder = join(dir, `jpeg-${spec.items}-${spec.jpegSize}px-s${spec.seed}`);
  if (existsSync(folder)) return folder;
  const temp = `${folder}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await writeSyntheticImageFolder(temp, {
    classes: 10,
    train: spec.items,
    test: 10,
    seed: spec.seed,
    size: spec.jpegSize,
  });
  await rename(temp, folder);
  return folder;
}

interface TensorFileHeader {
  readonly items: number;
  /** Per-item shape of the float32 tensor. */
  readonly shape: readonly number[];
}

/**
 * `<dir>/tensors-*.f32` holding every item of the JPEG folder decoded and transformed (item-major float32), with
 * a JSON header beside it. Written once, atomically, then reused.
 */
export async function ensureTensorFile(dir: string, jpegFolder: string, spec: SourceSpec): Promise<string> {
  const file = join(dir, `tensors-${spec.items}-${spec.imageSize}px-s${spec.seed}.f32`);
  if (existsSync(`${file}.json`)) return file;
  await mkdir(dir, { recursive: true });
  const dataset = await openDataset(jpegFolder, { imageSize: spec.imageSize });
  const chunks: Uint8Array[] = [];
  try {
    for await (const batch of dataset.train.batches({ start: 0, end: dataset.train.length }, { batchSize: 32 })) {
      const [images] = batch.inputs;
      chunks.push(new Uint8Array(images.data.buffer, images.data.byteOffset, images.data.byteLength));
    }
  } finally {
    await dataset.close();
  }
  await writeFileAtomic(file, chunks);
  const header: TensorFileHeader = { items: dataset.train.length, shape: [3, spec.imageSize, spec.imageSize] };
  await writeFileAtomic(`${file}.json`, `${JSON.stringify(header)}\n`);
  return file;
}

/**
 * Reads the tensor file in batches of `batchSize` items; each batch is split into `lanes` contiguous parts read
 * concurrently (the libuv thread pool plays the reference's loader workers). Yields the item count per batch.
 */
export async function* readTensorBatches(file: string, batchSize: number, lanes: number): AsyncGenerator<Float32Array> {
  const header = JSON.parse(await readFile(`${file}.json`, 'utf8')) as TensorFileHeader;
  const itemBytes = header.shape.reduce((p, d) => p * d, 4);
  const handle = await open(file, 'r');
  try {
    for (let start = 0; start < header.items; start += batchSize) {
      const count = Math.min(batchSize, header.items - start);
      const buffer = new Uint8Array(count * itemBytes);
      const per = Math.ceil(count / lanes);
      const reads = [];
      for (let first = 0; first < count; first += per) {
        const n = Math.min(per, count - first);
        reads.push(handle.read(buffer, first * itemBytes, n * itemBytes, (start + first) * itemBytes));
      }
      for (const r of await Promise.all(reads)) {
        if (r.bytesRead === 0)
          throw new BadInputError(`Tensor file ${file} is shorter than its header says (${header.items} items).`);
      }
      yield new Float32Array(buffer.buffer, 0, buffer.byteLength / 4);
    }
  } finally {
    await handle.close();
  }
}
