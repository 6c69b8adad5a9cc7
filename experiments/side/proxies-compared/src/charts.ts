import { STRATEGY_LABELS, strategyOf } from '@alsatian/exp-shared';
import type { ChartDef, RunData } from '@alsatian/exp-shared';
import { groupedBarChart, scaleSubtitle, STRATEGY_COLORS } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { proxySummaries } from './agreement.ts';

const PROXIES = ['linear', 'knn', 'logme'];
const SHOWN = ['Base', 'Alsatian'] as const;

export const CHART_FILE = 'time-per-proxy';

/** Grouped bars per proxy (Base, Alsatian): proxy-scoring seconds and search total, one panel each. */
export function proxyCharts(run: RunData): ChartDef[] {
  const summaries = proxySummaries(run.rows);
  const rows: Datum[] = summaries.flatMap((s) => [
    {
      proxy: s.proxy,
      strategy: STRATEGY_LABELS[strategyOf(s.strategy)],
      measure: 'proxy scoring',
      seconds: s.proxySeconds,
    },
    {
      proxy: s.proxy,
      strategy: STRATEGY_LABELS[strategyOf(s.strategy)],
      measure: 'search total',
      seconds: s.totalSeconds,
    },
  ]);
  const spec = groupedBarChart({
    title: {
      text: 'Proxies compared on the same search: time',
      subtitle: scaleSubtitle(run.scale, run.meta.reductions),
    },
    rows,
    x: { field: 'proxy', sort: [...PROXIES] },
    group: { field: 'strategy', domain: [...SHOWN], colors: SHOWN.map((a) => STRATEGY_COLORS[a]) },
    y: { field: 'seconds', title: 'seconds' },
    facet: { column: { field: 'measure', sort: ['proxy scoring', 'search total'] }, independentY: true },
  });
  return [{ name: CHART_FILE, spec }];
}
