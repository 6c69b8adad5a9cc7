/**
 * The paper's I/O model, made explicit. The paper's model store sat on a disk read at 200 MB/s, behind the
 * operating system's page cache: the first read of a model file in a search came from the slow disk, a re-read of
 * the same file came from memory, as long as the page cache still held it (the paper's Base and SHiFT slowed down
 * in the 10 GB and 5 GB containers of Fig 16 because fewer model files stayed cached). Our reads always come from
 * this machine's own storage, so the model decides which reads are paced: a block read is throttled when the
 * modelled page cache does not hold it, and then enters the cache (least recently read files leave first when it
 * is full). A store handle starts with an empty page cache, as the paper's runs started with a dropped one.
 */
import type { BlockId } from '@alsatian/core';
import type { RateLimiter } from './rate-limit.ts';

export interface ReadStats {
  /** Reads paced as the slow disk (not in the modelled page cache). */
  readonly fromDisk: { readonly reads: number; readonly bytes: number };
  /** Reads at memory speed (the modelled page cache held the file). */
  readonly fromPageCache: { readonly reads: number; readonly bytes: number };
}

export interface DiskModel {
  /** The limiter pacing a read of block `id` (`bytes` long), or undefined when the page cache holds it. */
  pacingFor(id: BlockId, bytes: number): RateLimiter | undefined;
  stats(): ReadStats;
}

/** `limiter` undefined: no slow disk (every read at the machine's own speed, counted as from the page cache). */
export function diskModel(limiter: RateLimiter | undefined, pageCacheBytes = Number.POSITIVE_INFINITY): DiskModel {
  if (!(pageCacheBytes >= 0))
    throw new RangeError(`diskModel: the page cache must be >= 0 bytes, got ${pageCacheBytes}`);
  /** Files in the page cache, least recently read first. */
  const cached = new Map<BlockId, number>();
  let held = 0;
  const disk = { reads: 0, bytes: 0 };
  const memory = { reads: 0, bytes: 0 };
  return {
    pacingFor(id, bytes) {
      const hit = cached.get(id);
      if (hit !== undefined || !limiter) {
        if (hit !== undefined) {
          cached.delete(id);
          cached.set(id, hit);
        }
        memory.reads++;
        memory.bytes += bytes;
        return undefined;
      }
      disk.reads++;
      disk.bytes += bytes;
      if (bytes <= pageCacheBytes) {
        for (const [old, size] of cached) {
          if (held + bytes <= pageCacheBytes) break;
          cached.delete(old);
          held -= size;
        }
        cached.set(id, bytes);
        held += bytes;
      }
      return limiter;
    },
    stats: () => ({ fromDisk: { ...disk }, fromPageCache: { ...memory } }),
  };
}
