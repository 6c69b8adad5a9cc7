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
}

/** Throws the fs error (ENOENT etc.) unchanged; the caller turns it into an IntegrityError naming the block. */
export async function readVerified(path: string, expectedBytes: number, options: { limiter?: RateLimiter; hash: boolean }): Promise<VerifiedRead> {
  const handle = await open(path, 'r');
  try {
    const fileBytes = (await handle.stat()).size;
    if (fileBytes !== expectedBytes) return { bytes: new Uint8Array(0), fileBytes };
    // Unpooled, so the buffer starts at offset 0 of its own ArrayBuffer and tensors can be views into it.
    const bytes = Buffer.allocUnsafeSlow(fileBytes);
    const hash = options.hash ? createHash('sha256') : undefined;
    let offset = 0;
    let hashed = 0;
    while (offset < fileBytes) {
      const length = Math.min(CHUNK_BYTES, fileBytes - offset);
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
    return { bytes: bytes.subarray(0, offset), sha256: hash?.digest('hex'), fileBytes: offset };
  } finally {
    await handle.close();
  }
}
