/** Fig 16's numbers from the CSV: median seconds per (strategy, memory level, category) and Alsatian's runs. */
import { categorySeconds } from '@alsatian/exp-shared';
import type { CsvRow } from '@alsatian/exp-shared';
import type { StrategyName } from '@alsatian/strategies';

export interface MemoryBar {
  readonly strategy: StrategyName;
  readonly memoryGB: number;
  readonly cacheBudgetMB: number;
  /** The modelled page cache for model files (MB); undefined in runs made before the column existed. */
  readonly pageCacheMB: number | undefined;
  readonly seconds: Readonly<Record<string, number>>;
  readonly total: number;
  /** Data runs summed over SH iterations (more runs = the budget split the data). */
  readonly runs: number;
  readonly peakCacheMB: number;
}

export function memoryBars(rows: readonly CsvRow[]): MemoryBar[] {
  const firstTotals = rows.filter((r) => r.scope === 'search' && r.category === 'total' && r.repetition === 0);
  return categorySeconds(rows, ['memoryGB', 'cacheBudgetMB'])
    .map((c) => {
      const first = firstTotals.find((r) => r.strategy === c.strategy && r.memoryGB === c.labels.memoryGB);
      return {
        strategy: c.strategy,
        memoryGB: Number(c.labels.memoryGB),
        cacheBudgetMB: Number(c.labels.cacheBudgetMB),
        pageCacheMB:
          first?.pageCacheMB === undefined || first.pageCacheMB === '' ? undefined : Number(first.pageCacheMB),
        seconds: c.seconds,
        total: c.seconds.total ?? 0,
        runs: Number(first?.runs ?? 0),
        peakCacheMB: Number(first?.peakCacheBytes ?? 0) / 1e6,
      };
    })
    .sort((a, b) => b.memoryGB - a.memoryGB);
}
