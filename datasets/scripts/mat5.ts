/**
 * A minimal reader for MATLAB level-5 .mat files (what Stanford Dogs' train_list.mat / test_list.mat are): enough
 * to read cell arrays of strings and numeric arrays, compressed (zlib) or not, little-endian. Structs, sparse and
 * complex arrays are returned as `undefined`. Format: MathWorks "MAT-File Format", level 5.
 */
import { inflateSync } from 'node:zlib';
import { BadInputError } from '@alsatian/core';

export type MatValue = string[] | number[] | MatValue[] | undefined;

const MI = {
  INT8: 1,
  UINT8: 2,
  INT16: 3,
  UINT16: 4,
  INT32: 5,
  UINT32: 6,
  SINGLE: 7,
  DOUBLE: 9,
  INT64: 12,
  UINT64: 13,
  MATRIX: 14,
  COMPRESSED: 15,
  UTF8: 16,
} as const;
const MX = { CELL: 1, CHAR: 4 } as const;

interface Element {
  readonly type: number;
  readonly data: Buffer;
  /** Offset of the next element. */
  readonly next: number;
}

function element(buf: Buffer, offset: number, file: string): Element {
  if (offset + 8 > buf.length) throw new BadInputError(`${file}: truncated .mat data element at byte ${offset}.`);
  const first = buf.readUInt32LE(offset);
  if (first >>> 16 !== 0) {
    // small data element: size in the upper half, data in the tag's second word
    const size = first >>> 16;
    return { type: first & 0xffff, data: buf.subarray(offset + 4, offset + 4 + size), next: offset + 8 };
  }
  const size = buf.readUInt32LE(offset + 4);
  const end = offset + 8 + size;
  if (end > buf.length)
    throw new BadInputError(`${file}: .mat element at byte ${offset} claims ${size} bytes, past the end of the file.`);
  const padded = first === MI.COMPRESSED ? end : offset + 8 + Math.ceil(size / 8) * 8;
  return { type: first, data: buf.subarray(offset + 8, end), next: padded };
}

function numbers(e: Element): number[] {
  const d = e.data;
  const read: Record<number, [number, (o: number) => number]> = {
    [MI.INT8]: [1, (o) => d.readInt8(o)],
    [MI.UINT8]: [1, (o) => d.readUInt8(o)],
    [MI.INT16]: [2, (o) => d.readInt16LE(o)],
    [MI.UINT16]: [2, (o) => d.readUInt16LE(o)],
    [MI.INT32]: [4, (o) => d.readInt32LE(o)],
    [MI.UINT32]: [4, (o) => d.readUInt32LE(o)],
    [MI.SINGLE]: [4, (o) => d.readFloatLE(o)],
    [MI.DOUBLE]: [8, (o) => d.readDoubleLE(o)],
    [MI.INT64]: [8, (o) => Number(d.readBigInt64LE(o))],
    [MI.UINT64]: [8, (o) => Number(d.readBigUInt64LE(o))],
  };
  const entry = read[e.type];
  if (entry === undefined) return [];
  const [width, get] = entry;
  return Array.from({ length: Math.floor(d.length / width) }, (_, i) => get(i * width));
}

/** The value of one miMATRIX element's data and its name. */
function matrix(data: Buffer, file: string): { name: string; value: MatValue } {
  if (data.length === 0) return { name: '', value: [] };
  const flags = element(data, 0, file);
  const dims = element(data, flags.next, file);
  const nameEl = element(data, dims.next, file);
  const cls = flags.data.readUInt32LE(0) & 0xff;
  const shape = numbers(dims);
  const count = shape.reduce((a, b) => a * b, 1);
  const name = nameEl.data.toString('latin1');
  if (cls === MX.CELL) {
    const cells: MatValue[] = [];
    let offset = nameEl.next;
    for (let i = 0; i < count; i++) {
      const cell = element(data, offset, file);
      cells.push(matrix(cell.data, file).value);
      offset = cell.next;
    }
    return { name, value: cells };
  }
  const real = element(data, nameEl.next, file);
  if (cls === MX.CHAR) {
    const codes = real.type === MI.UTF8 ? [...real.data.toString('utf8')].map((c) => c.codePointAt(0)!) : numbers(real);
    const [rows, cols] = [shape[0] ?? 0, count / Math.max(1, shape[0] ?? 1)];
    return {
      name,
      value: Array.from({ length: rows }, (_, r) =>
        String.fromCodePoint(...Array.from({ length: cols }, (_, c) => codes[r + rows * c])),
      ),
    };
  }
  if (cls >= 6 && cls <= 15) return { name, value: numbers(real) };
  return { name, value: undefined };
}

/** All top-level variables of a level-5 .mat file. */
export function readMat(bytes: Buffer, file: string): Map<string, MatValue> {
  if (bytes.length < 128 || bytes.toString('latin1', 126, 128) !== 'IM') {
    throw new BadInputError(
      `${file}: not a little-endian MATLAB level-5 .mat file (convert the list to one path per line in a .txt file instead).`,
    );
  }
  const vars = new Map<string, MatValue>();
  let offset = 128;
  while (offset + 8 <= bytes.length) {
    let e = element(bytes, offset, file);
    offset = e.next;
    if (e.type === MI.COMPRESSED) {
      const inflated = inflateSync(e.data);
      e = element(inflated, 0, file);
    }
    if (e.type !== MI.MATRIX) continue;
    const { name, value } = matrix(e.data, file);
    vars.set(name, value);
  }
  return vars;
}

/** A cell array of strings (one per row, e.g. `file_list`), flattened. */
export function matStrings(value: MatValue): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const v of value) {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v) && v.every((s) => typeof s === 'string')) out.push(...(v as string[]));
    else return undefined;
  }
  return out;
}
