import { medianBy } from '@alsatian/bench';
import type { StrategyName } from '@alsatian/strategies';
import type { CsvRow } from './experiment.ts';
import { strategyOf } from './strategies.ts';
import type { ShapePoint } from './verdicts.ts';

/**
 * One point per combination of `keys` with each strategy's median end-to-end seconds (the search's total rows,
 * median over repetitions), in order of first appearance.
 */
export function searchPoints(rows: readonly CsvRow[], keys: readonly string[]): ShapePoint[] {
  const totals = rows.filter((r) => r.scope === 'search' && r.category === 'total');
  const points = new Map<
    string,
    { labels: Record<string, string | number>; seconds: Partial<Record<StrategyName, number>> }
  >();
  for (const m of medianBy(totals, [...keys, 'strategy'], 'seconds')) {
    const id = JSON.stringify(keys.map((k) => m[k]));
    const point = points.get(id) ?? {
      labels: Object.fromEntries(keys.map((k) => [k, typeof m[k] === 'number' ? m[k] : String(m[k])])),
      seconds: {},
    };
    point.seconds[strategyOf(m.strategy)] = Number(m.seconds);
    points.set(id, point);
  }
  return [...points.values()];
}

/** Median seconds per search-wide category (prepareModel, inference, ...) of each `keys` + strategy group. */
export function categorySeconds(
  rows: readonly CsvRow[],
  keys: readonly string[],
): { labels: Record<string, string | number>; strategy: StrategyName; seconds: Record<string, number> }[] {
  const search = rows.filter((r) => r.scope === 'search');
  const out = new Map<
    string,
    { labels: Record<string, string | number>; strategy: StrategyName; seconds: Record<string, number> }
  >();
  for (const m of medianBy(search, [...keys, 'strategy', 'category'], 'seconds')) {
    const id = JSON.stringify([...keys.map((k) => m[k]), m.strategy]);
    const entry = out.get(id) ?? {
      labels: Object.fromEntries(keys.map((k) => [k, typeof m[k] === 'number' ? m[k] : String(m[k])])),
      strategy: strategyOf(m.strategy),
      seconds: {},
    };
    entry.seconds[String(m.category)] = Number(m.seconds);
    out.set(id, entry);
  }
  return [...out.values()];
}
