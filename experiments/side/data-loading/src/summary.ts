import type { RowValue } from '@alsatian/bench';

type CsvRow = Record<string, RowValue>;

export interface ThroughputPoint {
  readonly source: string;
  readonly workers: number;
  readonly batchSize: number;
  /** Median images per second over repetitions (whole pass, first batch included). */
  readonly imagesPerSecond: number;
  readonly firstBatchSeconds: number;
  /** Median images per second after the first batch (NaN with a single batch). */
  readonly steadyImagesPerSecond: number;
}

export function throughput(rows: readonly CsvRow[]): ThroughputPoint[] {
  const groups = new Map<string, CsvRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.source, r.workers, r.batchSize]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => ({
    source: String(g[0].source),
    workers: Number(g[0].workers),
    batchSize: Number(g[0].batchSize),
    imagesPerSecond: medianOf(g.filter((r) => r.metric === 'total').map((r) => Number(r.imagesPerSecond))),
    firstBatchSeconds: medianOf(g.filter((r) => r.metric === 'firstBatch').map((r) => Number(r.seconds))),
    steadyImagesPerSecond: medianOf(
      g.filter((r) => r.metric === 'afterFirstBatch').map((r) => Number(r.imagesPerSecond)),
    ),
  }));
}

function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
