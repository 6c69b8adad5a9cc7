/** The plan of one SH iteration over tiny_resnet snapshots (train [0, 8), test [0, 4)), and an executor to run it. */
import { IntermediateCache } from '@alsatian/cache';
import { itemBytes, Meter } from '@alsatian/core';
import type { ModelId, ModelManifest } from '@alsatian/core';
import { architecture, describeBlocks } from '@alsatian/models';
import { planIteration, type IterationPlan, type PlanModel } from '@alsatian/planner';
import { createProxy } from '@alsatian/proxies';
import { Executor, type ExecutorDeps, type ExecutorSettings } from '../src/index.ts';

export function tinyResnetPlan(
  store: { getModel(id: ModelId): ModelManifest },
  ids: readonly ModelId[],
  options: { share: boolean; batchSize: number },
): IterationPlan {
  const { features } = describeBlocks(architecture('tiny_resnet'));
  const bytes = features.map((d) => d.outputs.reduce((s, o) => s + itemBytes(o), 0));
  const models: PlanModel[] = ids.map((id) => ({
    id,
    blocks: store.getModel(id).blocks.map((b, i) => ({ id: b, outputBytesPerItem: bytes[i] })),
  }));
  return planIteration({
    models,
    share: options.share,
    order: 'auto',
    budgetBytes: Number.POSITIVE_INFINITY,
    batchSize: options.batchSize,
    trainRange: { start: 0, end: 8 },
    testRange: { start: 0, end: 4 },
  });
}

/** An executor over `source`, `engine` and `dataset` with a fresh 64 MiB cache and a 1-epoch linear proxy. */
export function tinyExecutor(
  deps: Pick<ExecutorDeps, 'store' | 'engine' | 'dataset'>,
  settings: Pick<ExecutorSettings, 'batchSize' | 'reusePrepared' | 'prefetchBlocks'>,
): Executor {
  return new Executor(
    {
      ...deps,
      proxy: createProxy('linear', { epochs: 1 }),
      cache: new IntermediateCache({ ramBudgetBytes: 64 * 2 ** 20 }),
      meter: new Meter(),
    },
    { ...settings, featuresOnDisk: false, seed: 1, deterministic: true },
  );
}
