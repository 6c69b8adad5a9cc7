import type { Datum } from './spec-types.ts';

export interface SpeedupOptions {
  /** Columns that identify one comparison (e.g. architecture, distribution, items). */
  readonly by: readonly string[];
  /** The column naming the strategy, and the strategy everything is compared with. */
  readonly series: string;
  readonly baseline: string;
  readonly value: string;
  /** Column to write the label into (default 'label'). */
  readonly as?: string;
  readonly digits?: number;
}

/**
 * Adds the paper's bar annotation: baseline value / this value, formatted '{:.1f}x' (speedup over Base). The
 * baseline's own bar, and bars whose comparison has no baseline row, get an empty label.
 */
export function withSpeedupLabels(rows: readonly Datum[], options: SpeedupOptions): Datum[] {
  const as = options.as ?? 'label';
  const digits = options.digits ?? 1;
  const keyOf = (row: Datum) => JSON.stringify(options.by.map((k) => row[k] ?? null));
  const baselines = new Map<string, number>();
  for (const row of rows) {
    const v = row[options.value];
    if (row[options.series] === options.baseline && typeof v === 'number') baselines.set(keyOf(row), v);
  }
  return rows.map((row) => {
    const base = baselines.get(keyOf(row));
    const v = row[options.value];
    const label =
      row[options.series] === options.baseline || base === undefined || typeof v !== 'number' || v <= 0
        ? ''
        : `${(base / v).toFixed(digits)}x`;
    return { ...row, [as]: label };
  });
}

/** The subtitle that says what a reduced scale leaves out, so a quick-scale chart is never mistaken for the paper's. */
export function scaleSubtitle(scale: string, reductions: readonly string[]): string[] {
  if (reductions.length === 0) return [`${scale} scale`];
  return [`${scale} scale, reduced from the paper:`, ...reductions.map((r) => `- ${r}`)];
}
