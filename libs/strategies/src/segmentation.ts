import type { ModelId } from '@alsatian/core';
import { buildPrefixTree, buildTaskTree, type PlanModel } from '@alsatian/planner';

/**
 * Where Alsatian's shared tree would cut each model into execution units in this iteration, as block counts:
 * `[5, 9, 14]` = units of blocks [0,5), [5,9), [9,14). SHiFT and Base run each model alone, but through sessions
 * cut at these same points, because ONNX Runtime's CPU layout optimisations make results depend (at the 1e-6
 * level) on where a chain of blocks is cut; the linear proxy (SGD, lr 0.1) can amplify that into a different
 * ranking. Cut the same way, every strategy computes bit-identical features, as the paper's claim requires.
 */
export function sharedTreeCuts(models: readonly PlanModel[]): Map<ModelId, number[]> {
  const tree = buildTaskTree(buildPrefixTree(models, { share: true }));
  const cuts = new Map<ModelId, number[]>();
  for (const model of models) {
    const ends: number[] = [];
    let done = 0;
    // Walk the model's units from the root: each unit's first block follows the previous unit's last.
    let node = tree.root;
    while (done < model.blocks.length) {
      const next = tree.nodes.get(node)!.children.map((id) => tree.units.get(id)!).find((u) => u.models.includes(model.id));
      if (!next) break;
      done += next.blocks.length;
      ends.push(done);
      node = next.output;
    }
    cuts.set(model.id, ends);
  }
  return cuts;
}
