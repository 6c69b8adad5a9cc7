import { open, readFile, rm } from 'node:fs/promises';
import { InvalidArgumentError } from '@alsatian/core';

/**
 * One runner per run directory: two appending to the same CSV would duplicate units. The lock file holds the
 * owner's pid; a lock left by a killed runner (its pid no longer alive) is taken over, so resuming needs no
 * manual clean-up.
 */
export async function acquireRunLock(path: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new InvalidArgumentError(
        `Run directory lock ${path} is held by running process ${owner}; wait for it or stop it first.`,
      );
    }
    await rm(path, { force: true });
  }
  throw new InvalidArgumentError(`Could not take the run directory lock ${path}: another runner keeps taking it.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
