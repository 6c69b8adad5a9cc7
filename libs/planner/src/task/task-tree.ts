/**
 * Phase 2: the task tree. An execution unit is a maximal chain of blocks with no branch point inside: it ends
 * where the prefix tree branches (the output must be cached for several children) or where a model ends (its
 * features are scored), so a model whose blocks are a strict prefix of another's is closed at its last block
 * (a FIX: the reference only closed units at tree leaves and never scored such a model). Each unit runs as one
 * fused session; each task-tree node is one cached intermediate.
 */
import type { ModelId } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';
import { messages } from '../messages.ts';
import type { PrefixNode, PrefixTree } from '../prefix/prefix-tree.ts';
import type { NodeId, PlanBlock } from '../types.ts';

/** A unit is named by its output node (each node has exactly one producing unit). */
export type UnitId = NodeId;

export interface ExecutionUnit {
  readonly id: UnitId;
  /** Where the unit reads from: the root (raw data) or another unit's output. */
  readonly input: NodeId;
  readonly output: NodeId;
  readonly blocks: readonly PlanBlock[];
  /** Prefix-tree node after each block of the chain; the last one is `output`. */
  readonly path: readonly NodeId[];
  /** Output bytes per item (the last block's output). */
  readonly bytesPerItem: number;
  /** Models that run this unit, in insertion order. */
  readonly models: readonly ModelId[];
}

export interface TaskNode {
  readonly id: NodeId;
  readonly bytesPerItem: number;
  /** The unit that computes this node; `null` for the root (raw input). */
  readonly producer: UnitId | null;
  /** Units reading this node, in prefix-tree insertion order. */
  readonly children: readonly UnitId[];
  /** Models whose features this node is (scored here). */
  readonly endingModels: readonly ModelId[];
  /** Model features stay cached for scoring and are never released; other intermediates are. */
  readonly persists: boolean;
}

export interface TaskTree {
  readonly root: NodeId;
  readonly nodes: ReadonlyMap<NodeId, TaskNode>;
  /** Units in creation order: depth first, children in insertion order. */
  readonly units: ReadonlyMap<UnitId, ExecutionUnit>;
}

export interface TaskTreeOptions {
  /**
   * Bytes per item of the raw input held while the root's children run. Default 0, as in the reference, which
   * never counted the decoded input batch toward the cache (the data loader owns it).
   */
  readonly inputBytesPerItem?: number;
  /** Nodes where a unit ends although the tree does not branch there, so their output is stored (checkpoints.ts). */
  readonly checkpoints?: ReadonlySet<NodeId>;
}

export function buildTaskTree(prefix: PrefixTree, options: TaskTreeOptions = {}): TaskTree {
  const inputBytes = options.inputBytesPerItem ?? 0;
  if (!Number.isFinite(inputBytes) || inputBytes < 0) {
    throw new InvalidArgumentError(messages.badNumber('inputBytesPerItem', inputBytes, 'a finite number >= 0'));
  }
  const nodes = new Map<NodeId, TaskNode>();
  const units = new Map<UnitId, ExecutionUnit>();
  const get = (id: NodeId): PrefixNode => prefix.nodes.get(id)!;
  const checkpoints = options.checkpoints ?? new Set<NodeId>();
  const isBoundary = (n: PrefixNode) => n.children.length !== 1 || n.endingModels.length > 0 || checkpoints.has(n.id);

  const visit = (input: PrefixNode, bytesPerItem: number, producer: UnitId | null): void => {
    const children: UnitId[] = [];
    // The node is registered before its subtree so that `nodes` iterates in creation order as well.
    nodes.set(input.id, {
      id: input.id,
      bytesPerItem,
      producer,
      children,
      endingModels: input.endingModels,
      persists: input.endingModels.length > 0,
    });
    for (const first of input.children) {
      const blocks: PlanBlock[] = [];
      const path: NodeId[] = [];
      let node = get(first);
      for (;;) {
        blocks.push(node.block!);
        path.push(node.id);
        if (isBoundary(node)) break;
        node = get(node.children[0]);
      }
      const unit: ExecutionUnit = {
        id: node.id,
        input: input.id,
        output: node.id,
        blocks,
        path,
        bytesPerItem: node.block!.outputBytesPerItem,
        models: get(first).models,
      };
      units.set(unit.id, unit);
      children.push(unit.id);
      visit(node, unit.bytesPerItem, unit.id);
    }
  };
  visit(get(prefix.root), inputBytes, null);
  return { root: prefix.root, nodes, units };
}
