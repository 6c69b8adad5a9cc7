/** Timing helpers of the engine benchmark. */
import type { BuiltModel } from '@alsatian/models';
import type { OrtEngine } from '../src/index.ts';

export interface Throughput {
  readonly engine: 'ours' | 'pytorch';
  readonly model: string;
  readonly layout: string;
  readonly imgPerSec: number;
}

export interface PrepareCost {
  readonly model: string;
  readonly weightMiB: number;
  readonly lowerMs: number;
  readonly sessionMs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Lowering and session-creation time of one fused unit of `model`. */
export async function measurePrepare(engine: OrtEngine, model: BuiltModel): Promise<PrepareCost> {
  const unit = await engine.prepare(model.blocks, { label: model.architecture });
  await unit.dispose();
  return {
    model: model.architecture,
    weightMiB: unit.weightBytes / 2 ** 20,
    lowerMs: unit.timings.lowerMs,
    sessionMs: unit.timings.sessionMs,
  };
}
