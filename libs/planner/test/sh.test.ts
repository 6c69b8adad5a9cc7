/** Successive halving: the reference's schedules, its failure modes fixed, ranking and pruning. */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@alsatian/core';
import { ceilLog2, keepBetterHalf, rankModels, shIterations, shModelCounts, shSchedule } from '../src/index.ts';

const pairs = (n: number, L: number) => shSchedule(n, L).map((r) => [r.start, r.end]);
const sizes = (n: number, L: number) => shSchedule(n, L).map((r) => r.end - r.start);

describe('shSchedule', () => {
  it('reproduces the reference worked examples', () => {
    expect(pairs(35, 820)).toEqual([
      [0, 13],
      [13, 39],
      [39, 91],
      [91, 195],
      [195, 403],
      [403, 820],
    ]);
    expect(pairs(35, 100)).toEqual([
      [0, 2],
      [2, 6],
      [6, 14],
      [14, 30],
      [30, 62],
      [62, 100],
    ]);
    expect(pairs(4, 130)).toEqual([
      [0, 33],
      [33, 130],
    ]);
    expect(pairs(36, 6400)).toEqual([
      [0, 100],
      [100, 300],
      [300, 700],
      [700, 1500],
      [1500, 3100],
      [3100, 6400],
    ]);
    expect(pairs(8, 8000)).toEqual([
      [0, 1000],
      [1000, 3000],
      [3000, 8000],
    ]);
  });

  it('gives the issue example: 35 models, 2000 items', () => {
    expect(sizes(35, 2000)).toEqual([32, 64, 128, 256, 512, 1008]);
    expect(shModelCounts(35)).toEqual([35, 17, 8, 4, 2, 1]);
  });

  it('keeps the reference invariants: chunks double, the last grows, they tile [0, L)', () => {
    for (const [n, L] of [
      [35, 820],
      [35, 800],
      [35, 100],
      [100, 5000],
      [3, 10],
      [17, 999],
    ]) {
      const s = sizes(n, L);
      expect(s.reduce((a, b) => a + b, 0)).toBe(L);
      for (let i = 0; i + 2 < s.length; i++) expect(s[i + 1]).toBe(2 * s[i]);
      if (s.length > 1) expect(s.at(-1)!).toBeGreaterThan(s.at(-2)!);
    }
  });

  it('FIX n = 1 and n = 2: one iteration over all items', () => {
    expect(pairs(1, 50)).toEqual([[0, 50]]);
    expect(pairs(2, 50)).toEqual([[0, 50]]);
    expect(shModelCounts(1)).toEqual([1]);
    expect(shModelCounts(2)).toEqual([2]);
  });

  it('FIX overshoot: distributes the items when the last chunk would shrink or go negative', () => {
    for (const [n, L] of [
      [35, 65],
      [35, 30],
      [35, 7],
      [64, 70],
      [1000, 200],
    ]) {
      const r = shSchedule(n, L);
      expect(r).toHaveLength(shIterations(n));
      expect(r[0].start).toBe(0);
      expect(r.at(-1)!.end).toBe(L);
      r.forEach((x, i) => {
        expect(x.end).toBeGreaterThan(x.start); // every iteration gets new items (L >= iterations here)
        if (i > 0) expect(x.start).toBe(r[i - 1].end);
      });
      const s = r.map((x) => x.end - x.start);
      expect(s.at(-1)!).toBeGreaterThan(s.at(-2)!);
    }
    expect(sizes(35, 65)).toEqual([1, 3, 5, 9, 16, 31]);
    expect(sizes(35, 4)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('uses an exact integer ceil-log2 (the float log gave 30 for 2^29)', () => {
    expect(ceilLog2(2 ** 29)).toBe(29);
    expect(ceilLog2(2 ** 29 + 1)).toBe(30);
    expect([1, 2, 3, 4, 5, 35, 36, 64, 65].map(ceilLog2)).toEqual([0, 1, 2, 2, 3, 6, 6, 6, 7]);
  });

  it('rejects no models or no training items', () => {
    expect(() => shSchedule(0, 10)).toThrow(InvalidArgumentError);
    expect(() => shSchedule(5, 0)).toThrow(InvalidArgumentError);
  });
});

describe('ranking and pruning', () => {
  it('ranks by descending score, ties by model id descending', () => {
    const ranking = rankModels(
      new Map([
        ['a', 0.5],
        ['c', 0.9],
        ['b', 0.5],
        ['d', 0.1],
      ]),
    );
    expect(ranking.map((r) => r.model)).toEqual(['c', 'b', 'a', 'd']);
    expect(
      rankModels([
        { model: 'x', score: 1 },
        { model: 'y', score: 1 },
      ]).map((r) => r.model),
    ).toEqual(['y', 'x']);
  });
  it('keeps floor(n/2), the odd one out pruned, and a single model kept', () => {
    const ranking = rankModels(
      new Map([
        ['a', 5],
        ['b', 4],
        ['c', 3],
        ['d', 2],
        ['e', 1],
      ]),
    );
    expect(keepBetterHalf(ranking)).toEqual({ kept: ['a', 'b'], pruned: ['c', 'd', 'e'] });
    expect(keepBetterHalf(ranking.slice(0, 1))).toEqual({ kept: ['a'], pruned: [] });
    expect(keepBetterHalf([])).toEqual({ kept: [], pruned: [] });
  });
  it('driving 35 models through the schedule keeps 17, 8, 4, 2, 1', () => {
    let alive = Array.from({ length: 35 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    const seen: number[] = [];
    for (const _ of shSchedule(35, 2000)) {
      seen.push(alive.length);
      alive = keepBetterHalf(rankModels(new Map(alive.map((m, i) => [m, i])))).kept;
    }
    expect(seen).toEqual(shModelCounts(35));
  });
  it('rejects a non-finite score, naming the model', () => {
    expect(() => rankModels(new Map([['m1', Number.NaN]]))).toThrow(/m1/);
  });
});
