import { writeFile } from 'node:fs/promises';
import { execa } from 'execa';

/** What happened when the runner tried to make the OS page cache cold before a unit. */
export type CacheDropResult = { readonly dropped: true } | { readonly dropped: false; readonly reason: string };

export type CacheDropper = () => Promise<CacheDropResult>;

export const DROP_PAGE_CACHE_METHOD = 'sync; echo 3 > /proc/sys/vm/drop_caches';

/**
 * Empties the Linux page cache, as the paper's host script did between runs, so model files are read from disk
 * again. Needs root (or CAP_SYS_ADMIN) outside a read-only /proc; otherwise says why it could not.
 */
export async function dropPageCache(): Promise<CacheDropResult> {
  if (process.platform !== 'linux')
    return { dropped: false, reason: `no /proc/sys/vm/drop_caches on ${process.platform}` };
  const sync = await execa('sync', [], { reject: false });
  if (sync.exitCode !== 0) return { dropped: false, reason: `sync failed: ${sync.shortMessage}` };
  try {
    await writeFile('/proc/sys/vm/drop_caches', '3\n');
    return { dropped: true };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return {
      dropped: false,
      reason: `cannot write /proc/sys/vm/drop_caches (${e.code ?? e.message}); run as root to drop the page cache`,
    };
  }
}
