/**
 * Temp files left by a process that was killed (SIGKILL, power loss) between writing and renaming. Their names
 * carry the writer's pid (atomic.ts); one whose process no longer exists is removed by the next process that
 * opens the same directory. Limit: pids are per machine, so a directory written at once by processes on several
 * machines (a network share) could lose another machine's in-flight temp file, whose write then fails and is
 * retried by its user; one machine at a time is safe.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const TEMP_NAME = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** The pid in a temp file name written by writeFileAtomic, or undefined for any other name. */
export function tempFileOwner(name: string): number | undefined {
  const match = TEMP_NAME.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Whether process `pid` exists on this machine (EPERM: it exists but belongs to another user). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the dead writers' temp files directly in `dir` (not below it); returns the paths removed. */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = tempFileOwner(name);
    if (pid === undefined || processAlive(pid)) continue;
    try {
      await rm(join(dir, name), { force: true });
      removed.push(join(dir, name));
    } catch {
      // A read-only copy (a store shared without write permission) keeps its leftovers; readers ignore them.
    }
  }
  return removed;
}
