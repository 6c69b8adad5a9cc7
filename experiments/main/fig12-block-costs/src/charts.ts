import { median, type RowValue } from '@alsatian/bench';
import { DUAL_AXIS_COLORS, dualAxisChart, scaleSubtitle } from '@alsatian/plot';
import type { TopLevelSpec } from '@alsatian/plot';
import { InvalidArgumentError } from '@alsatian/core';
import type { Scale } from '@alsatian/bench';
import { reductions } from './settings.ts';

export type CsvRow = Record<string, RowValue>;

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
export function blockCostCharts(rows: readonly CsvRow[]): { name: string; spec: TopLevelSpec }[] {
  if (rows.length === 0) throw new InvalidArgumentError('Fig 12: the result CSV has no rows to plot.');
  const scale = String(rows[0].scale) as Scale;
  const batch = rows[0].batchSize;
  const points = blockPoints(rows);
  const architectures = [...new Set(points.map((p) => p.architecture))];
  return architectures.map((architecture) => ({
    name: `param_inf_time_dist_${architecture}`,
    spec: dualAxisChart({
      title: {
        text: `${TITLES[architecture] ?? architecture}: parameters and inference time per block`,
        subtitle: [`batch ${batch}, median per block, each block its own ONNX Runtime session (CPU)`, ...scaleSubtitle(scale, reductions(scale))],
      },
      rows: points.filter((p) => p.architecture === architecture).map((p) => ({ ...p })),
      x: { field: 'block', title: 'Block index' },
      left: { field: 'paramsMillions', title: 'Parameters (millions)', color: DUAL_AXIS_COLORS.left },
      right: { field: 'milliseconds', title: `Inference time per batch (ms)`, color: DUAL_AXIS_COLORS.right },
    }),
  }));
}
