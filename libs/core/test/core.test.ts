import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  concatRows,
  float32Tensor,
  Meter,
  parseBytes,
  parseRate,
  Rng,
  sliceRows,
  InvalidArgumentError,
} from '../src/index.ts';

describe('canonicalJson', () => {
  it('sorts keys recursively so equal objects hash equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":1,"z":0}]},"b":1}',
    );
  });
  it('rejects non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
  });
});

describe('Rng', () => {
  it('is deterministic per seed and label path', () => {
    const a = Rng.derive(42, 'x', 1);
    const b = Rng.derive(42, 'x', 1);
    const c = Rng.derive(42, 'x', 2);
    const sa = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(sa);
    expect(c.next()).not.toBe(sa[0]);
  });
  it('draws normals with the right moments', () => {
    const r = Rng.derive(1);
    const xs = r.fillNormal(new Float32Array(200_000), 2, 3);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(2, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(3, 1);
  });
  it('permutes', () => {
    const p = Rng.derive(7).permutation(100);
    expect([...p].sort((x, y) => x - y)).toEqual([...Array(100).keys()]);
  });
});

describe('bytes', () => {
  it('parses sizes and rates', () => {
    expect(parseBytes('2GiB')).toBe(2 * 2 ** 30);
    expect(parseBytes('500MB')).toBe(500e6);
    expect(parseBytes('1024')).toBe(1024);
    expect(parseRate('200MB/s')).toBe(200e6);
  });
  it('names the option in errors', () => {
    expect(() => parseBytes('lots', '--cache-budget')).toThrow(InvalidArgumentError);
    expect(() => parseBytes('lots', '--cache-budget')).toThrow(/--cache-budget/);
  });
});

describe('tensors', () => {
  it('slices and concatenates rows', () => {
    const t = float32Tensor([3, 2], new Float32Array([1, 2, 3, 4, 5, 6]));
    const a = sliceRows(t, 0, 1);
    const b = sliceRows(t, 1, 3);
    expect([...concatRows([b, a]).data]).toEqual([3, 4, 5, 6, 1, 2]);
  });
});

describe('Meter', () => {
  it('charges every instant to exactly one category', async () => {
    let now = 0;
    const meter = new Meter('planning', () => now);
    now = 1;
    await meter.measure('inference', async () => {
      now = 3;
      await meter.measure('proxy', () => {
        now = 6;
      });
      now = 7;
    });
    now = 8;
    const m = meter.snapshot();
    expect(m).toMatchObject({ planning: 2, inference: 3, proxy: 3, total: 8 });
  });
});
