import { DISTRIBUTION_LABELS, searchPoints, STRATEGY_LABELS, STRATEGY_ORDER } from '@alsatian/exp-shared';
import type { ChartDef, RunData } from '@alsatian/exp-shared';
import { groupedBarChart, scaleSubtitle, STRATEGY_COLORS, STRATEGY_SERIES, withSpeedupLabels } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { DISTRIBUTIONS } from './scales.ts';
import type { Fig17Settings } from './scales.ts';

export const CHART_NAME = 'bert-end_to_end';

/** Fig 17 (a)-(c): Base / SHiFT / Alsatian per distribution, SHiFT and Alsatian bars labelled with Base/x. */
export function fig17Charts(run: RunData<Fig17Settings>): ChartDef[] {
  const first = run.rows[0];
  const bars: Datum[] = searchPoints(run.rows, ['distribution']).flatMap((p) =>
    STRATEGY_ORDER.flatMap((s) =>
      p.seconds[s] === undefined
        ? []
        : [
            {
              distribution: String(p.labels.distribution),
              label: DISTRIBUTION_LABELS[String(p.labels.distribution)] ?? String(p.labels.distribution),
              strategy: STRATEGY_LABELS[s],
              seconds: p.seconds[s]!,
            },
          ],
    ),
  );
  const dataset = run.meta.provenance.dataset;
  return [
    {
      name: CHART_NAME,
      spec: groupedBarChart({
        title: {
          text: `BERT: ${first?.setSize} models, ${Number(first?.train) + Number(first?.test)} items`,
          subtitle: [
            `${first?.architecture}${dataset ? `; data: ${dataset.kind}, ${dataset.what}` : ''}`,
            ...scaleSubtitle(run.scale, run.meta.reductions),
          ],
        },
        rows: withSpeedupLabels(bars, {
          by: ['distribution'],
          series: 'strategy',
          baseline: 'Base',
          value: 'seconds',
          as: 'speedup',
        }),
        x: { field: 'label', title: 'distribution', sort: DISTRIBUTIONS.map((d) => DISTRIBUTION_LABELS[d]) },
        group: { field: 'strategy', domain: STRATEGY_SERIES, colors: STRATEGY_SERIES.map((a) => STRATEGY_COLORS[a]) },
        y: { field: 'seconds', title: 'Time in seconds' },
        label: 'speedup',
      }),
    },
  ];
}
