import { median } from '@alsatian/bench';
import type { ChartDef, CsvRow, RunData } from '@alsatian/exp-shared';
import { DUAL_AXIS_COLORS, dualAxisChart, scaleSubtitle } from '@alsatian/plot';
import type { Fig12Settings } from './scales.ts';

/** One plotted point: a block's parameters and its median time per batch. */
export interface BlockPoint {
  readonly architecture: string;
  readonly block: number;
  readonly label: string;
  readonly paramsMillions: number;
  readonly milliseconds: number;
}

/** Medians over the timed runs of each (architecture, block), in block order. */
export function blockPoints(rows: readonly CsvRow[]): BlockPoint[] {
  const groups = new Map<string, { row: CsvRow; seconds: number[] }>();
  for (const row of rows) {
    const key = `${row.architecture}\u0000${row.block}`;
    const group = groups.get(key) ?? { row, seconds: [] };
    group.seconds.push(Number(row.seconds));
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ row, seconds }) => ({
      architecture: String(row.architecture),
      block: Number(row.block),
      label: String(row.label),
      paramsMillions: Number(row.params) / 1e6,
      milliseconds: median(seconds) * 1000,
    }))
    .sort((a, b) => (a.architecture < b.architecture ? -1 : a.architecture > b.architecture ? 1 : a.block - b.block));
}

const TITLES: Readonly<Record<string, string>> = { resnet152: 'ResNet-152', vit_l_32: 'ViT-L-32' };

/** Fig 12 (a)/(b): one dual-axis dot plot per architecture. */
export function fig12Charts(run: RunData<Fig12Settings>): ChartDef[] {
  const batch = run.rows[0]?.batchSize;
  const points = blockPoints(run.rows);
  const architectures = [...new Set(points.map((p) => p.architecture))];
  return architectures.map((architecture) => ({
    name: `param_inf_time_dist_${architecture}`,
    spec: dualAxisChart({
      title: {
        text: `${TITLES[architecture] ?? architecture}: parameters and inference time per block`,
        subtitle: [
          `batch ${batch}, median per block, each block its own ONNX Runtime session (` +
            `${run.meta.executionProvider} provider)`,
          ...scaleSubtitle(run.scale, run.settings.reductions),
        ],
      },
      rows: points.filter((p) => p.architecture === architecture).map((p) => ({ ...p })),
      x: { field: 'block', title: 'Block index' },
      left: { field: 'paramsMillions', title: 'Parameters (millions)', color: DUAL_AXIS_COLORS.left },
      right: { field: 'milliseconds', title: `Inference time per batch (ms)`, color: DUAL_AXIS_COLORS.right },
    }),
  }));
}
