import { medianBy } from '@alsatian/bench';
import { searchPoints, STRATEGY_LABELS, STRATEGY_ORDER, strategyOf } from '@alsatian/exp-shared';
import type { ChartDef, CsvRow, RunData } from '@alsatian/exp-shared';
import {
  BREAKDOWN_COLORS,
  BREAKDOWN_LABELS,
  groupedBarChart,
  scaleSubtitle,
  stackedBarChart,
  STRATEGY_COLORS,
  STRATEGY_SERIES,
  withSpeedupLabels,
} from '@alsatian/plot';
import type { Fig15Settings } from './scales.ts';

/** The paper's breakdown order for the HF plots: prepare data first, then prepare model, inference, proxy. */
export const CATEGORIES = ['prepareData', 'prepareModel', 'inference', 'proxy', 'cache', 'planning'] as const;

export function timeUnit(s: Pick<Fig15Settings, 'minutes'>): { divisor: number; title: string; name: string } {
  return s.minutes
    ? { divisor: 60, title: 'Time in minutes', name: 'minutes' }
    : { divisor: 1, title: 'Time in seconds', name: 'seconds' };
}

function subtitle(run: RunData<Fig15Settings>): string[] {
  const first = run.rows[0] as CsvRow | undefined;
  const models = run.meta.provenance.models;
  const cache =
    first === undefined
      ? []
      : [
          `block cache ${(Number(first.blockCacheBytes) / 1e6).toFixed(1)} MB = ` +
            `${Number(first.blockCacheShare) * 100} % of the ` +
            `${(Number(first.storeUniqueBytes) / 1e6).toFixed(1)} MB of unique weights`,
        ];
  return [
    `${first?.setSize} models${models ? `: ${models.kind}, ${models.what}` : ''}`,
    ...cache,
    ...scaleSubtitle(run.scale, run.meta.reductions),
  ];
}

/** Fig 15: three bars per item count, labelled with the speedup over Base; and the breakdown per strategy. */
export function fig15Charts(run: RunData<Fig15Settings>): ChartDef[] {
  const unit = timeUnit(run.settings);
  const totals = searchPoints(run.rows, ['items']).flatMap((p) =>
    STRATEGY_ORDER.flatMap((s) =>
      p.seconds[s] === undefined
        ? []
        : [{ items: Number(p.labels.items), strategy: STRATEGY_LABELS[s], time: p.seconds[s]! / unit.divisor }],
    ),
  );
  const search = run.rows.filter(
    (r) => r.scope === 'search' && (CATEGORIES as readonly unknown[]).includes(r.category),
  );
  const parts = medianBy(search, ['items', 'strategy', 'category'], 'seconds').map((r) => ({
    items: r.items,
    strategy: STRATEGY_LABELS[strategyOf(r.strategy)],
    category: r.category,
    time: Number(r.seconds) / unit.divisor,
  }));
  return [
    {
      name: 'combined-end_to_end',
      spec: groupedBarChart({
        title: { text: 'All Hugging Face families in one search', subtitle: subtitle(run) },
        rows: withSpeedupLabels(totals, {
          by: ['items'],
          series: 'strategy',
          baseline: 'Base',
          value: 'time',
          as: 'speedup',
        }),
        x: { field: 'items', title: 'items' },
        group: { field: 'strategy', domain: STRATEGY_SERIES, colors: STRATEGY_SERIES.map((a) => STRATEGY_COLORS[a]) },
        y: { field: 'time', title: unit.title },
        label: 'speedup',
      }),
    },
    {
      name: 'combined-breakdown',
      spec: stackedBarChart({
        title: { text: 'All Hugging Face families: time breakdown', subtitle: subtitle(run) },
        rows: parts,
        bar: { field: 'strategy', sort: [...STRATEGY_SERIES] },
        stack: {
          field: 'category',
          title: 'phase',
          domain: [...CATEGORIES],
          colors: CATEGORIES.map((c) => BREAKDOWN_COLORS[c]),
          labels: BREAKDOWN_LABELS,
        },
        value: { field: 'time', title: unit.title },
        totals: true,
        facet: { column: { field: 'items', title: 'items' }, independentY: true },
      }),
    },
  ];
}
