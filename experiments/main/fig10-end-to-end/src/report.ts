/**
 * Fig 10's section: our times and speedups next to the paper's, the shape checks, noise, where time goes, SH regret.
 */
import {
  alsatianFastest,
  categorySeconds,
  DISTRIBUTION_LABELS,
  formatSeconds,
  formatSpeedup,
  markdownTable,
  PAPER_FIG10,
  PAPER_FIG11,
  searchPoints,
  speedupGrows,
  speedupOf,
  STRATEGY_LABELS,
  STRATEGY_ORDER,
  verdictTable,
  winnerRanks,
  winnerRankTable,
} from '@alsatian/exp-shared';
import type { RunData, ShapePoint } from '@alsatian/exp-shared';
import { referenceComparison } from './reference-cells.ts';
import type { Fig10Settings } from './scales.ts';
import { baseNoise, KEYS, paperPoints } from './summary.ts';

/** The paper architecture an unlisted one stands in for at reduced scales (same family, smaller). */
export const PAPER_COUNTERPART: Readonly<Record<string, string>> = {
  resnet18: 'resnet18',
  resnet152: 'resnet152',
  efficientnet_v2_l: 'efficientnet_v2_l',
  vit_l_32: 'vit_l_32',
  vit_b_32: 'vit_l_32',
  vit_b_16: 'vit_l_32',
  resnet50: 'resnet152',
  mobilenet_v2: 'efficientnet_v2_l',
  efficientnet_v2_s: 'efficientnet_v2_l',
};

/** The paper's shape checks, on the paper's numbers and on ours: fastest, grows with retraining, grows with items. */
export function shapeChecks(ours: readonly ShapePoint[]): string {
  const paper = paperPoints();
  const items = (points: readonly ShapePoint[]) =>
    [...new Set(points.map((p) => Number(p.labels.items)))].sort((a, b) => a - b);
  const [paperFew, paperMany] = [items(paper)[0], items(paper).at(-1)!];
  const [fewest, most] = [items(ours)[0], items(ours).at(-1)];
  const growsWithDistribution = (points: readonly ShapePoint[]) =>
    speedupGrows(
      points,
      'distribution',
      'top-50',
      'top-layers',
      "Alsatian's speedup over Base grows from Top 50 % to Top Layers",
    );
  const growsWithItems = (points: readonly ShapePoint[], few: number | undefined, many: number | undefined) =>
    speedupGrows(
      points,
      'items',
      few ?? Number.NaN,
      many === few ? Number.NaN : (many ?? Number.NaN),
      "Alsatian's speedup over Base grows with the items",
    );
  return verdictTable([
    { paper: alsatianFastest(paper), ours: alsatianFastest(ours) },
    { paper: growsWithDistribution(paper), ours: growsWithDistribution(ours) },
    { paper: growsWithItems(paper, paperFew, paperMany), ours: growsWithItems(ours, fewest, most) },
  ]);
}

/**
 * Share of each strategy's time (summed over all cells) spent preparing models and in inference, ours vs Fig 11 (a).
 */
function timeShares(run: RunData): string {
  const sums = new Map<string, Record<string, number>>();
  for (const c of categorySeconds(run.rows, KEYS)) {
    const s = sums.get(c.strategy) ?? {};
    for (const [k, v] of Object.entries(c.seconds)) s[k] = (s[k] ?? 0) + v;
    sums.set(c.strategy, s);
  }
  const paper = PAPER_FIG11.strategies[0];
  const pct = (part: number, total: number) => `${((100 * part) / total).toFixed(0)} %`;
  const parts = STRATEGY_ORDER.flatMap((s) => {
    const ours = sums.get(s);
    if (ours === undefined || !(ours.total > 0)) return [];
    const p = paper.seconds[s];
    return [
      `${STRATEGY_LABELS[s]} ${pct(ours.prepareModel ?? 0, ours.total)} / ` +
        `${pct(ours.inference ?? 0, ours.total)} (paper ${pct(p.prepareModel, p.total)} / ` +
        `${pct(p.inference, p.total)})`,
    ];
  });
  return parts.length === 0
    ? ''
    : `Where the time goes, prepare model / inference as a share of each strategy's total over all cells: ` +
        `${parts.join('; ')}; the paper's shares are Fig 11 (a), ${paper.architecture}, ${paper.items} items, ` +
        `Top 50 %.`;
}

export function fig10Report(run: RunData<Fig10Settings>): string {
  const points = searchPoints(run.rows, KEYS);
  // Our item counts map in order onto the paper's 2000 and 8000.
  const itemSizes = [...new Set(points.map((p) => Number(p.labels.items)))].sort((a, b) => a - b);
  const paperItems = (items: number) => (itemSizes.length === 2 ? [2000, 8000][itemSizes.indexOf(items)] : items);
  const paperSpeedup = (items: number, distribution: string, architecture: string, over: 'baseline' | 'shift') => {
    const cell = PAPER_FIG10.find(
      (c) => c.items === items && c.distribution === distribution && c.architecture === architecture,
    );
    return cell === undefined ? undefined : speedupOf({ labels: {}, seconds: cell.seconds }, over);
  };
  const table = markdownTable(
    [
      'items',
      'distribution',
      'architecture',
      'Base s',
      'SHiFT s',
      'Alsatian s',
      'SHiFT vs Base',
      'Alsatian vs Base',
      'Alsatian vs SHiFT',
      'paper (items, arch)',
      'paper SHiFT vs Base',
      'paper Alsatian vs Base',
    ],
    points.map((p) => {
      const { items, distribution, architecture } = p.labels as {
        items: number;
        distribution: string;
        architecture: string;
      };
      const counterpart = PAPER_COUNTERPART[architecture];
      const pi = paperItems(items);
      const paperCell = PAPER_FIG10.find(
        (c) => c.items === pi && c.distribution === distribution && c.architecture === counterpart,
      );
      const s = p.seconds;
      return [
        items,
        DISTRIBUTION_LABELS[distribution] ?? distribution,
        architecture,
        formatSeconds(s.baseline),
        formatSeconds(s.shift),
        formatSeconds(s.alsatian),
        formatSpeedup(s.baseline !== undefined && s.shift ? s.baseline / s.shift : undefined),
        formatSpeedup(speedupOf(p)),
        formatSpeedup(speedupOf(p, 'shift')),
        counterpart === undefined ? '–' : `${pi}, ${counterpart}`,
        formatSpeedup(paperCell && paperCell.seconds.baseline / paperCell.seconds.shift),
        formatSpeedup(counterpart === undefined ? undefined : paperSpeedup(pi, distribution, counterpart, 'baseline')),
      ];
    }),
  );
  const noise = baseNoise(points);
  const noiseLine =
    noise === undefined
      ? ''
      : `Noise: Base shares nothing, so its time should not depend on the distribution (as in the paper); ours ` +
        `varies by up to ${noise.ratio.toFixed(2)}x (max / min over the distributions, ${noise.architecture}, ` +
        `${noise.items} items), so differences smaller than that between single runs are within noise.`;
  const by = [...KEYS];
  return [
    table,
    '',
    shapeChecks(points),
    '',
    referenceComparison(run),
    '',
    noiseLine,
    '',
    timeShares(run),
    '',
    'The paper counterpart column pairs each of our architectures with the paper architecture of its family, ' +
      "and our item counts in order with the paper's 2000 and 8000.",
    '',
    "SH regret: where each successive-halving winner ranks in Base's full-data ranking of the same cell (1 = " +
      'the same winner).',
    '',
    winnerRankTable(winnerRanks(run.rows, by), by),
  ].join('\n');
}
