import { deflateSync } from 'node:zlib';

/** Writes tiny MATLAB level-5 files for the tests, the way MATLAB lays them out (small elements for short data). */
function element(type: number, data: Buffer, small = false): Buffer {
  if (small && data.length <= 4) {
    const tag = Buffer.alloc(8);
    tag.writeUInt32LE((data.length << 16) | type, 0);
    data.copy(tag, 4);
    return tag;
  }
  const tag = Buffer.alloc(8);
  tag.writeUInt32LE(type, 0);
  tag.writeUInt32LE(data.length, 4);
  return Buffer.concat([tag, data, Buffer.alloc((8 - (data.length % 8)) % 8)]);
}

function matrix(cls: number, dims: number[], name: string, contents: Buffer[]): Buffer {
  const flags = Buffer.alloc(8);
  flags.writeUInt32LE(cls, 0);
  const dimData = Buffer.alloc(4 * dims.length);
  dims.forEach((d, i) => dimData.writeInt32LE(d, 4 * i));
  return element(
    14,
    Buffer.concat([element(6, flags), element(5, dimData), element(1, Buffer.from(name, 'latin1'), true), ...contents]),
  );
}

function chars(text: string): Buffer {
  const data = Buffer.alloc(2 * text.length);
  [...text].forEach((c, i) => data.writeUInt16LE(c.charCodeAt(0), 2 * i));
  return matrix(4, [1, text.length], '', [element(4, data)]);
}

export function cellOfStrings(name: string, strings: string[]): Buffer {
  return matrix(1, [strings.length, 1], name, strings.map(chars));
}

export function doubles(name: string, values: number[]): Buffer {
  const data = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => data.writeDoubleLE(v, 8 * i));
  return matrix(6, [values.length, 1], name, [element(9, data)]);
}

export function matFile(variables: Buffer[], compress: boolean): Buffer {
  const header = Buffer.alloc(128, 0x20);
  header.write('MATLAB 5.0 MAT-file, written by the alsatian tests', 0, 'latin1');
  header.fill(0, 116, 124);
  header.writeUInt16LE(0x0100, 124);
  header.write('IM', 126, 'latin1');
  const body = variables.map((v) => {
    if (!compress) return v;
    const z = deflateSync(v);
    const tag = Buffer.alloc(8);
    tag.writeUInt32LE(15, 0);
    tag.writeUInt32LE(z.length, 4);
    return Buffer.concat([tag, z]);
  });
  return Buffer.concat([header, ...body]);
}
