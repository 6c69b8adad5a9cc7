/**
 * The safetensors format (what PyTorch and Hugging Face tools read and write): an 8-byte little-endian header
 * length, a JSON header `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {...}}`, then the raw
 * little-endian tensor bytes. We read F32 (and F16/BF16/F64, converted to float32) and I64; we write F32 and I64.
 */
import { readFile } from 'node:fs/promises';
import type { HostTensor } from '@alsatian/core';
import { BadInputError, jsonObject, numel, parseJson, printable, writeFileAtomic } from '@alsatian/core';

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

// A Map, not an object: a dtype named 'constructor' or '__proto__' must not find Object.prototype's members.
const ELEMENT_BYTES = new Map<string, number>([
  ['F32', 4],
  ['F16', 2],
  ['BF16', 2],
  ['F64', 8],
  ['I64', 8],
]);

export interface SafetensorsFile {
  readonly tensors: Map<string, HostTensor>;
  readonly metadata: Record<string, string>;
}

/** The reference implementation's cap: a larger header is refused before it is read. */
export const MAX_HEADER_BYTES = 100_000_000;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses safetensors bytes; `source` names the file in errors. Tensors are copies (aligned, owned), unless
 * `view` is set: then F32/I64 tensors whose data is aligned are views into `bytes` (no copy), for callers that
 * own `bytes` and hand it over (the store's block reads). Every size and offset in the header is checked against
 * the bytes actually there before anything is allocated, so a lying header costs no more memory than the file.
 */
export function parseSafetensors(
  bytes: Uint8Array,
  source = 'safetensors data',
  options: { view?: boolean } = {},
): SafetensorsFile {
  if (bytes.byteLength < 8)
    throw new BadInputError(`${source}: too short to be a safetensors file (${bytes.byteLength} bytes).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(bytes.byteLength - 8))
    throw new BadInputError(
      `${source}: header length ${headerLength} exceeds the file size (${bytes.byteLength} bytes); the file ` +
        `is truncated or not safetensors.`,
    );
  if (headerLength > BigInt(MAX_HEADER_BYTES))
    throw new BadInputError(
      `${source}: header length ${headerLength} exceeds the ${MAX_HEADER_BYTES}-byte limit of the format.`,
    );
  const dataStart = 8 + Number(headerLength);
  let text: string;
  try {
    text = strictUtf8.decode(bytes.subarray(8, dataStart));
  } catch (error) {
    throw new BadInputError(`${source}: the safetensors header is not valid UTF-8.`, { cause: error });
  }
  const header = jsonObject(parseJson(text, source, 'a safetensors header'), source, 'the safetensors header');
  const entries = Object.entries(header)
    .filter(([name]) => name !== '__metadata__')
    .map(([name, entry]) => checkEntry(name, entry, source, bytes.byteLength - dataStart));
  checkNoOverlap(entries, source);
  const tensors = new Map<string, HostTensor>();
  for (const { name, dtype, shape, begin, end } of entries) {
    const offset = bytes.byteOffset + dataStart + begin;
    const viewable =
      options.view === true && (dtype === 'F32' || dtype === 'I64') && offset % ELEMENT_BYTES.get(dtype)! === 0;
    // Otherwise a copy (Buffer.slice would alias the file buffer): aligned for typed arrays and owned by the tensor.
    const raw = viewable
      ? bytes.subarray(dataStart + begin, dataStart + end)
      : Uint8Array.prototype.slice.call(bytes, dataStart + begin, dataStart + end);
    tensors.set(name, decode(dtype, shape, raw));
  }
  return { tensors, metadata: checkMetadata(header.__metadata__, source) };
}

interface CheckedEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

/** One tensor's header entry, checked: known dtype, non-negative integer dims and offsets, size = dtype x shape. */
function checkEntry(name: string, value: unknown, source: string, dataBytes: number): CheckedEntry {
  const where = `${source}: tensor '${printable(name)}'`;
  const entry = value as Partial<HeaderEntry> | null;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    throw new BadInputError(`${where}: its header entry is not an object.`);
  const { dtype, shape, data_offsets: offsets } = entry;
  const size = typeof dtype === 'string' ? ELEMENT_BYTES.get(dtype) : undefined;
  if (size === undefined)
    throw new BadInputError(
      `${where} has dtype ${JSON.stringify(dtype)}; supported: ${[...ELEMENT_BYTES.keys()].join(', ')}.`,
    );
  const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  if (!Array.isArray(shape) || !shape.every(isCount))
    throw new BadInputError(`${where}: shape must be a list of non-negative integers.`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    throw new BadInputError(`${where}: data_offsets must be [begin, end] with 0 <= begin <= end.`);
  }
  const [begin, end] = offsets;
  // In floating point: a product past 2^53 is inexact, but then it exceeds the file anyway.
  const expected = numel(shape) * size;
  if (end - begin !== expected || end > dataBytes) {
    throw new BadInputError(
      `${where} (${dtype} [${shape.join(', ')}]) has ${end - begin} bytes at [${begin}, ${end}); expected ` +
        `${expected} within the file's ${dataBytes} data bytes.`,
    );
  }
  return { name, dtype: dtype as string, shape, begin, end };
}

/** Tensors must not share bytes (the reference writer never overlaps them; an overlap means a forged header). */
function checkNoOverlap(entries: readonly CheckedEntry[], source: string): void {
  const sorted = entries.filter((e) => e.end > e.begin).sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].begin < sorted[i - 1].end) {
      throw new BadInputError(
        `${source}: tensors '${printable(sorted[i - 1].name)}' and '${printable(sorted[i].name)}' overlap in ` +
          `the data section ([${sorted[i - 1].begin}, ${sorted[i - 1].end}) and [${sorted[i].begin}, ` +
          `${sorted[i].end})).`,
      );
    }
  }
}

function checkMetadata(value: unknown, source: string): Record<string, string> {
  if (value === undefined) return {};
  const metadata = jsonObject(value, source, '__metadata__');
  for (const [key, v] of Object.entries(metadata)) {
    if (typeof v !== 'string')
      throw new BadInputError(`${source}: __metadata__ '${printable(key)}' must be a string, got ${typeof v}.`);
  }
  return metadata as Record<string, string>;
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
export function serializeSafetensors(
  tensors: ReadonlyMap<string, HostTensor>,
  metadata?: Record<string, string>,
): Uint8Array[] {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const [name, t] of tensors) {
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    header[name] = {
      dtype: t.dtype === 'float32' ? 'F32' : 'I64',
      shape: [...t.shape],
      data_offsets: [offset, offset + bytes.byteLength],
    };
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

export async function writeSafetensors(
  path: string,
  tensors: ReadonlyMap<string, HostTensor>,
  metadata?: Record<string, string>,
): Promise<void> {
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
      return {
        dtype: 'float32',
        shape,
        data: Float32Array.from(new Float64Array(buffer, raw.byteOffset, raw.byteLength / 8)),
      };
    case 'F16':
      return {
        dtype: 'float32',
        shape,
        data: halfToFloat(new Uint16Array(buffer, raw.byteOffset, raw.byteLength / 2), false),
      };
    default:
      return {
        dtype: 'float32',
        shape,
        data: halfToFloat(new Uint16Array(buffer, raw.byteOffset, raw.byteLength / 2), true),
      };
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
