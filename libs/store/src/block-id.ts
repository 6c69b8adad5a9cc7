/**
 * Block identity. `blockId = sha256(canonicalJson(descriptor)) + sha256(canonical weights bytes)`, where the
 * canonical weights bytes are the block's safetensors encoding as `serializeSafetensors` writes it (header with
 * names, dtypes, shapes and offsets in the block's weight order, no metadata, then the raw little-endian data).
 * So the second half of a block id is simply the sha256 of its weights file: verifying a file is hashing it.
 */
import { createHash } from 'node:crypto';
import type { Block, BlockDescriptor, BlockId, Json } from '@alsatian/core';
import { canonicalJson, sha256Hex } from '@alsatian/core';
import { serializeSafetensors } from './safetensors.ts';

export const BLOCK_ID_PATTERN = /^[0-9a-f]{128}$/;

export function descriptorHash(descriptor: BlockDescriptor): string {
  return sha256Hex(canonicalJson(descriptor as unknown as Json));
}

/** The weights file bytes (as parts, without one big copy) and their sha256. */
export function encodeWeights(block: Block): { parts: Uint8Array[]; bytes: number; sha256: string } {
  const parts = serializeSafetensors(block.weights);
  const hash = createHash('sha256');
  let bytes = 0;
  for (const p of parts) {
    hash.update(p);
    bytes += p.byteLength;
  }
  return { parts, bytes, sha256: hash.digest('hex') };
}

export function blockIdOf(block: Block): BlockId {
  return descriptorHash(block.descriptor) + encodeWeights(block).sha256;
}

export function splitBlockId(id: BlockId): { descriptorHash: string; weightsHash: string } {
  return { descriptorHash: id.slice(0, 64), weightsHash: id.slice(64) };
}
