/**
 * A cross-process lock on a file name, for the read-merge-write of the store index. Created with O_EXCL, so only
 * one writer holds it; a lock older than STALE_MS is taken to be left by a crashed writer and removed.
 * Limits: this is advisory and relies on O_EXCL being atomic (local file systems; NFSv3+ too, not older NFS).
 */
import { open, rm, stat } from 'node:fs/promises';
import { AlsatianError, DiskFullError, isDiskFull } from '@alsatian/core';

const STALE_MS = 60_000;
const WAIT_MS = 120_000;

export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  await acquire(path);
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

async function acquire(path: string): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    let handle;
    try {
      handle = await open(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (handle) {
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
        await handle.close();
        return;
      } catch (error) {
        // A lock file we could not finish (a full disk) must not make other writers wait for it to go stale.
        await handle.close().catch(() => undefined);
        await rm(path, { force: true });
        if (isDiskFull(error))
          throw new DiskFullError(
            path,
            `No space left on the device (${(error as NodeJS.ErrnoException).code}) while taking the store ` +
              `lock ${path}; the lock file was removed. Free space on that device and retry.`,
            { cause: error },
          );
        throw error;
      }
    }
    const age = await lockAge(path);
    if (age !== undefined && age > STALE_MS) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() - started > WAIT_MS) {
      throw new AlsatianError(
        `Timed out after ${WAIT_MS / 1000} s waiting for the store lock ${path}; if no other alsatian ` +
          `process is writing to this store, delete the file.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * 2 ** Math.min(attempt, 6))));
  }
}

async function lockAge(path: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}
