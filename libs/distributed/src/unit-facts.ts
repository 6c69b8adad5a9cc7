/** What the cost model needs of each unit of a task tree, from the stored block descriptors (nothing is loaded). */
import { blockInfo } from '@alsatian/models';
import type { TaskTree, UnitId } from '@alsatian/planner';
import type { ModelStore } from '@alsatian/store';
import type { UnitFacts } from './cost-model.ts';

export class UnitFactsBook {
  private readonly blocks = new Map<string, { flops: number; bytes: number }>();

  constructor(private readonly store: ModelStore) {}

  async forTree(tree: TaskTree): Promise<Map<UnitId, UnitFacts>> {
    const out = new Map<UnitId, UnitFacts>();
    for (const unit of tree.units.values()) {
      let flops = 0;
      let bytes = 0;
      for (const b of unit.blocks) {
        const block = await this.block(b.id);
        flops += block.flops;
        bytes += block.bytes;
      }
      out.set(unit.id, { flopsPerItem: flops, weightBytes: bytes, outputBytesPerItem: unit.bytesPerItem });
    }
    return out;
  }

  private async block(id: string): Promise<{ flops: number; bytes: number }> {
    let facts = this.blocks.get(id);
    if (!facts) {
      const info = await this.store.blockInfo(id);
      let flops = 0;
      try {
        flops = blockInfo(info.descriptor, 0, id).flops;
      } catch {
        // A kind without a FLOP formula (an imported ONNX subgraph): its cost is then its weights' and items' only.
      }
      this.blocks.set(id, (facts = { flops, bytes: info.bytes }));
    }
    return facts;
  }
}
