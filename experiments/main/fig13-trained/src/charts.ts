import { medianBy } from '@alsatian/bench';
import type { RowValue, Scale } from '@alsatian/bench';
import { InvalidArgumentError } from '@alsatian/core';
import { PAPER_ARCH_LABELS } from '@alsatian/exp-shared';
import { APPROACH_COLORS, APPROACHES, groupedBarChart, scaleSubtitle, withSpeedupLabels } from '@alsatian/plot';
import type { TopLevelSpec } from '@alsatian/plot';
import { SETTINGS } from './settings.ts';

export type CsvRow = Record<string, RowValue>;

export const ARCH_LABELS: Readonly<Record<string, string>> = { ...PAPER_ARCH_LABELS, vit_b_32: 'ViT-B-32' };

/** End-to-end seconds per (architecture, approach): the median over repetitions of each search's total row. */
export function totals(rows: readonly CsvRow[]): { architecture: string; model: string; approach: string; seconds: number }[] {
  const total = rows.filter((r) => r.scope === 'search' && r.category === 'total');
  return medianBy(total, ['architecture', 'approach'], 'seconds').map((r) => ({
    architecture: String(r.architecture),
    model: ARCH_LABELS[String(r.architecture)] ?? String(r.architecture),
    approach: String(r.approach),
    seconds: Number(r.seconds),
  }));
}

/** What the models are: imported checkpoints, or the synthetic stand-in of M_train's structure. */
export function modelsNote(rows: readonly CsvRow[]): string {
  const first = rows[0];
  return first.checkpoints ? `fine-tuned checkpoints from ${first.checkpoints}` : 'synthetic stand-in: seeded weights, each model fine-tuned from the base (Top 25 %)';
}

/** Fig 13: Base / SHiFT / Alsatian per architecture, bars labelled with the speedup over Base. */
export function trainedChart(rows: readonly CsvRow[]): TopLevelSpec {
  if (rows.length === 0) throw new InvalidArgumentError('Fig 13: the result CSV has no rows to plot.');
  const scale = String(rows[0].scale) as Scale;
  const first = rows[0];
  const data = withSpeedupLabels(totals(rows), { by: ['architecture'], series: 'approach', baseline: 'Base', value: 'seconds', as: 'speedup' });
  const order = [...new Set(data.map((d) => String(d.architecture)))].map((a) => ARCH_LABELS[a] ?? a);
  const reductions = first.checkpoints ? SETTINGS[scale].reductions.filter((r) => /items/.test(r)) : SETTINGS[scale].reductions;
  return groupedBarChart({
    title: { text: `Trained models: ${first.setSize} per architecture, ${Number(first.train) + Number(first.test)} items`, subtitle: [modelsNote(rows), ...scaleSubtitle(scale, reductions)] },
    rows: data,
    x: { field: 'model', title: 'architecture', sort: order },
    group: { field: 'approach', domain: [...APPROACHES], colors: APPROACHES.map((a) => APPROACH_COLORS[a]) },
    y: { field: 'seconds', title: 'Time in seconds' },
    label: 'speedup',
  });
}
