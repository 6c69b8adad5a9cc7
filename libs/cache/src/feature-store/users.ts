/**
 * Searches that use a store right now. Each registers a file `users/<pid>.json` holding when it started; entries
 * it reads or writes get an mtime at or after that. Eviction never removes an entry whose mtime is at or after the
 * start of the oldest live user, so a concurrent prune (another search's, or `features prune`) cannot take away
 * an entry that a running search has planned to read. Users whose process died are ignored and their files removed.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive, writeFileAtomic } from '@alsatian/core';
import { usersDir } from './layout.ts';

export async function registerUser(dir: string): Promise<{ since: number; release: () => Promise<void> }> {
  const file = join(usersDir(dir), `${process.pid}-${Math.random().toString(16).slice(2, 10)}.json`);
  // mtimes have a coarse resolution on some file systems: register a second early so no touch predates it.
  const since = Date.now() - 1000;
  await writeFileAtomic(file, JSON.stringify({ pid: process.pid, since }));
  return { since, release: () => rm(file, { force: true }) };
}

/** Start time (ms) of the oldest live user, or Infinity when none. */
export async function oldestLiveUser(dir: string): Promise<number> {
  const names = await readdir(usersDir(dir)).catch(() => [] as string[]);
  let oldest = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const match = /^(\d+)-[0-9a-f]+\.json$/.exec(name);
    if (!match) continue;
    const file = join(usersDir(dir), name);
    if (!processAlive(Number(match[1]))) {
      await rm(file, { force: true });
      continue;
    }
    try {
      const since = Number(JSON.parse(await readFile(file, 'utf8')).since);
      if (Number.isFinite(since)) oldest = Math.min(oldest, since);
    } catch {
      // A user that just left (file removed between readdir and read) holds nothing.
    }
  }
  return oldest;
}
