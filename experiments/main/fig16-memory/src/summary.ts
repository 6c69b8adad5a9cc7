/** Fig 16's numbers from the CSV: median seconds per (approach, memory level, category) and Alsatian's runs. */
import { medianBy } from '@alsatian/bench';
import type { RowValue } from '@alsatian/bench';
import { CATEGORIES } from '@alsatian/core';

type CsvRow = Readonly<Record<string, RowValue>>;

export interface MemoryBar {
  readonly approach: string;
  readonly memoryGB: number;
  readonly cacheBudgetMB: number;
  readonly seconds: Readonly<Record<string, number>>;
  readonly total: number;
  /** Data runs summed over SH iterations (more runs = the budget split the data). */
  readonly runs: number;
  readonly peakCacheMB: number;
}

export function memoryBars(rows: readonly CsvRow[]): MemoryBar[] {
  const search = rows.filter((r) => r.scope === 'search');
  const medians = medianBy(search, ['approach', 'memoryGB', 'cacheBudgetMB', 'category'], 'seconds');
  const bars = new Map<string, { approach: string; memoryGB: number; cacheBudgetMB: number; seconds: Record<string, number>; total: number; runs: number; peakCacheMB: number }>();
  for (const m of medians) {
    const id = JSON.stringify([m.approach, m.memoryGB]);
    const bar = bars.get(id) ?? { approach: String(m.approach), memoryGB: Number(m.memoryGB), cacheBudgetMB: Number(m.cacheBudgetMB), seconds: {}, total: 0, runs: 0, peakCacheMB: 0 };
    if (m.category === 'total') bar.total = Number(m.seconds);
    else if ((CATEGORIES as readonly RowValue[]).includes(m.category)) bar.seconds[String(m.category)] = Number(m.seconds);
    bars.set(id, bar);
  }
  for (const r of search.filter((x) => x.category === 'total' && x.repetition === 0)) {
    const bar = bars.get(JSON.stringify([r.approach, r.memoryGB]));
    if (bar === undefined) continue;
    bar.runs = Number(r.runs ?? 0);
    bar.peakCacheMB = Number(r.peakCacheBytes ?? 0) / 1e6;
  }
  return [...bars.values()].sort((a, b) => b.memoryGB - a.memoryGB);
}
