/** Fig 13's section of results/REPORT.md: the chart, our times and speedups next to the paper's, the SH regret. */
import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import { formatSeconds, formatSpeedup, imagePath, markdownTable, winnerRanks, winnerRankTable } from '@alsatian/exp-shared';
import type { ReportSection } from '@alsatian/exp-shared';
import { ARCH_LABELS, modelsNote, totals } from './charts.ts';
import { PAPER_FIG13 } from './paper.ts';
import { renderFig13 } from './render.ts';

export async function report(runDir: string): Promise<ReportSection> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const charts = await renderFig13(runDir);
  const t = totals(rows);
  const archs = [...new Set(t.map((r) => r.architecture))];
  const get = (arch: string, a: string) => t.find((r) => r.architecture === arch && r.approach === a)?.seconds;
  const ratio = (x?: number, y?: number) => (x === undefined || y === undefined ? undefined : x / y);
  const table = markdownTable(
    ['architecture', 'ours: Base / SHiFT / Alsatian (s)', 'ours: Alsatian vs Base / vs SHiFT', 'paper: Base / SHiFT / Alsatian (s)', 'paper: Alsatian vs Base / vs SHiFT'],
    [...new Set([...archs, ...PAPER_FIG13.map((p) => p.architecture)])].map((arch) => {
      const [b, s, a] = ['Base', 'SHiFT', 'Alsatian'].map((x) => get(arch, x));
      const p = PAPER_FIG13.find((r) => r.architecture === arch);
      return [
        ARCH_LABELS[arch] ?? arch,
        archs.includes(arch) ? [b, s, a].map((x) => formatSeconds(x)).join(' / ') : 'not run at this scale',
        archs.includes(arch) ? `${formatSpeedup(ratio(b, a))} / ${formatSpeedup(ratio(s, a))}` : '–',
        p ? `${p.Base} / ${p.SHiFT} / ${p.Alsatian}` : '–',
        p ? `${formatSpeedup(p.Base / p.Alsatian)} / ${formatSpeedup(p.SHiFT / p.Alsatian)}` : '–',
      ];
    }),
  );
  const first = rows[0];
  const markdown = [
    `Models: ${modelsNote(rows)}; ${first?.setSize} per architecture, ${first?.train}/${first?.test} synthetic items, store read at 200 MB/s, 2 CPU cores (the paper: 36 really fine-tuned models, ImageWoof 1600/400, RTX A5000).`,
    '',
    table,
    '',
    winnerRankTable(winnerRanks(rows, ['architecture']), ['architecture']),
    '',
    'Where ours differ: without real checkpoints the weights are seeded stand-ins, so only the structure (which blocks each model shares with the base) matches M_train and the search cost, not the ranking, is comparable; on a CPU inference dominates, so Alsatian\'s gain tracks the share of blocks the models share with the base rather than saved model loads, and at reduced scale SH has fewer iterations, which shrinks SHiFT\'s gain over Base.',
  ].join('\n');
  return { id: 'fig13-trained', title: 'Fig 13: trained models (M_train)', figure: 'fig13', markdown, images: charts.map((f) => imagePath(runDir, f)) };
}
