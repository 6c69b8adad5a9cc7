/**
 * Removing a model from the prefix tree (after successive halving drops it). The model's id leaves every node
 * on its path; the first node that it alone used is cut together with its whole subtree (everything below is
 * that model's alone). Returns a new tree.
 */
import type { ModelId } from '@alsatian/core';
import type { NodeId } from '../types.ts';
import { pathOf, type PrefixNode, type PrefixTree } from './prefix-tree.ts';

export function pruneModel(tree: PrefixTree, model: ModelId): PrefixTree {
  const path = pathOf(tree, model); // throws for an unknown model
  const nodes = new Map(tree.nodes);
  const without = (ids: readonly ModelId[]) => ids.filter((id) => id !== model);
  let parent = tree.root;
  nodes.set(parent, { ...nodes.get(parent)!, models: without(nodes.get(parent)!.models) });
  for (const id of path) {
    const node = nodes.get(id)!;
    if (node.models.length === 1) {
      const up = nodes.get(parent)!;
      nodes.set(parent, { ...up, children: up.children.filter((c) => c !== id) });
      deleteSubtree(nodes, node);
      break;
    }
    nodes.set(id, { ...node, models: without(node.models), endingModels: without(node.endingModels) });
    parent = id;
  }
  return { ...tree, nodes, models: without(tree.models) };
}

export function pruneModels(tree: PrefixTree, models: Iterable<ModelId>): PrefixTree {
  let result = tree;
  for (const model of models) result = pruneModel(result, model);
  return result;
}

function deleteSubtree(nodes: Map<NodeId, PrefixNode>, node: PrefixNode): void {
  nodes.delete(node.id);
  for (const child of node.children) deleteSubtree(nodes, nodes.get(child)!);
}
