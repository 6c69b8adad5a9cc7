/**
 * A search's work directory (features written to disk by Base and SHiFT): `<temp dir>/alsatian-search-<pid>-XXXXXX`.
 * A search removes its own when it ends, but one killed with SIGKILL cannot; so every search first removes the
 * work directories of searches whose process no longer exists (on this machine: pids are per machine).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '@alsatian/core';

const PREFIX = 'alsatian-search-';
const OWNED = /^alsatian-search-(\d+)-/;

export async function createWorkDir(parent = tmpdir()): Promise<string> {
  await removeStaleWorkDirs(parent);
  return mkdtemp(join(parent, `${PREFIX}${process.pid}-`));
}

/** Removes the work directories in `parent` left by searches that were killed; returns their paths. */
export async function removeStaleWorkDirs(parent = tmpdir()): Promise<string[]> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const match = OWNED.exec(name);
    return match !== null && !processAlive(Number(match[1]));
  });
  for (const name of stale) await rm(join(parent, name), { recursive: true, force: true });
  return stale.map((name) => join(parent, name));
}
