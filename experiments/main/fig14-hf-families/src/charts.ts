import { medianBy } from '@alsatian/bench';
import type { RowValue, Scale } from '@alsatian/bench';
import { InvalidArgumentError } from '@alsatian/core';
import { APPROACH_COLORS, APPROACHES, groupedBarChart, scaleSubtitle, withSpeedupLabels } from '@alsatian/plot';
import type { TopLevelSpec } from '@alsatian/plot';
import { FIG14_FAMILIES, paperFamily } from '@alsatian/exp-shared';
import { SETTINGS } from './settings.ts';

export type CsvRow = Record<string, RowValue>;

export interface FamilyTotal {
  readonly family: string;
  readonly label: string;
  readonly panel: string;
  readonly items: number;
  readonly approach: string;
  readonly setSize: number;
  readonly seconds: number;
}

const PANELS = { long: 'large families', short: 'small families' } as const;

/** End-to-end seconds per (family, items, approach): the median of each search's total row. */
export function familyTotals(rows: readonly CsvRow[]): FamilyTotal[] {
  const total = rows.filter((r) => r.scope === 'search' && r.category === 'total');
  return medianBy(total, ['family', 'items', 'approach', 'setSize'], 'seconds').map((r) => {
    const family = paperFamily(String(r.family));
    return { family: family.key, label: `${family.label} (${r.setSize})`, panel: PANELS[family.fig14 ?? 'short'], items: Number(r.items), approach: String(r.approach), setSize: Number(r.setSize), seconds: Number(r.seconds) };
  });
}

/** The paper's unit: minutes at small and paper scale, seconds at quick scale. */
export function timeUnit(scale: Scale): { divisor: number; title: string } {
  return SETTINGS[scale].minutes ? { divisor: 60, title: 'Time in minutes' } : { divisor: 1, title: 'Time in seconds' };
}

/** Fig 14 (a)/(b): Base / SHiFT / Alsatian per family, one chart for the large and one for the small families, one row per item count. */
export function familiesCharts(rows: readonly CsvRow[]): { name: string; spec: TopLevelSpec }[] {
  if (rows.length === 0) throw new InvalidArgumentError('Fig 14: the result CSV has no rows to plot.');
  const scale = String(rows[0].scale) as Scale;
  const unit = timeUnit(scale);
  const data = withSpeedupLabels(
    familyTotals(rows).map((t) => ({ ...t, time: t.seconds / unit.divisor })),
    { by: ['family', 'items'], series: 'approach', baseline: 'Base', value: 'time', as: 'speedup' },
  );
  const real = rows[0].hfDir ? `real checkpoints from ${rows[0].hfDir}` : 'stand-in families: the crawl\'s overlap patterns, seeded weights';
  return (Object.entries(PANELS) as [keyof typeof PANELS, string][])
    .map(([panel, title]) => ({ panel, title, rows: data.filter((d) => d.panel === title) }))
    .filter((p) => p.rows.length > 0)
    .map((p) => ({
      name: `end_to_end-${p.panel}`,
      spec: groupedBarChart({
        title: { text: `Hugging Face models, one search per family: ${p.title}`, subtitle: [real, ...scaleSubtitle(scale, SETTINGS[scale].reductions)] },
        rows: p.rows,
        x: { field: 'label', title: 'family (models)', sort: FIG14_FAMILIES.flatMap((f) => [...new Set(p.rows.filter((r) => r.family === f.key).map((r) => String(r.label)))]) },
        group: { field: 'approach', domain: [...APPROACHES], colors: APPROACHES.map((a) => APPROACH_COLORS[a]) },
        y: { field: 'time', title: unit.title },
        label: 'speedup',
        facet: { row: { field: 'items', title: 'items' }, independentY: true },
      }),
    }));
}
