/**
 * Where a feature store keeps things. A store is a directory holding a FORMAT marker, entries under
 * `entries/<first 2 hex of the node key>/<node key>/<item key>.f`, searches' lock files under `users/`, and a
 * size hint. Maintenance (prune, verify) only touches names of this shape, so pointing it at a wrong directory
 * cannot delete anything else: a directory without the marker is refused.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError } from '@alsatian/core';

export const FORMAT_FILE = 'FORMAT';
export const FORMAT_TEXT = 'alsatian feature store v1\n';
const KEY = /^[0-9a-f]{64}$/;
export const ENTRY_NAME = /^([0-9a-f]{64})\.f$/;

export function entriesDir(dir: string): string {
  return join(dir, 'entries');
}

export function nodeDir(dir: string, node: string): string {
  return join(dir, 'entries', node.slice(0, 2), node);
}

export function entryFile(dir: string, node: string, item: string): string {
  return join(nodeDir(dir, node), `${item}.f`);
}

export function usersDir(dir: string): string {
  return join(dir, 'users');
}

export function sizeHintFile(dir: string): string {
  return join(dir, 'size-hint.json');
}

export function checkKey(what: string, key: string): void {
  if (!KEY.test(key)) {
    throw new InvalidArgumentError(`feature store: ${what} key must be 64 lower-case hex characters, got '${key}'.`);
  }
}

/**
 * Opens `dir` as a feature store. `create`: make it (and the marker) when missing or empty; otherwise a missing
 * store is an error naming the path. A non-empty directory without the marker is never taken for a store.
 */
export async function openLayout(dir: string, create: boolean): Promise<void> {
  if (existsSync(join(dir, FORMAT_FILE))) return;
  const names = existsSync(dir) ? await readdir(dir) : undefined;
  if (names && names.length > 0) {
    throw new InvalidArgumentError(
      `${dir} is not a feature store (it has files but no ${FORMAT_FILE} marker); ` +
        'pass a new or empty directory to --feature-store.',
    );
  }
  if (!create) {
    throw new InvalidArgumentError(
      `${dir} is not a feature store (no ${FORMAT_FILE} marker); a search with --feature-store ${dir} creates one.`,
    );
  }
  await mkdir(entriesDir(dir), { recursive: true });
  await writeFile(join(dir, FORMAT_FILE), FORMAT_TEXT);
}
