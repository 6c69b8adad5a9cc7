/**
 * Structured cache keys. A key is a record, hashed by one function and never parsed back, so ids that contain
 * each other (chunk start 25 vs 250, node `ab` vs `abc`) can never be confused as the reference's substring
 * prefix match confused them.
 */
import { createHash } from 'node:crypto';
import type { Split } from '@alsatian/core';

export interface CacheKey {
  /** Prefix-tree node whose output this is. */
  readonly node: string;
  readonly split: Split;
  /** First item index of the chunk (data range) this batch belongs to. */
  readonly chunkStart: number;
  /** Batch index within the chunk. */
  readonly batch: number;
}

/** The one text a key is looked up by: JSON of its fields in a fixed order. */
export function keyText(key: CacheKey): string {
  checkKey(key);
  return JSON.stringify([key.node, key.split, key.chunkStart, key.batch]);
}

/** A file-name-safe digest of a key (for the disk tier). */
export function keyDigest(key: CacheKey): string {
  return createHash('sha256').update(keyText(key)).digest('hex').slice(0, 40);
}

function checkKey(key: CacheKey): void {
  if (key.split !== 'train' && key.split !== 'test')
    throw new RangeError(`cache key: split must be 'train' or 'test', got '${key.split}'`);
  if (!Number.isInteger(key.chunkStart) || key.chunkStart < 0 || !Number.isInteger(key.batch) || key.batch < 0) {
    throw new RangeError(
      `cache key: chunkStart and batch must be non-negative integers, got ${key.chunkStart} and ${key.batch}`,
    );
  }
}
