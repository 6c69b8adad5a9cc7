/** Fig 11's numbers from the CSV: median seconds per (cell, category) over repetitions. */
import { CATEGORIES } from '@alsatian/core';
import { categorySeconds } from '@alsatian/exp-shared';
import type { CsvRow } from '@alsatian/exp-shared';
import type { StrategyName } from '@alsatian/strategies';

export interface BreakdownBar {
  readonly strategy: StrategyName;
  readonly architecture: string;
  readonly distribution: string;
  readonly items: number;
  /** Seconds per category (core's six). */
  readonly seconds: Readonly<Record<string, number>>;
  readonly total: number;
}

export function breakdownBars(rows: readonly CsvRow[]): BreakdownBar[] {
  return categorySeconds(rows, ['architecture', 'distribution', 'items']).map((c) => ({
    strategy: c.strategy,
    architecture: String(c.labels.architecture),
    distribution: String(c.labels.distribution),
    items: Number(c.labels.items),
    seconds: Object.fromEntries(CATEGORIES.map((k) => [k, c.seconds[k] ?? 0])),
    total: c.seconds.total ?? 0,
  }));
}
