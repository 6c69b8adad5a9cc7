import type { BlockPoint } from './charts.ts';

/** The shape Fig 12 is about, as numbers: where along the network the time and the parameters sit. */
export interface BlockProfile {
  readonly architecture: string;
  readonly blocks: number;
  /** Share of all time / all parameters in the first half of the blocks (by index). */
  readonly firstHalfTimeShare: number;
  readonly firstHalfParamShare: number;
  /** Coefficient of variation (std / mean) over the blocks, excluding the first and last point (stem, tail). */
  readonly timeVariation: number;
  readonly paramVariation: number;
  readonly minMs: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly totalMs: number;
}

export function blockProfile(architecture: string, points: readonly BlockPoint[]): BlockProfile {
  const own = points.filter((p) => p.architecture === architecture).sort((a, b) => a.block - b.block);
  const half = Math.floor(own.length / 2);
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  const ms = own.map((p) => p.milliseconds);
  const params = own.map((p) => p.paramsMillions);
  const inner = own.slice(1, -1);
  const sortedMs = [...ms].sort((a, b) => a - b);
  return {
    architecture,
    blocks: own.length,
    firstHalfTimeShare: sum(ms.slice(0, half)) / sum(ms),
    firstHalfParamShare: sum(params.slice(0, half)) / sum(params),
    timeVariation: variation(inner.map((p) => p.milliseconds)),
    paramVariation: variation(inner.map((p) => p.paramsMillions)),
    minMs: sortedMs[0],
    medianMs: sortedMs[Math.floor(sortedMs.length / 2)],
    maxMs: sortedMs[sortedMs.length - 1],
    totalMs: sum(ms),
  };
}

function variation(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
  return mean === 0 ? 0 : Math.sqrt(variance) / mean;
}
