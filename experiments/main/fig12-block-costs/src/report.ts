/** Fig 12's section: the block profile in numbers, the paper's numbers beside. */
import { markdownTable, PAPER_ARCH_LABELS, PAPER_FIG12 } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { blockPoints } from './charts.ts';
import { blockProfile } from './profile.ts';
import type { Fig12Settings } from './scales.ts';

const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

export function fig12Report(run: RunData<Fig12Settings>): string {
  const points = blockPoints(run.rows);
  const first = run.rows[0];
  const table = markdownTable(
    [
      'architecture',
      'blocks',
      'ms per block (min / median / max)',
      'first half of blocks: time / params',
      'spread over blocks (CV): time / params',
      'paper: params',
      'paper: inference (batch 32)',
    ],
    PAPER_FIG12.map((paper) => {
      const p = blockProfile(paper.architecture, points);
      const label = PAPER_ARCH_LABELS[paper.architecture] ?? paper.architecture;
      if (p.blocks === 0) return [label, 'not run', '', '', '', paper.params, paper.inference];
      return [
        label,
        `${p.blocks} (paper ${paper.blocks})`,
        `${p.minMs.toFixed(1)} / ${p.medianMs.toFixed(1)} / ${p.maxMs.toFixed(1)}`,
        `${pct(p.firstHalfTimeShare)} / ${pct(p.firstHalfParamShare)}`,
        `${p.timeVariation.toFixed(2)} / ${p.paramVariation.toFixed(2)}`,
        paper.params,
        paper.inference,
      ];
    }),
  );
  const resnet = blockProfile('resnet152', points);
  const vit = blockProfile('vit_l_32', points);
  const shape = markdownTable(
    ["the paper's shape", 'rule', 'ours'],
    [
      [
        "ResNet-152's time sits early, its parameters late",
        'first half of the blocks: share of time > share of parameters',
        resnet.blocks === 0
          ? 'not measured'
          : resnet.firstHalfTimeShare > resnet.firstHalfParamShare
            ? 'holds'
            : `differs: ${pct(resnet.firstHalfTimeShare)} of the time, ${pct(resnet.firstHalfParamShare)} of ` +
              `the parameters`,
      ],
      [
        "ViT-L-32's parameters are flat over its blocks",
        'coefficient of variation of parameters over the inner blocks < 0.05',
        vit.blocks === 0
          ? 'not measured'
          : vit.paramVariation < 0.05
            ? 'holds'
            : `differs: CV ${vit.paramVariation.toFixed(2)}`,
      ],
    ],
  );
  return [
    `Each block (the modules between two retrain split points, as the reference cuts them) runs as its own ` +
      `ONNX Runtime session on the previous block's output; batch ${first?.batchSize}, ${first?.imageSize} px, ` +
      `${first?.threads} intra-op threads, median of the timed runs.`,
    '',
    table,
    '',
    shape,
  ].join('\n');
}
