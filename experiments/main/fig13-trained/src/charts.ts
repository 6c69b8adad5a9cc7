import { PAPER_ARCH_LABELS, searchPoints, STRATEGY_LABELS, STRATEGY_ORDER } from '@alsatian/exp-shared';
import type { ChartDef, CsvRow, RunData } from '@alsatian/exp-shared';
import { groupedBarChart, scaleSubtitle, STRATEGY_COLORS, STRATEGY_SERIES, withSpeedupLabels } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import type { Fig13Settings } from './scales.ts';

export const CHART_NAME = 'trained-end_to_end-TOP_25';

export const ARCH_LABELS: Readonly<Record<string, string>> = { ...PAPER_ARCH_LABELS, vit_b_32: 'ViT-B-32' };

/** End-to-end seconds per (architecture, strategy): the median over repetitions of each search's total row. */
export function totals(rows: readonly CsvRow[]): Datum[] {
  return searchPoints(rows, ['architecture']).flatMap((p) =>
    STRATEGY_ORDER.flatMap((s) =>
      p.seconds[s] === undefined
        ? []
        : [
            {
              architecture: String(p.labels.architecture),
              model: ARCH_LABELS[String(p.labels.architecture)] ?? String(p.labels.architecture),
              strategy: STRATEGY_LABELS[s],
              seconds: p.seconds[s]!,
            },
          ],
    ),
  );
}

/** Fig 13: Base / SHiFT / Alsatian per architecture, bars labelled with the speedup over Base. */
export function fig13Charts(run: RunData<Fig13Settings>): ChartDef[] {
  const first = run.rows[0];
  const data = withSpeedupLabels(totals(run.rows), {
    by: ['architecture'],
    series: 'strategy',
    baseline: 'Base',
    value: 'seconds',
    as: 'speedup',
  });
  const models = run.meta.provenance.models;
  return [
    {
      name: CHART_NAME,
      spec: groupedBarChart({
        title: {
          text:
            `Trained models: ${first?.setSize} per architecture, ${Number(first?.train) + Number(first?.test)} ` +
            `items`,
          subtitle: [
            ...(models ? [`models: ${models.kind}, ${models.what}`] : []),
            ...scaleSubtitle(run.scale, run.meta.reductions),
          ],
        },
        rows: data,
        x: { field: 'model', title: 'architecture', sort: [...new Set(data.map((d) => String(d.model)))] },
        group: { field: 'strategy', domain: STRATEGY_SERIES, colors: STRATEGY_SERIES.map((a) => STRATEGY_COLORS[a]) },
        y: { field: 'seconds', title: 'Time in seconds' },
        label: 'speedup',
      }),
    },
  ];
}
