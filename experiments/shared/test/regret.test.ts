import { describe, expect, it } from 'vitest';
import { snapshotSetKey, winnerRanks, winnerRankTable } from '../src/index.ts';

const total = (strategy: string, distribution: string, winner: string, ranking?: string) => ({
  scope: 'search',
  category: 'total',
  strategy,
  distribution,
  repetition: 0,
  winner,
  ranking: ranking ?? winner,
});

describe('winnerRanks', () => {
  it("ranks each SH winner in Base's ranking of the same cell only", () => {
    const rows = [
      total('baseline', 'top-50', 'm1', 'm1 m2 m3'),
      total('baseline', 'top-25', 'm3', 'm3 m1 m2'),
      total('shift', 'top-50', 'm2'),
      total('alsatian', 'top-50', 'm1'),
      total('alsatian', 'top-25', 'm2'),
      total('alsatian', 'top-layers', 'm2'), // no Base for this cell: skipped
      { scope: 'iteration', category: 'total', strategy: 'alsatian', distribution: 'top-50', winner: 'm3' },
    ];
    const ranks = winnerRanks(rows, ['distribution']);
    expect(ranks.map((r) => [r.strategy, r.key.distribution, r.rankInBase])).toEqual([
      ['shift', 'top-50', 2],
      ['alsatian', 'top-50', 1],
      ['alsatian', 'top-25', 3],
    ]);
    expect(winnerRankTable(ranks, ['distribution'])).toContain('| top-25 | Alsatian | 3 of 3 |');
  });

  it('names the cell when a winner is missing from Base’s ranking', () => {
    expect(() =>
      winnerRanks([total('baseline', 'x', 'a', 'a b'), total('alsatian', 'x', 'zz')], ['distribution']),
    ).toThrow(/zz.*not in Base/);
  });

  it('set keys differ by every field of the request', () => {
    const request = { architecture: 'resnet18', count: 8, distribution: 'top-50' as const, seed: 1 };
    const keys = new Set([
      snapshotSetKey(request),
      snapshotSetKey({ ...request, imageSize: 64 }),
      snapshotSetKey({ ...request, count: 9 }),
      snapshotSetKey({ ...request, seed: 2 }),
      snapshotSetKey({ ...request, structure: 'from-base' }),
      snapshotSetKey({ ...request, distribution: 'top-25' }),
    ]);
    expect(keys.size).toBe(6);
    expect(snapshotSetKey({ ...request, imageSize: 64 })).toMatch(/^resnet18-64px-top-50-chained-n8-s1-/);
  });
});
