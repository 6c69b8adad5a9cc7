/** Fig 14's section: our times and speedups per family next to the paper's, the shape checks, the SH regret. */
import {
  alsatianFastest,
  FIG14_FAMILIES,
  formatSpeedup,
  markdownTable,
  PAPER_FIG14,
  searchPoints,
  speedupGrows,
  speedupOf,
  verdictTable,
  winnerRanks,
  winnerRankTable,
} from '@alsatian/exp-shared';
import type { RunData, ShapePoint } from '@alsatian/exp-shared';
import { timeUnit } from './charts.ts';
import type { Fig14Settings } from './scales.ts';

const GROWS = "Alsatian's speedup over Base grows with the items";

export function fig14Report(run: RunData<Fig14Settings>): string {
  const unit = timeUnit(run.settings);
  const points = searchPoints(run.rows, ['family', 'items', 'setSize']);
  const itemCounts = [...new Set(points.map((p) => Number(p.labels.items)))].sort((a, b) => a - b);
  // The smaller of our item counts stands for the paper's 2000, a larger one for its 8000.
  const paperItems = (items: number) => (items === itemCounts[0] ? 2000 : 8000);
  const lines = itemCounts.flatMap((items) =>
    FIG14_FAMILIES.flatMap((f) => {
      const p = points.find((x) => x.labels.family === f.key && x.labels.items === items);
      if (p === undefined) return [];
      const paper = PAPER_FIG14.find((r) => r.family === f.key && r.items === paperItems(items))!;
      const fmt = (x?: number) => (x === undefined ? '–' : (x / unit.divisor).toFixed(unit.divisor === 1 ? 1 : 2));
      const pp = { labels: {}, seconds: paper.seconds };
      return [
        [
          `${items} (paper ${paper.items})`,
          `${f.label} (${p.labels.setSize}; paper ${f.models})`,
          [p.seconds.baseline, p.seconds.shift, p.seconds.alsatian].map(fmt).join(' / '),
          `${formatSpeedup(speedupOf(p))} / ${formatSpeedup(speedupOf(p, 'shift'))}`,
          `${formatSpeedup(speedupOf(pp))} / ${formatSpeedup(speedupOf(pp, 'shift'))}`,
        ],
      ];
    }),
  );
  const ours: ShapePoint[] = points.map((p) => ({
    labels: { family: p.labels.family, items: p.labels.items },
    seconds: p.seconds,
  }));
  const paper: ShapePoint[] = PAPER_FIG14.map((r) => ({
    labels: { family: r.family, items: r.items },
    seconds: r.seconds,
  }));
  return [
    `Times in ${unit.name}.`,
    '',
    markdownTable(
      [
        'items',
        'family (models)',
        `ours: Base / SHiFT / Alsatian (${unit.name})`,
        'ours: Alsatian vs Base / vs SHiFT',
        'paper: Alsatian vs Base / vs SHiFT',
      ],
      lines,
    ),
    '',
    verdictTable([
      { paper: alsatianFastest(paper), ours: alsatianFastest(ours) },
      {
        paper: speedupGrows(paper, 'items', 2000, 8000, GROWS),
        ours: speedupGrows(
          ours,
          'items',
          itemCounts[0],
          itemCounts.length > 1 ? itemCounts.at(-1)! : Number.NaN,
          GROWS,
        ),
      },
    ]),
    '',
    winnerRankTable(winnerRanks(run.rows, ['family', 'items']), ['family', 'items']),
  ].join('\n');
}
