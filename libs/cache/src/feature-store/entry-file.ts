/**
 * One feature-store entry on disk: the output of one execution unit for one item.
 *
 *   'ALSF' | u32 version | u32 header length | u32 crc32 of (header + data) | header JSON | data
 *
 * The header names the entry's node key and item key and lists each output's dtype and per-item shape. The
 * crc32 catches torn writes and flipped bits (zlib's crc32 runs at several GB/s, sha256 at ~1 GB/s here, and
 * this is a check against damage, not against an adversary); node and item in the header catch a file copied or
 * renamed under another key. Anything that does not check out is a CorruptEntry, never data.
 */
import { crc32 } from 'node:zlib';
import type { DType, HostTensor } from '@alsatian/core';
import { numel } from '@alsatian/core';

const MAGIC = 0x46534c41; // 'ALSF' little-endian
const VERSION = 1;
const PREAMBLE = 16;

/** One item's output tensors (no batch dimension). */
export interface ItemTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: Float32Array | BigInt64Array;
}

export class CorruptEntry extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`feature-store entry ${file} is corrupt: ${reason}`);
  }
}

export function encodeEntry(node: string, item: string, tensors: readonly ItemTensor[]): Uint8Array[] {
  const specs = tensors.map((t) => ({ dtype: t.dtype, shape: t.shape }));
  const header = Buffer.from(JSON.stringify({ node, item, tensors: specs }));
  const data = tensors.map((t) => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  let crc = crc32(header);
  for (const part of data) crc = crc32(part, crc);
  const preamble = Buffer.alloc(PREAMBLE);
  preamble.writeUInt32LE(MAGIC, 0);
  preamble.writeUInt32LE(VERSION, 4);
  preamble.writeUInt32LE(header.byteLength, 8);
  preamble.writeUInt32LE(crc, 12);
  return [preamble, header, ...data];
}

/** Decodes and checks an entry read from `file`; `node` and `item` are the key it was read under. */
export function decodeEntry(bytes: Buffer, node: string, item: string, file: string): ItemTensor[] {
  const bad = (reason: string) => new CorruptEntry(file, reason);
  if (bytes.byteLength < PREAMBLE) throw bad(`${bytes.byteLength} bytes, shorter than the ${PREAMBLE}-byte preamble`);
  if (bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== VERSION) {
    throw bad('not a version-1 entry (magic or version differ)');
  }
  const headerLength = bytes.readUInt32LE(8);
  if (PREAMBLE + headerLength > bytes.byteLength) {
    throw bad(`header of ${headerLength} bytes runs past the end of the file`);
  }
  const body = bytes.subarray(PREAMBLE);
  if (crc32(body) !== bytes.readUInt32LE(12)) throw bad('checksum mismatch (torn write or damaged bytes)');
  let header: { node?: unknown; item?: unknown; tensors?: unknown };
  try {
    header = JSON.parse(body.subarray(0, headerLength).toString('utf8'));
  } catch {
    throw bad('header is not JSON');
  }
  if (header.node !== node || header.item !== item) throw bad('header names another node or item (a renamed file)');
  if (!Array.isArray(header.tensors)) throw bad('header lists no tensors');
  let offset = PREAMBLE + headerLength;
  const out = header.tensors.map((entry: { dtype?: unknown; shape?: unknown }) => {
    const { dtype, shape } = entry ?? {};
    const validShape = Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0);
    if ((dtype !== 'float32' && dtype !== 'int64') || !validShape) {
      throw bad('header has a tensor without a valid dtype and shape');
    }
    const length = numel(shape) * (dtype === 'float32' ? 4 : 8);
    if (offset + length > bytes.byteLength) throw bad('data is shorter than the header says');
    // A fresh, aligned copy: the file buffer may be pooled and is not aligned for typed arrays.
    const raw = Uint8Array.prototype.slice.call(bytes, offset, offset + length);
    offset += length;
    const data =
      dtype === 'float32' ? new Float32Array(raw.buffer, 0, length / 4) : new BigInt64Array(raw.buffer, 0, length / 8);
    return { dtype, shape: shape as number[], data } as ItemTensor;
  });
  if (offset !== bytes.byteLength) throw bad('data is longer than the header says');
  return out;
}

/** Rows of `batch` (batch-major) at `row`, as item tensors viewing the batch's memory. */
export function rowOf(batch: readonly HostTensor[], row: number): ItemTensor[] {
  return batch.map((t) => {
    const per = numel(t.shape.slice(1));
    const data = t.data.subarray(row * per, (row + 1) * per) as Float32Array | BigInt64Array;
    return { dtype: t.dtype, shape: t.shape.slice(1), data };
  });
}
