import { medianBy } from '@alsatian/bench';
import type { RowValue, Scale } from '@alsatian/bench';
import { InvalidArgumentError } from '@alsatian/core';
import { DISTRIBUTION_LABELS } from '@alsatian/exp-shared';
import { APPROACH_COLORS, APPROACHES, groupedBarChart, scaleSubtitle, withSpeedupLabels } from '@alsatian/plot';
import type { TopLevelSpec } from '@alsatian/plot';
import { DISTRIBUTIONS, reductions, tokensOf } from './settings.ts';

export type CsvRow = Record<string, RowValue>;

/** End-to-end seconds per (distribution, approach): the median over repetitions of each search's total row. */
export function totals(rows: readonly CsvRow[]): { distribution: string; label: string; approach: string; seconds: number }[] {
  const total = rows.filter((r) => r.scope === 'search' && r.category === 'total');
  return medianBy(total, ['distribution', 'approach'], 'seconds').map((r) => ({
    distribution: String(r.distribution),
    label: DISTRIBUTION_LABELS[String(r.distribution)] ?? String(r.distribution),
    approach: String(r.approach),
    seconds: Number(r.seconds),
  }));
}

/** Fig 17 (a)-(c): Base / SHiFT / Alsatian per distribution, SHiFT and Alsatian bars labelled with Base/x. */
export function bertChart(rows: readonly CsvRow[]): TopLevelSpec {
  if (rows.length === 0) throw new InvalidArgumentError('Fig 17: the result CSV has no rows to plot.');
  const scale = String(rows[0].scale) as Scale;
  const first = rows[0];
  const data = withSpeedupLabels(totals(rows), { by: ['distribution'], series: 'approach', baseline: 'Base', value: 'seconds', as: 'speedup' });
  const corpus = first.dataset === 'synthetic-text' ? 'synthetic review corpus' : `IMDB from ${first.dataset}`;
  return groupedBarChart({
    title: { text: `BERT: ${first.setSize} models, ${Number(first.train) + Number(first.test)} items`, subtitle: [`${first.architecture}, ${corpus}, ${tokensOf(String(first.architecture))} tokens`, ...scaleSubtitle(scale, reductions(scale))] },
    rows: data,
    x: { field: 'label', title: 'distribution', sort: DISTRIBUTIONS.map((d) => DISTRIBUTION_LABELS[d]) },
    group: { field: 'approach', domain: [...APPROACHES], colors: APPROACHES.map((a) => APPROACH_COLORS[a]) },
    y: { field: 'seconds', title: 'Time in seconds' },
    label: 'speedup',
  });
}
