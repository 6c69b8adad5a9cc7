/**
 * The disk tier's file format for a list of host tensors: 4-byte little-endian header length, a JSON header
 * `[{dtype, shape}]`, then each tensor's raw bytes in order. Small and private to the cache (intermediates are
 * never shared with other tools, unlike block weights, which use safetensors in the store).
 */
import type { HostTensor } from '@alsatian/core';
import { BadInputError, numel, parseJson } from '@alsatian/core';

export function tensorsBytes(tensors: readonly HostTensor[]): number {
  return tensors.reduce((s, t) => s + t.data.byteLength, 0);
}

export function encodeTensors(tensors: readonly HostTensor[]): Uint8Array[] {
  const header = new TextEncoder().encode(JSON.stringify(tensors.map((t) => ({ dtype: t.dtype, shape: t.shape }))));
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setUint32(0, header.byteLength, true);
  return [prefix, header, ...tensors.map((t) => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength))];
}

export function encodedSize(tensors: readonly HostTensor[]): number {
  return encodeTensors(tensors).reduce((s, p) => s + p.byteLength, 0);
}

/** Decodes a feature file; every size in its header is checked against the file's length before copying. */
export function decodeTensors(bytes: Uint8Array, source: string): HostTensor[] {
  const truncated = () =>
    new BadInputError(
      `Cache file ${source} is truncated or damaged (${bytes.byteLength} bytes); the search wrote it and it ` +
        `changed since: rerun the search.`,
    );
  if (bytes.byteLength < 4) throw truncated();
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + headerLength > bytes.byteLength) throw truncated();
  let header: unknown;
  try {
    header = parseJson(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength)), source, 'a cache file header');
  } catch {
    throw truncated();
  }
  if (!Array.isArray(header)) throw truncated();
  let offset = 4 + headerLength;
  return header.map((entry: { dtype?: unknown; shape?: unknown }) => {
    const { dtype, shape } = entry ?? {};
    if (
      (dtype !== 'float32' && dtype !== 'int64') ||
      !Array.isArray(shape) ||
      !shape.every((d) => Number.isSafeInteger(d) && d >= 0)
    )
      throw truncated();
    const length = numel(shape) * (dtype === 'float32' ? 4 : 8);
    if (offset + length > bytes.byteLength) throw truncated();
    // Copy into a fresh, aligned buffer owned by the tensor (Buffer#slice would alias the file buffer).
    const raw = Uint8Array.prototype.slice.call(bytes, offset, offset + length);
    offset += length;
    const data =
      dtype === 'float32' ? new Float32Array(raw.buffer, 0, length / 4) : new BigInt64Array(raw.buffer, 0, length / 8);
    return { dtype, shape: shape as number[], data };
  });
}
