import { describe, expect, it } from 'vitest';
import { buildPrefixTree, buildTaskTree, chooseCheckpoints, pathOf, rowPlans, type PlanModel } from '../src/index.ts';

/** Blocks a..f shared by two models that branch after f; each block costs 1 s, outputs of `bytes` bytes. */
function trunk(bytes: Record<string, number>, joins: string[] = []): PlanModel[] {
  const shared = ['a', 'b', 'c', 'd', 'e', 'f'];
  const blocks = (tail: string) =>
    [...shared, tail].map((id) => ({ id, outputBytesPerItem: bytes[id] ?? 1, joinsPrevious: joins.includes(id) }));
  return [
    { id: 'm1', blocks: blocks('x') },
    { id: 'm2', blocks: blocks('y') },
  ];
}
const costs = (ids: string[]) => ({
  computeSeconds: new Map(ids.map((id) => [id, 1])),
  readSecondsPerByte: 0.01,
  minSaving: 10,
});
const ALL = ['a', 'b', 'c', 'd', 'e', 'f', 'x', 'y'];

describe('feature-store checkpoints', () => {
  it('stores a shared output once recomputing what lies above it costs minSaving times its read', () => {
    // Reading 'a'..'f' costs 0.5 s each (50 bytes): a checkpoint needs 5 s of compute since the last stored output.
    const models = trunk(Object.fromEntries(ALL.map((b) => [b, 50])));
    const tree = buildPrefixTree(models, { share: true });
    const chosen = chooseCheckpoints(tree, costs(ALL));
    const path = pathOf(tree, 'm1');
    expect([...chosen]).toEqual([path[4]]); // after a..e (5 s); f then branches, so it is stored anyway
  });

  it('chooses nothing where outputs are expensive to read, inside one model, or before a fused block', () => {
    const big = trunk(Object.fromEntries(ALL.map((b) => [b, 1000])));
    expect(chooseCheckpoints(buildPrefixTree(big, { share: true }), costs(ALL)).size).toBe(0);
    const cheap = trunk(Object.fromEntries(ALL.map((b) => [b, 1])));
    expect(chooseCheckpoints(buildPrefixTree(cheap, { share: false }), costs(ALL)).size).toBe(0); // one model a node
    // With minSaving 8 (4 s), d qualifies; fused to e, d cannot end a unit, and e is chosen instead.
    const sizes = Object.fromEntries(ALL.map((b) => [b, 50]));
    const plain = buildPrefixTree(trunk(sizes), { share: true });
    expect([...chooseCheckpoints(plain, { ...costs(ALL), minSaving: 8 })]).toEqual([pathOf(plain, 'm1')[3]]);
    const fused = buildPrefixTree(trunk(sizes, ['e']), { share: true });
    expect([...chooseCheckpoints(fused, { ...costs(ALL), minSaving: 8 })]).toEqual([pathOf(fused, 'm1')[4]]);
  });

  it('ends a unit at a checkpoint, so a later model branching there reads it instead of recomputing the trunk', () => {
    const models = trunk(Object.fromEntries(ALL.map((b) => [b, 50])));
    const tree = buildPrefixTree(models, { share: true });
    const checkpoint = pathOf(tree, 'm1')[4];
    const tasks = buildTaskTree(tree, { checkpoints: new Set([checkpoint]) });
    expect(tasks.units.get(checkpoint)?.blocks.map((b) => b.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Everything the checkpoint and both leaves need is stored except m2's features: only m2's unit computes.
    const stored = { has: (node: string) => node !== pathOf(tree, 'm2')[6] };
    const plans = rowPlans(tasks, { split: 'train', range: { start: 0, end: 3 } }, stored);
    const computing = [...plans].filter(([, p]) => p.compute.length > 0).map(([unit]) => unit);
    expect(computing).toEqual([pathOf(tree, 'm2')[6]]);
    expect(plans.get(pathOf(tree, 'm1')[5])!.read).toEqual([0, 1, 2]); // f read for m2's unit
    expect(plans.get(checkpoint)).toEqual({ compute: [], read: [] }); // needed by nothing
  });
});
