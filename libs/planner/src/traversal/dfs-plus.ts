/**
 * DFS+ (the paper, Sec 5): depth first, every unit once, a parent released after its last child, children
 * visited in increasing order of their cache requirement, so the child that needs most runs last, when the
 * parent is already gone. The requirement comes from three passes:
 *   1. top-down accumulation: acc(u) = acc(parent) + bytes(u), acc(root) = root input bytes;
 *   2. bottom-up max: req(u) = acc(u) at a leaf, else the max of its children's req;
 *   3. top-down subtraction: below the child with the largest requirement (the one visited last) the parent
 *      is released, so its bytes are subtracted for that child's whole subtree.
 * Children are ordered by the pass-2 value (the reference does the same); pass 3 cannot change that order (it
 * lowers the last child's requirement, and ordering by the lowered value would move that child in front of
 * the parent's release, which is wrong). Pass 3 yields the paper's C_min estimate: the max over leaves of the
 * adjusted accumulation. The estimate ignores persisted features of earlier subtrees and the transient
 * parent + last child; the requirement a plan uses is always the simulated peak (`peakOf`).
 * Tie rule: children with equal requirement run in reverse insertion order, as in the reference (stable
 * descending sort popped from a stack), so plans match the reference's worked examples.
 */
import { preorder, ROOT, type TreeShape } from './shape.ts';

export interface DfsPlus {
  readonly order: number[];
  /** Pass 1, per unit. */
  readonly accumulated: number[];
  /** Pass 2, per unit. */
  readonly requirement: number[];
  /** Pass 3: max over leaves of accumulation minus released ancestors (the paper's C_min). */
  readonly paperEstimate: number;
}

export function dfsPlus(shape: TreeShape): DfsPlus {
  const n = shape.bytes.length;
  const topDown = preorder(shape);
  const accumulated = new Array<number>(n);
  for (const u of topDown)
    accumulated[u] = (shape.parent[u] === ROOT ? shape.rootBytes : accumulated[shape.parent[u]]) + shape.bytes[u];
  const requirement = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const u = topDown[i];
    const kids = shape.children[u];
    requirement[u] = kids.length === 0 ? accumulated[u] : Math.max(...kids.map((c) => requirement[c]));
  }
  // Increasing requirement; among equals the later-inserted child first.
  const sorted = (kids: readonly number[]) =>
    kids
      .map((c, i) => ({ c, i }))
      .sort((a, b) => requirement[a.c] - requirement[b.c] || b.i - a.i)
      .map((x) => x.c);

  const order: number[] = [];
  const offset = new Array<number>(n).fill(0);
  let paperEstimate = shape.rootBytes;
  const visit = (kids: readonly number[], parentBytes: number, parentOffset: number) => {
    const ordered = sorted(kids);
    ordered.forEach((c, i) => {
      offset[c] = parentOffset + (i === ordered.length - 1 ? parentBytes : 0);
      order.push(c);
      if (shape.children[c].length === 0) paperEstimate = Math.max(paperEstimate, accumulated[c] - offset[c]);
      visit(shape.children[c], shape.persists[c] ? 0 : shape.bytes[c], offset[c]);
    });
  };
  visit(shape.rootChildren, shape.rootBytes, 0);
  return { order, accumulated, requirement, paperEstimate };
}

/** Plain DFS in insertion order with early parent release (the reference without cheapest-path-first). */
export function insertionOrder(shape: TreeShape): number[] {
  return preorder(shape);
}
