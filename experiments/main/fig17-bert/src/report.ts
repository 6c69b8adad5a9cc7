/** Fig 17's section: our times and speedups next to the paper's, the shape checks, the SH regret. */
import {
  alsatianFastest,
  DISTRIBUTION_LABELS,
  formatSeconds,
  formatSpeedup,
  markdownTable,
  PAPER_FIG17,
  searchPoints,
  speedupGrows,
  speedupOf,
  verdictTable,
  winnerRanks,
  winnerRankTable,
} from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { DISTRIBUTIONS } from './scales.ts';
import type { Fig17Settings } from './scales.ts';

const GROWS = "Alsatian's speedup over Base grows from Top 50 % to Top Layers";

export function fig17Report(run: RunData<Fig17Settings>): string {
  const points = searchPoints(run.rows, ['distribution']);
  const table = markdownTable(
    [
      'distribution',
      'ours: Base / SHiFT / Alsatian (s)',
      'ours: Alsatian vs Base / vs SHiFT',
      'paper: Base / SHiFT / Alsatian (s)',
      'paper: Alsatian vs Base / vs SHiFT',
    ],
    DISTRIBUTIONS.map((d) => {
      const p = points.find((x) => x.labels.distribution === d);
      const paper = PAPER_FIG17.find((r) => r.distribution === d)!;
      const pp = { labels: {}, seconds: paper.seconds };
      return [
        DISTRIBUTION_LABELS[d],
        p
          ? [p.seconds.baseline, p.seconds.shift, p.seconds.alsatian].map((x) => formatSeconds(x)).join(' / ')
          : 'not run',
        p ? `${formatSpeedup(speedupOf(p))} / ${formatSpeedup(speedupOf(p, 'shift'))}` : '–',
        `${paper.seconds.baseline} / ${paper.seconds.shift} / ${paper.seconds.alsatian}`,
        `${formatSpeedup(speedupOf(pp))} / ${formatSpeedup(speedupOf(pp, 'shift'))}`,
      ];
    }),
  );
  const first = run.rows[0];
  const paper = PAPER_FIG17.map((r) => ({ labels: { distribution: r.distribution }, seconds: r.seconds }));
  return [
    first === undefined
      ? ''
      : `${first.architecture}, ${first.setSize} chained snapshots per distribution, ${first.train}/` +
        `${first.test} items (the paper: bert_base, 35 models, 1600/400 IMDB items).`,
    '',
    table,
    '',
    verdictTable([
      { paper: alsatianFastest(paper), ours: alsatianFastest(points) },
      {
        paper: speedupGrows(paper, 'distribution', 'top-50', 'top-layers', GROWS),
        ours: speedupGrows(points, 'distribution', 'top-50', 'top-layers', GROWS),
      },
    ]),
    '',
    winnerRankTable(winnerRanks(run.rows, ['distribution']), ['distribution']),
  ].join('\n');
}
