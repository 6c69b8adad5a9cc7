/**
 * A synthetic model lake shaped like the paper's Hugging Face crawl: 2,800 models in a few families (same input,
 * 224 px images). Half of each family are fine-tuned from the family's base with the last k blocks retrained
 * (k uniform, seeded), so they share the base's first blocks; the other half were trained on their own and
 * share nothing. Block costs come from the architectures' static FLOPs and parameter counts.
 */
import { describeArchitecture } from '@alsatian/models';
import type { PlanModel, TaskTree, UnitId } from '@alsatian/planner';
import type { UnitFacts } from '../src/index.ts';

export const CRAWL_FAMILIES: readonly [string, number][] = [
  ['resnet18', 500],
  ['resnet50', 700],
  ['vit_b_16', 800],
  ['vit_b_32', 500],
  ['mobilenet_v2', 300],
];

export interface Crawl {
  readonly models: PlanModel[];
  /** Per block id: FLOPs per item and weight bytes. */
  readonly blocks: Map<string, { flops: number; bytes: number }>;
}

export function crawlShape(seed = 7): Crawl {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const models: PlanModel[] = [];
  const blocks = new Map<string, { flops: number; bytes: number }>();
  for (const [arch, count] of CRAWL_FAMILIES) {
    const info = describeArchitecture(arch);
    const n = info.blocks.length;
    for (let m = 0; m < count; m++) {
      const derived = random() < 0.5;
      const firstOwn = derived ? n - 1 - Math.floor(random() * (n - 1)) : 0;
      const id = `${arch}-${m}`;
      models.push({
        id,
        blocks: info.blocks.map((b, j) => {
          const block = j < firstOwn ? `${arch}-base-${j}` : `${id}-${j}`;
          blocks.set(block, { flops: b.flops, bytes: b.params * 4 });
          return { id: block, outputBytesPerItem: b.bytesPerItem };
        }),
      });
    }
  }
  return { models, blocks };
}

export function crawlFacts(tree: TaskTree, crawl: Crawl): Map<UnitId, UnitFacts> {
  const out = new Map<UnitId, UnitFacts>();
  for (const unit of tree.units.values()) {
    const costs = unit.blocks.map((b) => crawl.blocks.get(b.id)!);
    out.set(unit.id, {
      flopsPerItem: costs.reduce((s, c) => s + c.flops, 0),
      weightBytes: costs.reduce((s, c) => s + c.bytes, 0),
      outputBytesPerItem: unit.bytesPerItem,
    });
  }
  return out;
}
