import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError, float32Tensor, int64Tensor } from '@alsatian/core';
import { parseSafetensors, readSafetensors, serializeSafetensors, writeSafetensors } from '../src/index.ts';

const concat = (parts: Uint8Array[]) =>
  Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));

describe('safetensors', () => {
  it('round-trips float32 and int64 tensors bit for bit, in order, with metadata', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'st-'));
    const tensors = new Map([
      ['a.weight', float32Tensor([2, 3], new Float32Array([1, -2, 3.5, Number.MIN_VALUE, 1e30, -0]))],
      ['b.ids', int64Tensor([2], new BigInt64Array([7n, -9n]))],
    ]);
    await writeSafetensors(join(dir, 'x.safetensors'), tensors, { format: 'pt' });
    const back = await readSafetensors(join(dir, 'x.safetensors'));
    expect([...back.tensors.keys()]).toEqual(['a.weight', 'b.ids']);
    expect(Buffer.from(back.tensors.get('a.weight')!.data.buffer)).toEqual(
      Buffer.from(tensors.get('a.weight')!.data.buffer),
    );
    expect([...(back.tensors.get('b.ids')!.data as BigInt64Array)]).toEqual([7n, -9n]);
    expect(back.metadata).toEqual({ format: 'pt' });
  });

  it('names the file when truncated or malformed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'st-'));
    const bytes = concat(serializeSafetensors(new Map([['w', float32Tensor([4])]])));
    const file = join(dir, 'cut.safetensors');
    await writeFile(file, bytes.subarray(0, bytes.length - 3));
    await expect(readSafetensors(file)).rejects.toThrow(BadInputError);
    await expect(readSafetensors(file)).rejects.toThrow(/cut\.safetensors.*'w'/);
    expect(() => parseSafetensors(new Uint8Array(4), 'tiny.bin')).toThrow(/tiny\.bin/);
  });

  it('reads what PyTorch-side writers produce (header layout, F16/BF16 conversion)', () => {
    const header = JSON.stringify({
      h: { dtype: 'F16', shape: [3], data_offsets: [0, 6] },
      b: { dtype: 'BF16', shape: [1], data_offsets: [6, 8] },
    });
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(header.length));
    // F16: 1.0 = 0x3c00, -2.0 = 0xc000, 0.5 = 0x3800; BF16: 1.0 = 0x3f80
    const data = Buffer.from([0x00, 0x3c, 0x00, 0xc0, 0x00, 0x38, 0x80, 0x3f]);
    const parsed = parseSafetensors(Buffer.concat([len, Buffer.from(header), data]));
    expect([...parsed.tensors.get('h')!.data]).toEqual([1, -2, 0.5]);
    expect([...parsed.tensors.get('b')!.data]).toEqual([1]);
  });
});

describe('safetensors views', () => {
  it('with view set, aligned float32 tensors view the given bytes; unaligned ones are copied', () => {
    const tensors = new Map([
      ['a', float32Tensor([3], new Float32Array([1, 2, 3]))],
      ['b', int64Tensor([1], new BigInt64Array([5n]))],
    ]);
    const bytes = new Uint8Array(concat(serializeSafetensors(tensors)));
    const parsed = parseSafetensors(bytes, 'x', { view: true });
    const a = parsed.tensors.get('a')!;
    expect(a.data.buffer).toBe(bytes.buffer);
    expect([...a.data]).toEqual([1, 2, 3]);
    // 'b' starts 12 bytes into the data: not 8-byte aligned, so it is a copy.
    const b = parsed.tensors.get('b')!;
    expect(b.data.buffer).not.toBe(bytes.buffer);
    expect([...(b.data as BigInt64Array)]).toEqual([5n]);
  });
});
