import type { RowValue } from '@alsatian/bench';

type CsvRow = Record<string, RowValue>;

export interface BatchPoint {
  readonly architecture: string;
  readonly batchSize: number;
  /** Median over timed batches (and repetitions) of the batch time divided by its items. */
  readonly msPerItem: number;
}

export function batchPoints(rows: readonly CsvRow[]): BatchPoint[] {
  const groups = new Map<string, { architecture: string; batchSize: number; values: number[] }>();
  for (const r of rows) {
    const key = JSON.stringify([r.architecture, r.batchSize]);
    const g = groups.get(key) ?? { architecture: String(r.architecture), batchSize: Number(r.batchSize), values: [] };
    g.values.push(Number(r.msPerItem));
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const s = [...g.values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return {
      architecture: g.architecture,
      batchSize: g.batchSize,
      msPerItem: s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2,
    };
  });
}
