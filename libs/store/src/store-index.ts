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
import { BadInputError, parseJson, writeFileAtomic } from '@alsatian/core';
import { BLOCK_ID_PATTERN } from './block-id.ts';
import type { StoreLayout } from './layout.ts';
import { modelIdFromFileStem, STORE_FORMAT } from './layout.ts';
import { checkBlockRecord, checkIndex, checkManifest } from './store-schema.ts';
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
    throw new BadInputError(`Cannot read the store index ${layout.index}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return checkIndex(parseJson(text, layout.index, 'a store index'), layout.index);
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
    throw new BadInputError(
      `${error.message} Run 'alsatian store verify --rebuild-index --store ${layout.dir}' to rebuild it from ` +
        `the model and block files.`,
      { cause: error },
    );
  }
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

/**
 * Rebuilds the index from the manifest and block files (after a crash, or to adopt files copied in). A damaged
 * file stops the rebuild with an error naming it: the index must not silently drop a model.
 */
export async function rebuildIndex(layout: StoreLayout): Promise<IndexData> {
  const data = emptyIndex();
  for (const file of await listDir(layout.modelsDir)) {
    if (!file.endsWith('.json')) continue;
    const path = join(layout.modelsDir, file);
    const id = modelIdFromFileStem(file.slice(0, -5));
    if (id === undefined)
      throw unusable(
        layout,
        path,
        'its name does not encode a model id (this store never writes such a name).',
        'move it out of the models folder',
      );
    data.models[id] = await readChecked(
      layout,
      path,
      (value) => checkManifest(value, path, id),
      'a model manifest',
      `move the file out of ${layout.modelsDir} (this drops model '${id}'; re-import or regenerate it ` +
        `afterwards) or restore it from a copy`,
    );
  }
  for (const fan of await listDir(layout.blocksDir)) {
    for (const file of await listDir(join(layout.blocksDir, fan))) {
      if (!file.endsWith('.json')) continue;
      const path = join(layout.blocksDir, fan, file);
      const id = file.slice(0, -5);
      if (!BLOCK_ID_PATTERN.test(id))
        throw unusable(layout, path, 'its name is not a block id.', 'move it out of the blocks folder');
      const record = await readChecked(
        layout,
        path,
        (value) => checkBlockRecord(value, path),
        'a block descriptor record',
        'delete it and its .safetensors file, then re-import or regenerate the models that use the block',
      );
      data.blocks[id] = { bytes: record.bytes, kind: record.descriptor.kind };
    }
  }
  return withFileLock(layout.lock, async () => {
    await writeFileAtomic(layout.index, JSON.stringify(data));
    return data;
  });
}

async function readChecked<T>(
  layout: StoreLayout,
  path: string,
  check: (value: unknown) => T,
  what: string,
  fix: string,
): Promise<T> {
  try {
    return check(parseJson(await readFile(path, 'utf8'), path, what));
  } catch (error) {
    if (!(error instanceof BadInputError) && typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    throw unusable(layout, path, (error as Error).message.replace(`${path}: `, ''), fix, error);
  }
}

function unusable(layout: StoreLayout, path: string, problem: string, fix: string, cause?: unknown): BadInputError {
  return new BadInputError(
    `Cannot rebuild the index of the store ${layout.dir}: ${path}: ${problem} To go on, ${fix}.`,
    { cause },
  );
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
