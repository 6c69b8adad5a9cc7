/** Small models written as block-id lists, the way the reference's tests name layers ('1.1', '2.4', ...). */
import type { PlanModel, PrefixTree } from '../../src/index.ts';

/** A model whose blocks are `blocks`; each block's output size comes from `sizes` (default 1 byte per item). */
export function model(id: string, blocks: readonly string[], sizes: Readonly<Record<string, number>> = {}): PlanModel {
  return { id, blocks: blocks.map((b) => ({ id: b, outputBytesPerItem: sizes[b] ?? 1 })) };
}

/**
 * `model` for blocks `${prefix}.1`..`${prefix}.n` style lists: layers('1.1-1.3', '2.4-2.6') -> 1.1,1.2,1.3,2.4,2.5,2.6.
 */
export function layers(...spans: string[]): string[] {
  return spans.flatMap((span) => {
    const [from, to] = span.split('-');
    if (to === undefined) return [from];
    const [a, i] = from.split('.').map(Number);
    const [b, j] = to.split('.').map(Number);
    if (a !== b) throw new Error(`bad span ${span}`);
    return Array.from({ length: j - i + 1 }, (_, k) => `${a}.${i + k}`);
  });
}

export interface TreeView {
  readonly block: string;
  readonly models: readonly string[];
  readonly ending?: readonly string[];
  readonly children: readonly TreeView[];
}

/** The tree by block ids, children in order, to compare whole shapes with toEqual. */
export function viewOf(tree: PrefixTree, id = tree.root): TreeView {
  const node = tree.nodes.get(id)!;
  const view = {
    block: node.block?.id ?? 'root',
    models: node.models,
    children: node.children.map((c) => viewOf(tree, c)),
  };
  return node.endingModels.length > 0 ? { ...view, ending: node.endingModels } : view;
}

/** A chain view: blocks each holding `models`, the last ending them. */
export function chain(blocks: readonly string[], models: readonly string[], tail: readonly TreeView[] = []): TreeView {
  const [first, ...rest] = blocks;
  if (rest.length === 0)
    return { block: first, models, ...(tail.length === 0 ? { ending: models } : {}), children: tail };
  return { block: first, models, children: [chain(rest, models, tail)] };
}
