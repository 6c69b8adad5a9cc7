/** The plan of one SH iteration over tiny_resnet snapshots (train [0, 8), test [0, 4)), for executor tests. */
import { itemBytes } from '@alsatian/core';
import type { ModelId, ModelManifest } from '@alsatian/core';
import { architecture, describeBlocks } from '@alsatian/models';
import { planIteration, type IterationPlan, type PlanModel } from '@alsatian/planner';

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
