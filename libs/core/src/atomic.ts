import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DiskFullError, isDiskFull } from './errors.ts';

/** `<file>.<pid>.<8 hex>.tmp`: the pid lets a later process tell a dead writer's leftovers from a live one's. */
export function tempFileName(path: string, pid = process.pid): string {
  return `${path}.${pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Writes a file so that readers never see it half-written: write a temp file beside it (pid + random suffix),
 * then rename it into place. On failure the temp file is removed and the old file, if any, is untouched; a full
 * disk becomes a DiskFullError naming the file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempFileName(path);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await writeFile(temp, data);
    else await writeFile(temp, data as Uint8Array[]);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    if (isDiskFull(error)) {
      throw new DiskFullError(
        path,
        `No space left on the device (${(error as NodeJS.ErrnoException).code}) while writing ${path}; the ` +
          `partial temp file was removed and ${path} is as it was. Free space on that device and retry.`,
        { cause: error },
      );
    }
    throw error;
  }
}
