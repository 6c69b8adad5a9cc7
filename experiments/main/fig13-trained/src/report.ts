/** Fig 13's section: our times and speedups next to the paper's, the shape check, the SH regret. */
import {
  alsatianFastest,
  formatSeconds,
  formatSpeedup,
  markdownTable,
  PAPER_FIG13,
  searchPoints,
  speedupOf,
  verdictTable,
  winnerRanks,
  winnerRankTable,
} from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { ARCH_LABELS } from './charts.ts';
import type { Fig13Settings } from './scales.ts';

export function fig13Report(run: RunData<Fig13Settings>): string {
  const points = searchPoints(run.rows, ['architecture']);
  const ours = new Map(points.map((p) => [String(p.labels.architecture), p]));
  const table = markdownTable(
    [
      'architecture',
      'ours: Base / SHiFT / Alsatian (s)',
      'ours: Alsatian vs Base / vs SHiFT',
      'paper: Base / SHiFT / Alsatian (s)',
      'paper: Alsatian vs Base / vs SHiFT',
    ],
    [...new Set([...ours.keys(), ...PAPER_FIG13.map((p) => p.architecture)])].map((arch) => {
      const p = ours.get(arch);
      const paper = PAPER_FIG13.find((r) => r.architecture === arch);
      const paperPoint = paper && { labels: {}, seconds: paper.seconds };
      return [
        ARCH_LABELS[arch] ?? arch,
        p
          ? [p.seconds.baseline, p.seconds.shift, p.seconds.alsatian].map((x) => formatSeconds(x)).join(' / ')
          : 'not run at this scale',
        p ? `${formatSpeedup(speedupOf(p))} / ${formatSpeedup(speedupOf(p, 'shift'))}` : '–',
        paper ? `${paper.seconds.baseline} / ${paper.seconds.shift} / ${paper.seconds.alsatian}` : '–',
        paperPoint ? `${formatSpeedup(speedupOf(paperPoint))} / ${formatSpeedup(speedupOf(paperPoint, 'shift'))}` : '–',
      ];
    }),
  );
  const first = run.rows[0];
  const paperPoints = PAPER_FIG13.map((p) => ({ labels: { architecture: p.architecture }, seconds: p.seconds }));
  return [
    `${first?.setSize} models per architecture, ${first?.train}/${first?.test} items (the paper: 36 models, ` +
      `1600/400 ImageWoof items).`,
    '',
    table,
    '',
    verdictTable([{ paper: alsatianFastest(paperPoints), ours: alsatianFastest(points) }]),
    '',
    winnerRankTable(winnerRanks(run.rows, ['architecture']), ['architecture']),
  ].join('\n');
}
