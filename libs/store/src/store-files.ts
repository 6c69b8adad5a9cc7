/** File helpers of the store: the format marker, stale temp files, removal and sizes that tolerate absence. */
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BadInputError, parseJson, removeStaleTempFiles, writeFileAtomic } from '@alsatian/core';
import type { StoreLayout } from './layout.ts';
import { STORE_FORMAT } from './layout.ts';
import { checkMarker } from './store-schema.ts';

export async function writeMarker(layout: StoreLayout): Promise<void> {
  let text: string;
  try {
    text = await readFile(layout.marker, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeFileAtomic(layout.marker, JSON.stringify({ format: STORE_FORMAT }));
    return;
  }
  const format = checkMarker(parseJson(text, layout.marker, 'a store format marker'), layout.marker);
  if (format !== STORE_FORMAT)
    throw new BadInputError(
      `${layout.marker}: ${layout.dir} is a store of format ${format}; this version reads format ${STORE_FORMAT}.`,
    );
}

/** Temp files of writers killed before their rename (atomic.ts names them by pid): removed at every open. */
export async function removeStaleTemps(layout: StoreLayout): Promise<void> {
  const dirs = [layout.dir, layout.modelsDir];
  const fans = await readdir(layout.blocksDir).catch(() => [] as string[]);
  dirs.push(...fans.map((fan) => join(layout.blocksDir, fan)));
  for (const dir of dirs) await removeStaleTempFiles(dir);
}

export async function removeFile(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}
