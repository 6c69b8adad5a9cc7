/** Fig 15's section: our times next to the paper's, the shape check, the block cache's reloads, the SH regret. */
import {
  alsatianFastest,
  formatSpeedup,
  markdownTable,
  PAPER_FIG15,
  searchPoints,
  speedupOf,
  verdictTable,
  winnerRanks,
  winnerRankTable,
} from '@alsatian/exp-shared';
import type { RunData, ShapePoint } from '@alsatian/exp-shared';
import { timeUnit } from './charts.ts';
import type { Fig15Settings } from './scales.ts';

export function fig15Report(run: RunData<Fig15Settings>): string {
  const unit = timeUnit(run.settings);
  const points = searchPoints(run.rows, ['items']);
  const totals = run.rows.filter((r) => r.scope === 'search' && r.category === 'total' && r.repetition === 0);
  const lines = points.map((p, i) => {
    const items = Number(p.labels.items);
    const paper = PAPER_FIG15[i === 0 ? 0 : 1];
    const pp = { labels: {}, seconds: paper.minutes };
    const cache = (strategy: string) => {
      const r = totals.find((x) => x.items === items && x.strategy === strategy);
      return r ? `${r.sessionsReused} / ${r.sessionsCreated}` : '–';
    };
    const fmt = (x?: number) => (x === undefined ? '–' : (x / unit.divisor).toFixed(unit.divisor === 1 ? 1 : 2));
    const shiftVsBase = (q: ShapePoint) =>
      q.seconds.baseline !== undefined && q.seconds.shift ? q.seconds.baseline / q.seconds.shift : undefined;
    return [
      `${items} (paper ${paper.items})`,
      [p.seconds.baseline, p.seconds.shift, p.seconds.alsatian].map(fmt).join(' / '),
      `${formatSpeedup(speedupOf(p))} / ${formatSpeedup(speedupOf(p, 'shift'))} / ${formatSpeedup(shiftVsBase(p), 2)}`,
      `${cache('shift')}; ${cache('alsatian')}`,
      `${paper.minutes.baseline} / ${paper.minutes.shift} / ${paper.minutes.alsatian}`,
      `${formatSpeedup(speedupOf(pp))} / ${formatSpeedup(speedupOf(pp, 'shift'))} / ` +
        `${formatSpeedup(shiftVsBase(pp), 2)}`,
    ];
  });
  const first = run.rows[0];
  const paper = PAPER_FIG15.map((p) => ({ labels: { items: p.items }, seconds: p.minutes }));
  return [
    first === undefined
      ? ''
      : `${first.setSize} models of ${String(first.families).split(';').length} families in one search; block ` +
        `cache ${(Number(first.blockCacheBytes) / 1e6).toFixed(1)} MB, ${Number(first.blockCacheShare) * 100} ` +
        `% of the ${(Number(first.storeUniqueBytes) / 1e6).toFixed(1)} MB of unique weights, so blocks are ` +
        `evicted and reloaded as in the paper; times in ${unit.name}.`,
    '',
    markdownTable(
      [
        'items',
        `ours: Base / SHiFT / Alsatian (${unit.name})`,
        'ours: Alsatian vs Base / vs SHiFT / SHiFT vs Base',
        'sessions reused / created: SHiFT; Alsatian',
        'paper (minutes)',
        'paper: Alsatian vs Base / vs SHiFT / SHiFT vs Base',
      ],
      lines,
    ),
    '',
    verdictTable([{ paper: alsatianFastest(paper), ours: alsatianFastest(points) }]),
    '',
    winnerRankTable(winnerRanks(run.rows, ['items']), ['items']),
  ].join('\n');
}
