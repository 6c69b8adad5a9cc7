/**
 * Phase 1: the prefix tree of the alive models. Models are merged by block id along common prefixes (a child
 * is matched among its siblings in insertion order, as the reference does), every node lists the models whose
 * path passes through it, in insertion order. Functions here return new trees and never change their input.
 */
import type { ModelId } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';
import { messages } from '../messages.ts';
import type { NodeId, PlanBlock, PlanModel } from '../types.ts';
import { prefixNodeId, ROOT_NODE_ID } from './node-id.ts';

export interface PrefixNode {
  readonly id: NodeId;
  /** `null` for the root. */
  readonly parent: NodeId | null;
  /** The block whose output this node is (as given by the first model that created it); `null` for the root. */
  readonly block: PlanBlock | null;
  /** Child node ids in insertion order. */
  readonly children: readonly NodeId[];
  /** Models whose block path passes through this node (the root holds all), in insertion order. */
  readonly models: readonly ModelId[];
  /** Models whose last block is this node. More than one: identical models, scored once and credited to all. */
  readonly endingModels: readonly ModelId[];
}

export interface PrefixTree {
  /** false: every model is its own chain (node ids include the model id); Base and SHiFT plan this way. */
  readonly share: boolean;
  readonly root: NodeId;
  readonly nodes: ReadonlyMap<NodeId, PrefixNode>;
  /** Models in insertion order. */
  readonly models: readonly ModelId[];
}

export interface PrefixTreeOptions {
  readonly share: boolean;
}

export function emptyPrefixTree(options: PrefixTreeOptions): PrefixTree {
  const root: PrefixNode = { id: ROOT_NODE_ID, parent: null, block: null, children: [], models: [], endingModels: [] };
  return { share: options.share, root: ROOT_NODE_ID, nodes: new Map([[ROOT_NODE_ID, root]]), models: [] };
}

/** The prefix tree of `models`, added in the given order. */
export function buildPrefixTree(models: readonly PlanModel[], options: PrefixTreeOptions): PrefixTree {
  const start = emptyPrefixTree(options);
  const nodes = new Map(start.nodes);
  const ids: ModelId[] = [];
  for (const model of models) {
    addInto(nodes, ids, model, options.share);
    ids.push(model.id);
  }
  return { ...start, nodes, models: ids };
}

/** A new tree with `model` added. */
export function addModel(tree: PrefixTree, model: PlanModel): PrefixTree {
  const nodes = new Map(tree.nodes);
  addInto(nodes, tree.models, model, tree.share);
  return { ...tree, nodes, models: [...tree.models, model.id] };
}

/** Adds `model` to `nodes`, a map owned by the caller; node objects are replaced, never changed. */
function addInto(nodes: Map<NodeId, PrefixNode>, present: readonly ModelId[], model: PlanModel, share: boolean): void {
  if (model.blocks.length === 0) throw new InvalidArgumentError(messages.noBlocks(model.id));
  if (present.includes(model.id)) throw new InvalidArgumentError(messages.duplicateModel(model.id));
  for (const block of model.blocks) {
    const size = block.outputBytesPerItem;
    if (!Number.isFinite(size) || size < 0)
      throw new InvalidArgumentError(messages.badBlockSize(model.id, block.id, size));
  }
  const keys = sharingKeys(model.blocks);
  let current = ROOT_NODE_ID;
  model.blocks.forEach((block, depth) => {
    const here = nodes.get(current)!;
    const isLast = depth === model.blocks.length - 1;
    const id = prefixNodeId(current, keys[depth], share ? undefined : model.id);
    const existing = nodes.get(id);
    nodes.set(current, {
      ...here,
      models: [...here.models, model.id],
      children: existing ? here.children : [...here.children, id],
    });
    if (existing) {
      const size = existing.block!.outputBytesPerItem;
      if (size !== block.outputBytesPerItem) {
        throw new InvalidArgumentError(
          messages.conflictingBlockSize(block.id, size, block.outputBytesPerItem, existing.models[0], model.id),
        );
      }
    }
    const child: PrefixNode = existing ?? { id, parent: current, block, children: [], models: [], endingModels: [] };
    nodes.set(
      id,
      isLast
        ? { ...child, models: [...child.models, model.id], endingModels: [...child.endingModels, model.id] }
        : child,
    );
    current = id;
  });
}

/**
 * What a block is matched on when models are merged: its id, extended by the keys of the blocks after it that join
 * it (`joinsPrevious`). Two models then share a block only if they also share every block fused to it, so the tree
 * never branches, and no unit starts, between blocks a runtime fuses; a model that ends before a joined block is
 * another key than one that goes on through it.
 */
function sharingKeys(blocks: readonly PlanBlock[]): string[] {
  const keys = new Array<string>(blocks.length);
  for (let j = blocks.length - 1; j >= 0; j--)
    keys[j] = j + 1 < blocks.length && blocks[j + 1].joinsPrevious ? `${blocks[j].id}+${keys[j + 1]}` : blocks[j].id;
  return keys;
}

/** The node ids on `model`'s path, root excluded, in block order. */
export function pathOf(tree: PrefixTree, model: ModelId): NodeId[] {
  const path: NodeId[] = [];
  let node = tree.nodes.get(tree.root)!;
  while (!node.endingModels.includes(model)) {
    const next = node.children.find((c) => tree.nodes.get(c)!.models.includes(model));
    if (next === undefined) throw new InvalidArgumentError(messages.unknownModel(model, tree.models));
    path.push(next);
    node = tree.nodes.get(next)!;
  }
  return path;
}
