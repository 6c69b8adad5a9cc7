/** Fig 14's section of results/REPORT.md: the chart, our times and speedups per family next to the paper's. */
import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import { FIG14_FAMILIES, formatSpeedup, imagePath, markdownTable, winnerRanks, winnerRankTable } from '@alsatian/exp-shared';
import type { ReportSection } from '@alsatian/exp-shared';
import type { Scale } from '@alsatian/bench';
import { familyTotals, timeUnit } from './charts.ts';
import { PAPER_FIG14 } from './paper.ts';
import { renderFig14 } from './render.ts';

/** The paper's item count our run stands for (the smaller of ours maps to 2000, a larger one to 8000). */
function paperItems(items: number, all: readonly number[]): number {
  return items === Math.min(...all) ? 2000 : 8000;
}

export async function report(runDir: string): Promise<ReportSection> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const charts = await renderFig14(runDir);
  const scale = String(rows[0]?.scale ?? 'quick') as Scale;
  const unit = timeUnit(scale);
  const t = familyTotals(rows);
  const itemCounts = [...new Set(t.map((r) => r.items))].sort((a, b) => a - b);
  const lines: string[][] = [];
  for (const items of itemCounts) {
    for (const f of FIG14_FAMILIES) {
      const get = (a: string) => t.find((r) => r.family === f.key && r.items === items && r.approach === a);
      const [b, s, a] = ['Base', 'SHiFT', 'Alsatian'].map(get);
      if (b === undefined && s === undefined && a === undefined) continue;
      const p = PAPER_FIG14.find((r) => r.family === f.key && r.items === paperItems(items, itemCounts))!;
      const fmt = (x?: { seconds: number }) => (x === undefined ? '–' : (x.seconds / unit.divisor).toFixed(unit.divisor === 1 ? 1 : 2));
      const ratio = (x?: { seconds: number }, y?: { seconds: number }) => (x && y ? x.seconds / y.seconds : undefined);
      lines.push([`${items} (paper ${p.items})`, `${f.label} (${(a ?? b ?? s)!.setSize}; paper ${f.models})`, [b, s, a].map(fmt).join(' / '), `${formatSpeedup(ratio(b, a))} / ${formatSpeedup(ratio(s, a))}`, `${formatSpeedup(p.Base / p.Alsatian)} / ${formatSpeedup(p.SHiFT / p.Alsatian)}`]);
    }
  }
  const markdown = [
    `${rows[0]?.hfDir ? `Real checkpoints from ${rows[0].hfDir}` : 'Stand-in families: each follows the overlap groups the reference\'s crawl reported for the closest family (which blocks children share with the base), on its own backbone, with seeded weights'}; synthetic images, store read at 200 MB/s, 2 CPU cores. Times in ${unit.divisor === 1 ? 'seconds' : 'minutes'}.`,
    '',
    markdownTable(['items', 'family (models)', 'ours: Base / SHiFT / Alsatian', 'ours: Alsatian vs Base / vs SHiFT', 'paper: Alsatian vs Base / vs SHiFT'], lines),
    '',
    winnerRankTable(winnerRanks(rows, ['family', 'items']), ['family', 'items']),
    '',
    'Where ours differ: the paper\'s Base and SHiFT loaded full Hugging Face checkpoints (whole detection models) while ours load the same block store as Alsatian, which makes our baselines cheaper; the stand-ins reproduce the crawl\'s share structure, not real weights; DINOv2 is stood in by ViT-L/16 and DETR backbones by torchvision ResNets; on a CPU inference outweighs model loading, so families whose children share little (M-Res-152) gain least, as in the paper.',
  ].join('\n');
  return { id: 'fig14-hf-families', title: 'Fig 14: Hugging Face models, per family', figure: 'fig14', markdown, images: charts.map((f) => imagePath(runDir, f)) };
}
