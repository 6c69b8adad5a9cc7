/** Timing helpers of the engine benchmark: throughput of one fused unit, and its preparation cost. */
import type { BuiltModel } from '@alsatian/models';
import { float32Tensor, numel, Rng } from '@alsatian/core';
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

export async function measurePrepare(engine: OrtEngine, model: BuiltModel): Promise<PrepareCost> {
  const unit = await engine.prepare(model.blocks, { label: model.architecture });
  await unit.dispose();
  return { model: model.architecture, weightMiB: unit.weightBytes / 2 ** 20, lowerMs: unit.timings.lowerMs, sessionMs: unit.timings.sessionMs };
}

/** One warm-up batch, then the median of `repeats` timed batches. */
export async function measureOurs(engine: OrtEngine, model: BuiltModel, batch: number, repeats: number): Promise<{ throughput: Throughput; prepare: PrepareCost }> {
  const unit = await engine.prepare(model.blocks, { label: model.architecture });
  const [spec] = unit.inputs;
  const shape = [batch, ...spec.shape];
  const pixels = float32Tensor(shape, Rng.derive(0, 'bench-pixels').fillNormal(new Float32Array(numel(shape))));
  await unit.run([pixels]);
  const seconds: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await unit.run([pixels]);
    seconds.push((performance.now() - start) / 1000);
  }
  await unit.dispose();
  return {
    throughput: { engine: 'ours', model: model.architecture, layout: 'default', imgPerSec: batch / median(seconds) },
    prepare: { model: model.architecture, weightMiB: unit.weightBytes / 2 ** 20, lowerMs: unit.timings.lowerMs, sessionMs: unit.timings.sessionMs },
  };
}
