/**
 * The safetensors format (what PyTorch and Hugging Face tools read and write): an 8-byte little-endian header
 * length, a JSON header `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {...}}`, then the raw
 * little-endian tensor bytes. We read F32 (and F16/BF16/F64, converted to float32) and I64; we write F32 and I64.
 */
import { readFile } from 'node:fs/promises';
import type { HostTensor } from '@alsatian/core';
import { BadInputError, numel, writeFileAtomic } from '@alsatian/core';

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

const ELEMENT_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I64: 8 };

export interface SafetensorsFile {
  readonly tensors: Map<string, HostTensor>;
  readonly metadata: Record<string, string>;
}

/**
 * Parses safetensors bytes; `source` names the file in errors. Tensors are copies (aligned, owned), unless
 * `view` is set: then F32/I64 tensors whose data is aligned are views into `bytes` (no copy), for callers that
 * own `bytes` and hand it over (the store's block reads).
 */
export function parseSafetensors(bytes: Uint8Array, source = 'safetensors data', options: { view?: boolean } = {}): SafetensorsFile {
  if (bytes.byteLength < 8) throw new BadInputError(`${source}: too short to be a safetensors file (${bytes.byteLength} bytes).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.byteLength - 8) throw new BadInputError(`${source}: header length ${headerLength} exceeds the file size; the file is truncated or not safetensors.`);
  let header: Record<string, HeaderEntry | Record<string, string>>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw new BadInputError(`${source}: the safetensors header is not valid JSON.`, { cause: error });
  }
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, HostTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: [begin, end] } = entry as HeaderEntry;
    const size = ELEMENT_BYTES[dtype];
    if (!size) throw new BadInputError(`${source}: tensor '${name}' has dtype ${dtype}; supported: ${Object.keys(ELEMENT_BYTES).join(', ')}.`);
    const count = numel(shape);
    if (end - begin !== count * size || dataStart + end > bytes.byteLength) {
      throw new BadInputError(`${source}: tensor '${name}' (${dtype} [${shape.join(', ')}]) has ${end - begin} bytes at [${begin}, ${end}); expected ${count * size} within the file's ${bytes.byteLength - dataStart} data bytes.`);
    }
    const offset = bytes.byteOffset + dataStart + begin;
    const viewable = options.view === true && (dtype === 'F32' || dtype === 'I64') && offset % size === 0;
    // Otherwise a copy (Buffer.slice would alias the file buffer): aligned for typed arrays and owned by the tensor.
    const raw = viewable ? bytes.subarray(dataStart + begin, dataStart + end) : Uint8Array.prototype.slice.call(bytes, dataStart + begin, dataStart + end);
    tensors.set(name, decode(dtype, shape, raw));
  }
  return { tensors, metadata };
}

export async function readSafetensors(path: string): Promise<SafetensorsFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new BadInputError(`Cannot read safetensors file ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseSafetensors(bytes, path);
}

/** Serialises tensors (in the map's order) to safetensors bytes, as parts to write without one big copy. */
export function serializeSafetensors(tensors: ReadonlyMap<string, HostTensor>, metadata?: Record<string, string>): Uint8Array[] {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const [name, t] of tensors) {
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    header[name] = { dtype: t.dtype === 'float32' ? 'F32' : 'I64', shape: [...t.shape], data_offsets: [offset, offset + bytes.byteLength] };
    offset += bytes.byteLength;
    parts.push(bytes);
  }
  // Pad the header with spaces to a multiple of 8 so the data section is aligned (as the reference writer does).
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((json.length + 8) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const prefix = new Uint8Array(8);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  return [prefix, headerBytes, ...parts];
}

export async function writeSafetensors(path: string, tensors: ReadonlyMap<string, HostTensor>, metadata?: Record<string, string>): Promise<void> {
  await writeFileAtomic(path, serializeSafetensors(tensors, metadata));
}

function decode(dtype: string, shape: number[], raw: Uint8Array): HostTensor {
  const buffer = raw.buffer as ArrayBuffer;
  switch (dtype) {
    case 'F32':
      return { dtype: 'float32', shape, data: new Float32Array(buffer, raw.byteOffset, raw.byteLength / 4) };
    case 'I64':
      return { dtype: 'int64', shape, data: new BigInt64Array(buffer, raw.byteOffset, raw.byteLength / 8) };
    case 'F64':
      return { dtype: 'float32', shape, data: Float32Array.from(new Float64Array(buffer, raw.byteOffset, raw.byteLength / 8)) };
    case 'F16':
      return { dtype: 'float32', shape, data: halfToFloat(new Uint16Array(buffer, raw.byteOffset, raw.byteLength / 2), false) };
    default:
      return { dtype: 'float32', shape, data: halfToFloat(new Uint16Array(buffer, raw.byteOffset, raw.byteLength / 2), true) };
  }
}

/** IEEE half (or bfloat16 when `brain`) to float32. */
function halfToFloat(src: Uint16Array, brain: boolean): Float32Array {
  const out = new Float32Array(src.length);
  const u32 = new Uint32Array(out.buffer);
  for (let i = 0; i < src.length; i++) {
    const h = src[i];
    if (brain) {
      u32[i] = h << 16;
      continue;
    }
    const sign = (h & 0x8000) << 16;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    if (exp === 0) out[i] = (sign ? -1 : 1) * frac * 2 ** -24;
    else if (exp === 31) u32[i] = sign | 0x7f800000 | (frac << 13);
    else u32[i] = sign | ((exp + 112) << 23) | (frac << 13);
  }
  return out;
}
