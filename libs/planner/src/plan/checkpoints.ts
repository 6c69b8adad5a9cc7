/**
 * The feature store's cost model: where to store more than unit outputs. A unit's output is stored anyway; inside
 * a unit, a node's output exists only within the fused session, so a model added later that branches there must
 * recompute the whole prefix from the last stored output above. A checkpoint ends a unit at such a node so that
 * its output is materialised and stored. It pays when reading the output back costs much less than recomputing
 * what lies between it and the stored output above:
 *
 *   compute seconds since the last stored output  >=  minSaving x (output bytes x read seconds per byte)
 *
 * `minSaving` covers the write, the extra session a cut unit costs, and that a later model may never branch there.
 * Only nodes shared by several models qualify: new fine-tunes branch off popular prefixes, and a node of one model
 * alone would add a unit to every search for a saving that rarely comes. Nodes whose next block is fused to them
 * (`joinsPrevious`) never qualify. Pure: the costs come from the caller (FLOPs and measured rates).
 */
import type { BlockId } from '@alsatian/core';
import type { PrefixTree } from '../prefix/prefix-tree.ts';
import type { NodeId } from '../types.ts';

export interface CheckpointCosts {
  /** Seconds to compute one item through each block. */
  readonly computeSeconds: ReadonlyMap<BlockId, number>;
  /** Seconds to read one byte of a stored output. */
  readonly readSecondsPerByte: number;
  /** How many times its read cost a checkpoint must save. Default 16. */
  readonly minSaving?: number;
}

export function chooseCheckpoints(tree: PrefixTree, costs: CheckpointCosts): Set<NodeId> {
  const minSaving = costs.minSaving ?? 16;
  const chosen = new Set<NodeId>();
  const visit = (id: NodeId, since: number): void => {
    const node = tree.nodes.get(id)!;
    const block = node.block!;
    let pending = since + (costs.computeSeconds.get(block.id) ?? 0);
    const stored = node.children.length !== 1 || node.endingModels.length > 0;
    const fused = node.children.length === 1 && tree.nodes.get(node.children[0])!.block!.joinsPrevious === true;
    const read = block.outputBytesPerItem * costs.readSecondsPerByte;
    if (stored) pending = 0;
    else if (!fused && node.models.length >= 2 && pending >= minSaving * read) {
      chosen.add(id);
      pending = 0;
    }
    for (const child of node.children) visit(child, pending);
  };
  for (const child of tree.nodes.get(tree.root)!.children) visit(child, 0);
  return chosen;
}
