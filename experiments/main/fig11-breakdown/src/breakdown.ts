/** Fig 11's numbers from the CSV: median seconds per (cell, category) over repetitions, and the panels they form. */
import { medianBy } from '@alsatian/bench';
import type { RowValue } from '@alsatian/bench';
import { CATEGORIES } from '@alsatian/core';

type CsvRow = Readonly<Record<string, RowValue>>;

export interface BreakdownBar {
  readonly approach: string;
  readonly architecture: string;
  readonly distribution: string;
  readonly items: number;
  /** Seconds per category (core's six), and their total. */
  readonly seconds: Readonly<Record<string, number>>;
  readonly total: number;
}

const KEYS = ['approach', 'architecture', 'distribution', 'items', 'category'];

export function breakdownBars(rows: readonly CsvRow[]): BreakdownBar[] {
  const search = rows.filter((r) => r.scope === 'search');
  const medians = medianBy(search, KEYS, 'seconds');
  const bars = new Map<string, { approach: string; architecture: string; distribution: string; items: number; seconds: Record<string, number>; total: number }>();
  for (const m of medians) {
    const id = JSON.stringify([m.approach, m.architecture, m.distribution, m.items]);
    const bar = bars.get(id) ?? { approach: String(m.approach), architecture: String(m.architecture), distribution: String(m.distribution), items: Number(m.items), seconds: {}, total: 0 };
    if (m.category === 'total') bar.total = Number(m.seconds);
    else if ((CATEGORIES as readonly RowValue[]).includes(m.category)) bar.seconds[String(m.category)] = Number(m.seconds);
    bars.set(id, bar);
  }
  return [...bars.values()];
}
