/** Fig 11's numbers from the CSV: median seconds per (cell, category) over repetitions. */
import { CATEGORIES, PREPARE_MODEL_PARTS } from '@alsatian/core';
import type { PrepareModelPart } from '@alsatian/core';
import { categorySeconds, prepareModelPartCategory } from '@alsatian/exp-shared';
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
  /** Prepare model split into reading blocks, lowering and sessions; undefined in runs made before the split. */
  readonly prepareModelParts: Readonly<Record<PrepareModelPart, number>> | undefined;
}

export function breakdownBars(rows: readonly CsvRow[]): BreakdownBar[] {
  return categorySeconds(rows, ['architecture', 'distribution', 'items']).map((c) => ({
    strategy: c.strategy,
    architecture: String(c.labels.architecture),
    distribution: String(c.labels.distribution),
    items: Number(c.labels.items),
    seconds: Object.fromEntries(CATEGORIES.map((k) => [k, c.seconds[k] ?? 0])),
    total: c.seconds.total ?? 0,
    prepareModelParts: PREPARE_MODEL_PARTS.every((p) => c.seconds[prepareModelPartCategory(p)] !== undefined)
      ? (Object.fromEntries(PREPARE_MODEL_PARTS.map((p) => [p, c.seconds[prepareModelPartCategory(p)]])) as Record<
          PrepareModelPart,
          number
        >)
      : undefined,
  }));
}
