/** Fig 11's section: our breakdowns next to the paper's, and the paper's observations computed on both. */
import {
  DISTRIBUTION_LABELS,
  formatSeconds,
  formatSpeedup,
  markdownTable,
  PAPER_FIG11,
  STRATEGY_LABELS,
  winnerRanks,
  winnerRankTable,
} from '@alsatian/exp-shared';
import type { PaperBreakdown, RunData } from '@alsatian/exp-shared';
import { breakdownBars } from './breakdown.ts';
import type { BreakdownBar } from './breakdown.ts';
import { strategyPanels } from './charts.ts';
import type { Fig11Settings } from './scales.ts';

type Parts = Pick<PaperBreakdown, 'prepareModel' | 'prepareData' | 'inference' | 'proxy'>;

const fmt = (s: Readonly<Record<string, number>>, total: number) =>
  `${formatSeconds(s.prepareModel)} / ${formatSeconds(s.prepareData)} / ${formatSeconds(s.inference)} / ` +
  `${formatSeconds(s.proxy)} (+ ${formatSeconds((s.cache ?? 0) + (s.planning ?? 0))}) = ` +
  `${formatSeconds(total)}`;
const fmtPaper = (p: PaperBreakdown) =>
  `${p.prepareModel} / ${p.prepareData} / ${p.inference} / ${p.proxy} = ${p.total}`;

/** The paper's observations on one panel, as numbers: the same four for the paper's panel (a) and each of ours. */
function observations(base: Parts, shift: Parts, als: Parts): string {
  return [
    `SHiFT / Base prepare model ${formatSpeedup(shift.prepareModel / base.prepareModel, 2)}`,
    `SH cuts inference ${formatSpeedup(base.inference / shift.inference)} and proxy ` +
      `${formatSpeedup(base.proxy / shift.proxy)}`,
    `SHiFT / Alsatian prepare data ${formatSpeedup(shift.prepareData / als.prepareData)}`,
    `Alsatian / SHiFT proxy ${formatSpeedup(als.proxy / shift.proxy, 2)}`,
  ].join('; ');
}

export function fig11Report(run: RunData<Fig11Settings>): string {
  const bars = breakdownBars(run.rows);
  const panels = strategyPanels(bars);
  const firstArch = panels[0]?.bars[0]?.architecture;
  const itemSizes = [...new Set(bars.map((b) => b.items))].sort((a, b) => a - b);
  // Our panels of the first (CNN) architecture correspond to the paper's a-c: large/top-50, large/top-layers,
  // small/top-layers.
  const paperPanel = (b: BreakdownBar) => {
    if (b.architecture !== firstArch) return undefined;
    const large = b.items === itemSizes.at(-1);
    return PAPER_FIG11.strategies.find(
      (p) => (large ? p.items === 8000 : p.items === 2000) && p.distribution === b.distribution,
    );
  };
  const table = markdownTable(
    [
      'panel',
      'strategy',
      'ours: prepare model / data / inference / proxy (+ cache, planning) = total s',
      'paper panel',
      'paper: model / data / inference / proxy = total s',
    ],
    panels.flatMap(({ panel, bars: list }) =>
      list.map((b) => {
        const paper = paperPanel(b);
        return [
          panel,
          STRATEGY_LABELS[b.strategy],
          fmt(b.seconds, b.total),
          paper
            ? `(${paper.panel}) ${paper.architecture}, ${paper.items}, ${DISTRIBUTION_LABELS[paper.distribution]}`
            : '–',
          paper ? fmtPaper(paper.seconds[b.strategy]) : '–',
        ];
      }),
    ),
  );
  const a = PAPER_FIG11.strategies[0];
  const checks = [
    `- paper (${a.panel}) ${a.architecture}, ${a.items} items, ${DISTRIBUTION_LABELS[a.distribution]}: ` +
      `${observations(a.seconds.baseline, a.seconds.shift, a.seconds.alsatian)}.`,
    ...panels.map(({ panel, bars: list }) => {
      const get = (s: string) => list.find((b) => b.strategy === s)!.seconds as unknown as Parts;
      return `- ours, ${panel}: ${observations(get('baseline'), get('shift'), get('alsatian'))}.`;
    }),
  ];
  const reused = run.rows.some((r) => typeof r.reusedFrom === 'string' && r.reusedFrom !== '');
  const by = ['architecture', 'distribution', 'items'];
  return [
    table,
    '',
    "The paper's observations as numbers, for its panel (a) and for each of ours (cache and planning, ours " +
      'alone, are left out):',
    ...checks,
    '',
    reused
      ? 'Cells measured by fig10 in the same results folder with the same settings were reused (column reusedFrom).'
      : '',
    '',
    "SH regret (the SH winner's rank in Base's ranking of the same cell):",
    '',
    winnerRankTable(winnerRanks(run.rows, by), by),
  ].join('\n');
}
