import { FIG14_FAMILIES, paperFamily, searchPoints, STRATEGY_LABELS, STRATEGY_ORDER } from '@alsatian/exp-shared';
import type { ChartDef, CsvRow, RunData } from '@alsatian/exp-shared';
import { groupedBarChart, scaleSubtitle, STRATEGY_COLORS, STRATEGY_SERIES, withSpeedupLabels } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import type { Fig14Settings } from './scales.ts';

const PANELS = { long: 'large families', short: 'small families' } as const;

/** The paper's unit, minutes, where a scale's searches take minutes; seconds otherwise. */
export function timeUnit(s: Pick<Fig14Settings, 'minutes'>): { divisor: number; title: string; name: string } {
  return s.minutes
    ? { divisor: 60, title: 'Time in minutes', name: 'minutes' }
    : { divisor: 1, title: 'Time in seconds', name: 'seconds' };
}

/** One bar per (family, items, strategy), in the chart's unit. */
export function familyBars(rows: readonly CsvRow[], divisor: number): Datum[] {
  return searchPoints(rows, ['family', 'items', 'setSize']).flatMap((p) => {
    const family = paperFamily(String(p.labels.family));
    return STRATEGY_ORDER.flatMap((s) =>
      p.seconds[s] === undefined
        ? []
        : [
            {
              family: family.key,
              label: `${family.label} (${p.labels.setSize})`,
              panel: PANELS[family.fig14 ?? 'short'],
              items: Number(p.labels.items),
              strategy: STRATEGY_LABELS[s],
              time: p.seconds[s]! / divisor,
            },
          ],
    );
  });
}

/**
 * Fig 14 (a)/(b): Base / SHiFT / Alsatian per family, one chart for the large and one for the small families, one row
 * per item count.
 */
export function fig14Charts(run: RunData<Fig14Settings>): ChartDef[] {
  const unit = timeUnit(run.settings);
  const data = withSpeedupLabels(familyBars(run.rows, unit.divisor), {
    by: ['family', 'items'],
    series: 'strategy',
    baseline: 'Base',
    value: 'time',
    as: 'speedup',
  });
  const models = run.meta.provenance.models;
  return (Object.entries(PANELS) as [keyof typeof PANELS, string][])
    .map(([panel, title]) => ({ panel, title, rows: data.filter((d) => d.panel === title) }))
    .filter((p) => p.rows.length > 0)
    .map((p) => ({
      name: `end_to_end-${p.panel}`,
      spec: groupedBarChart({
        title: {
          text: `Hugging Face models, one search per family: ${p.title}`,
          subtitle: [
            ...(models ? [`models: ${models.kind}, ${models.what}`] : []),
            ...scaleSubtitle(run.scale, run.meta.reductions),
          ],
        },
        rows: p.rows,
        x: {
          field: 'label',
          title: 'family (models)',
          sort: FIG14_FAMILIES.flatMap((f) => [
            ...new Set(p.rows.filter((r) => r.family === f.key).map((r) => String(r.label))),
          ]),
        },
        group: { field: 'strategy', domain: STRATEGY_SERIES, colors: STRATEGY_SERIES.map((a) => STRATEGY_COLORS[a]) },
        y: { field: 'time', title: unit.title },
        label: 'speedup',
        facet: { row: { field: 'items', title: 'items' }, independentY: true },
      }),
    }));
}
