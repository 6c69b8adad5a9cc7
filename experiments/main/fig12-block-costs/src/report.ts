/** Fig 12's section of results/REPORT.md: the charts, the block profile in numbers, the paper's numbers beside. */
import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import { imagePath, markdownTable, PAPER_ARCH_LABELS } from '@alsatian/exp-shared';
import type { ReportSection } from '@alsatian/exp-shared';
import { blockPoints } from './charts.ts';
import { PAPER_FIG12 } from './paper.ts';
import { blockProfile } from './profile.ts';
import { renderFig12 } from './render.ts';

const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

export async function report(runDir: string): Promise<ReportSection> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const charts = await renderFig12(runDir);
  const points = blockPoints(rows);
  const first = rows[0];
  const table = markdownTable(
    ['architecture', 'blocks', 'ms per block (min / median / max)', 'first half of blocks: time / params', 'spread over blocks (CV): time / params', 'paper: params', 'paper: inference (GPU, batch 32)'],
    PAPER_FIG12.map((paper) => {
      const p = blockProfile(paper.architecture, points);
      const label = PAPER_ARCH_LABELS[paper.architecture] ?? paper.architecture;
      if (p.blocks === 0) return [label, 'not run', '', '', '', paper.params, paper.inference];
      return [label, `${p.blocks} (paper ${paper.blocks})`, `${p.minMs.toFixed(1)} / ${p.medianMs.toFixed(1)} / ${p.maxMs.toFixed(1)}`, `${pct(p.firstHalfTimeShare)} / ${pct(p.firstHalfParamShare)}`, `${p.timeVariation.toFixed(2)} / ${p.paramVariation.toFixed(2)}`, paper.params, paper.inference];
    }),
  );
  const markdown = [
    `Each block (the modules between two retrain split points, as the reference cuts them) runs as its own ONNX Runtime session on the previous block's output; batch ${first?.batchSize}, ${first?.imageSize} px, ${first?.threads} CPU threads, median of the timed runs.`,
    '',
    table,
    '',
    'Where ours differ: parameters per block are exact (same architectures); times are CPU milliseconds on a shared 2-core machine, not GPU, so they are 10-100x the paper\'s and noisier, and convolutions at high resolution (ResNet\'s early blocks) cost relatively more on a CPU than on a GPU; the shapes to compare are ViT\'s flat profile (CV near 0 for both) and ResNet\'s time in the first half against its parameters in the second.',
  ].join('\n');
  return { id: 'fig12-block-costs', title: 'Fig 12: parameters and inference time per block', figure: 'fig12', markdown, images: charts.map((f) => imagePath(runDir, f)) };
}
