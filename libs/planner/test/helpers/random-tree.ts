/** Random task-tree shapes from a seeded Rng: random parents, sizes with ties and zeros, some inner model ends. */
import { Rng } from '@alsatian/core';
import { makeShape, ROOT, type ShapeUnit, type TreeShape } from '../../src/index.ts';

export function randomShape(rng: Rng, units: number): TreeShape {
  const list: ShapeUnit[] = [];
  for (let i = 0; i < units; i++) {
    // Parent among earlier units (or the root): trees of every width and depth.
    const parent = i === 0 || rng.next() < 0.2 ? ROOT : rng.int(i);
    list.push({ parent, bytes: rng.int(7) * (rng.next() < 0.3 ? 3 : 1) });
  }
  const hasChild = new Set(list.map((u) => u.parent));
  // Leaves always persist; an inner node persists now and then (a model that is a prefix of another).
  const withEnds = list.map((u, i) => ({ ...u, persists: !hasChild.has(i) || rng.next() < 0.15 }));
  return makeShape(rng.next() < 0.5 ? 0 : rng.int(5), withEnds);
}
