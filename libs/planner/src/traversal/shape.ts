/**
 * The task tree as the traversal algorithms see it: units numbered 0..n-1 with their parent, output size and
 * whether their output persists. Small and index-based so that search and simulation are cheap and so that
 * tests can write trees directly.
 */
import type { TaskTree, UnitId } from '../task/task-tree.ts';

export const ROOT = -1;

export interface TreeShape {
  /** Bytes per item of the raw input (the root), held until its last child has been computed. */
  readonly rootBytes: number;
  readonly bytes: readonly number[];
  /** Parent unit index, or ROOT. */
  readonly parent: readonly number[];
  /** Output kept for scoring (a model ends there): never released. Every leaf persists. */
  readonly persists: readonly boolean[];
  /** Children of each unit, in insertion order. */
  readonly children: readonly (readonly number[])[];
  readonly rootChildren: readonly number[];
}

export interface ShapeUnit {
  readonly parent: number;
  readonly bytes: number;
  /** Default: true exactly for leaves. */
  readonly persists?: boolean;
}

/** Builds a shape from parent links; children keep the order of the unit list. */
export function makeShape(rootBytes: number, units: readonly ShapeUnit[]): TreeShape {
  const children: number[][] = units.map(() => []);
  const rootChildren: number[] = [];
  units.forEach((u, i) => {
    if (u.parent !== ROOT && (u.parent < 0 || u.parent >= units.length || u.parent === i))
      throw new RangeError(`unit ${i}: bad parent ${u.parent}`);
    (u.parent === ROOT ? rootChildren : children[u.parent]).push(i);
  });
  const persists = units.map((u, i) => u.persists ?? children[i].length === 0);
  persists.forEach((p, i) => {
    if (!p && children[i].length === 0)
      throw new RangeError(`unit ${i} is a leaf that does not persist: every leaf holds model features`);
  });
  const shape = {
    rootBytes,
    bytes: units.map((u) => u.bytes),
    parent: units.map((u) => u.parent),
    persists,
    children,
    rootChildren,
  };
  if (preorder(shape).length !== units.length) throw new RangeError('unit parents form a cycle');
  return shape;
}

/** The shape of a task tree plus the unit id of each index (indices follow the tree's creation order). */
export function shapeOfTaskTree(tree: TaskTree): { shape: TreeShape; unitIds: UnitId[] } {
  const unitIds = [...tree.units.keys()];
  const index = new Map(unitIds.map((id, i) => [id, i]));
  const units = unitIds.map((id) => {
    const unit = tree.units.get(id)!;
    const input = unit.input === tree.root ? ROOT : index.get(unit.input)!;
    return { parent: input, bytes: unit.bytesPerItem, persists: tree.nodes.get(id)!.persists };
  });
  return { shape: makeShape(tree.nodes.get(tree.root)!.bytesPerItem, units), unitIds };
}

export function childrenOf(shape: TreeShape, unit: number): readonly number[] {
  return unit === ROOT ? shape.rootChildren : shape.children[unit];
}

export function bytesOf(shape: TreeShape, unit: number): number {
  return unit === ROOT ? shape.rootBytes : shape.bytes[unit];
}

/** Units depth first, children in insertion order. */
export function preorder(shape: TreeShape): number[] {
  const order: number[] = [];
  const stack = [...shape.rootChildren].reverse();
  while (stack.length > 0) {
    const u = stack.pop()!;
    order.push(u);
    for (let i = shape.children[u].length - 1; i >= 0; i--) stack.push(shape.children[u][i]);
  }
  return order;
}
