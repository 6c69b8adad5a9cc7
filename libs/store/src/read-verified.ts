/**
 * Reads a block's weights file in chunks, hashing while reading, optionally paced by a rate limiter. Chunked
 * reads into one preallocated buffer keep the cost close to a plain read of the same bytes.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { RateLimiter } from './rate-limit.ts';

const CHUNK_BYTES = 4 * 2 ** 20;

export interface VerifiedRead {
  readonly bytes: Uint8Array;
  /** sha256 of the file, or undefined when hashing was switched off. */
  readonly sha256?: string;
  /** Size of the file on disk (may differ from `expectedBytes`, which the caller then reports). */
  readonly fileBytes: number;
  /** inode, size and ctime: changes whenever the file is written (ctime cannot be set back by users). */
  readonly signature: string;
}

/** Throws the fs error (ENOENT etc.) unchanged; the caller turns it into an IntegrityError naming the block. */
export async function readVerified(
  path: string,
  expectedBytes: number,
  options: {
    limiter?: RateLimiter;
    hash: boolean | ((signature: string) => boolean);
    /** Where the bytes go: a buffer of exactly this length at offset 0 of its ArrayBuffer (default: a new one). */
    allocate?: (bytes: number) => Buffer;
  },
): Promise<VerifiedRead> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat({ bigint: true });
    const fileBytes = Number(stat.size);
    const signature = `${stat.ino}:${stat.size}:${stat.ctimeNs}`;
    if (fileBytes !== expectedBytes) return { bytes: new Uint8Array(0), fileBytes, signature };
    const wantHash = typeof options.hash === 'function' ? options.hash(signature) : options.hash;
    // Unpooled, so the buffer starts at offset 0 of its own ArrayBuffer and tensors can be views into it.
    const bytes = options.allocate ? options.allocate(fileBytes) : Buffer.allocUnsafeSlow(fileBytes);
    const hash = wantHash ? createHash('sha256') : undefined;
    // Chunks only where something happens between them (hashing, pacing); otherwise one read, one turn of the
    // event loop, which matters to a read in the background while inference keeps this thread busy.
    const chunk = hash || options.limiter ? CHUNK_BYTES : Math.max(fileBytes, 1);
    let offset = 0;
    let hashed = 0;
    while (offset < fileBytes) {
      const length = Math.min(chunk, fileBytes - offset);
      if (options.limiter) await options.limiter.take(length);
      // The next chunk is read on the thread pool while this thread hashes the previous one.
      const reading = handle.read(bytes, offset, length, offset);
      if (hash && hashed < offset) hash.update(bytes.subarray(hashed, offset));
      hashed = offset;
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    if (hash && hashed < offset) hash.update(bytes.subarray(hashed, offset));
    return { bytes: bytes.subarray(0, offset), sha256: hash?.digest('hex'), fileBytes: offset, signature };
  } finally {
    await handle.close();
  }
}
