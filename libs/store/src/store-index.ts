/**
 * The store index: every manifest and every block's size and kind in one JSON file, so listing thousands of
 * models is one read, not a directory scan. The model and block files stay the source of truth; the index can
 * always be rebuilt from them (`rebuildIndex`).
 *
 * Concurrent writers: each writer keeps its additions in memory and merges them under a file lock: read the
 * index from disk, add, write atomically (temp + rename), release. Readers never lock; they see the old or the
 * new index, never a torn one. A writer that crashes between writing files and merging leaves files the index
 * does not know; `verify` reports them and `rebuildIndex` adopts them. Additions only: nothing is ever removed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlockId, ModelId, ModelManifest } from '@alsatian/core';
import { BadInputError, writeFileAtomic } from '@alsatian/core';
import type { StoreLayout } from './layout.ts';
import { modelIdFromFileStem, STORE_FORMAT } from './layout.ts';
import { withFileLock } from './lock.ts';

export interface BlockEntry {
  /** Bytes of the weights file. */
  readonly bytes: number;
  readonly kind: string;
}

export interface IndexData {
  format: number;
  models: Record<ModelId, ModelManifest>;
  blocks: Record<BlockId, BlockEntry>;
}

export function emptyIndex(): IndexData {
  return { format: STORE_FORMAT, models: {}, blocks: {} };
}

/** The index on disk, or undefined when there is none yet. */
export async function readIndex(layout: StoreLayout): Promise<IndexData | undefined> {
  let text: string;
  try {
    text = await readFile(layout.index, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BadInputError(`Cannot read the store index ${layout.index}: ${(error as Error).message}`, { cause: error });
  }
  let data: IndexData;
  try {
    data = JSON.parse(text) as IndexData;
  } catch (error) {
    throw new BadInputError(`The store index ${layout.index} is not valid JSON; run 'alsatian store verify --rebuild-index' to rebuild it from the model and block files.`, { cause: error });
  }
  if (data.format !== STORE_FORMAT) throw new BadInputError(`The store index ${layout.index} has format ${data.format}; this version reads format ${STORE_FORMAT}.`);
  return data;
}

/** Merges `pending` into the index on disk under the lock and returns the merged index. */
export async function mergeIntoIndex(layout: StoreLayout, pending: IndexData): Promise<IndexData> {
  return withFileLock(layout.lock, async () => {
    const current = (await readIndex(layout)) ?? emptyIndex();
    Object.assign(current.models, pending.models);
    Object.assign(current.blocks, pending.blocks);
    await writeFileAtomic(layout.index, JSON.stringify(current));
    return current;
  });
}

/** Rebuilds the index from the manifest and block files (after a crash, or to adopt files copied in). */
export async function rebuildIndex(layout: StoreLayout): Promise<IndexData> {
  const data = emptyIndex();
  for (const file of await listDir(layout.modelsDir)) {
    if (!file.endsWith('.json')) continue;
    const manifest = JSON.parse(await readFile(join(layout.modelsDir, file), 'utf8')) as ModelManifest;
    data.models[modelIdFromFileStem(file.slice(0, -5))] = manifest;
  }
  for (const fan of await listDir(layout.blocksDir)) {
    for (const file of await listDir(join(layout.blocksDir, fan))) {
      if (!file.endsWith('.json')) continue;
      const record = JSON.parse(await readFile(join(layout.blocksDir, fan, file), 'utf8')) as { bytes: number; descriptor: { kind: string } };
      data.blocks[file.slice(0, -5)] = { bytes: record.bytes, kind: record.descriptor.kind };
    }
  }
  return withFileLock(layout.lock, async () => {
    await writeFileAtomic(layout.index, JSON.stringify(data));
    return data;
  });
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
