/**
 * The best depth-first order under the exact cost model, in polynomial time: DFS+ fixes one child order by a
 * requirement that ignores persisted features and the parent + last child transient; this picks, at every
 * node, the child order that minimises the real peak, so it is never worse than DFS+ (itself a depth-first
 * order) and is the fallback of `auto` where the exact search is too large.
 *
 * Per subtree u, computed bottom-up: peak(u) = the most it adds to the cache while it runs, residue(u) = what
 * it leaves behind (persisting outputs). Under a node v, a child c that runs while v is still held adds
 * bytes(v) + peak(c) on top of the residues of the children before it; the last child (v not persisting) adds
 * max(bytes(v) + bytes(c), peak(c)), because v is released as soon as c is computed. For the children held
 * under v, ordering by peak - residue descending minimises the largest sum (exchange argument: swapping two
 * neighbours out of that order never lowers their larger term), so each candidate for "last" is tried once.
 */
import { bytesOf, ROOT, type TreeShape } from './shape.ts';

interface Arranged {
  readonly peak: number;
  readonly residue: number;
  readonly children: readonly number[];
}

export function bestDfsOrder(shape: TreeShape): { order: number[]; peak: number } {
  const n = shape.bytes.length;
  const result = new Array<Arranged>(n);
  // Children before parents: reverse of a preorder.
  const stack = [...shape.rootChildren];
  const topDown: number[] = [];
  while (stack.length > 0) {
    const u = stack.pop()!;
    topDown.push(u);
    stack.push(...shape.children[u]);
  }
  for (let i = topDown.length - 1; i >= 0; i--) result[topDown[i]] = arrange(shape, topDown[i], result);
  const root = arrange(shape, ROOT, result);
  const order: number[] = [];
  const visit = (kids: readonly number[]) => {
    for (const c of kids) {
      order.push(c);
      visit(result[c].children);
    }
  };
  visit(root.children);
  return { order, peak: Math.max(shape.rootBytes, root.peak) };
}

/** Best child order under `v` (ROOT included) given its children's peaks and residues. */
function arrange(shape: TreeShape, v: number, done: readonly Arranged[]): Arranged {
  const kids = v === ROOT ? shape.rootChildren : shape.children[v];
  const own = bytesOf(shape, v);
  const released = v === ROOT || !shape.persists[v];
  const self = v === ROOT ? 0 : own; // a unit's own output counts the moment it is computed
  const residueOfKids = kids.reduce((s, c) => s + done[c].residue, 0);
  const residue = (released ? 0 : own) + residueOfKids;
  // Held children in decreasing peak - residue (ties: insertion order).
  const held = [...kids].sort(
    (a, b) => done[b].peak - done[b].residue - (done[a].peak - done[a].residue) || kids.indexOf(a) - kids.indexOf(b),
  );
  const heldPeak = (skip: number) => {
    let before = 0;
    let worst = 0;
    for (const c of held) {
      if (c === skip) continue;
      worst = Math.max(worst, own + before + done[c].peak);
      before += done[c].residue;
    }
    return { worst, before };
  };
  if (!released || kids.length === 0) return { peak: Math.max(self, heldPeak(-1).worst), residue, children: held };
  let best = { peak: Infinity, last: -1 };
  for (const last of kids) {
    const { worst, before } = heldPeak(last);
    const peak = Math.max(self, worst, before + Math.max(own + shape.bytes[last], done[last].peak));
    if (peak < best.peak) best = { peak, last };
  }
  return { peak: best.peak, residue, children: [...held.filter((c) => c !== best.last), best.last] };
}
