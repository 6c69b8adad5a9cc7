/**
 * Benchmark: cache requirement (bytes per item) of the traversal orders, and planning time, measured side by
 * side in one run. Prints ratios against DFS+ (the paper's planner) as the reference.
 *   npx tsx libs/planner/bench/orders.ts
 * Tree sets: random task-tree shapes (as in the tests), and model sets shaped like the paper's: 35 snapshots
 * of a ResNet-18-like block list whose fine-tuned suffix starts at a random block (late: "top layers", or in
 * the second half: "top 50%"), block outputs from float32 shapes at 224x224.
 */
import { Rng } from '@alsatian/core';
import {
  bestDfsOrder,
  buildPrefixTree,
  buildTaskTree,
  countStates,
  dfsPlus,
  exactOrder,
  insertionOrder,
  peakOf,
  shapeOfTaskTree,
  type PlanModel,
  type TreeShape,
} from '../src/index.ts';
import { randomShape } from '../test/helpers/random-tree.ts';

const RESNET18_OUTPUT_BYTES = [
  64 * 112 * 112,
  64 * 56 * 56,
  64 * 56 * 56,
  64 * 56 * 56,
  128 * 28 * 28,
  128 * 28 * 28,
  256 * 14 * 14,
  256 * 14 * 14,
  512 * 7 * 7,
  512 * 7 * 7,
  512,
].map((floats) => floats * 4);

function snapshotSet(seed: number, count: number, firstTuned: (rng: Rng) => number): PlanModel[] {
  const rng = Rng.derive(seed, 'bench-snapshots');
  return Array.from({ length: count }, (_, m) => {
    const from = firstTuned(rng);
    return {
      id: `m${m}`,
      blocks: RESNET18_OUTPUT_BYTES.map((bytes, j) => ({
        id: j < from ? `base.${j}` : `m${m}.${j}`,
        outputBytesPerItem: bytes,
      })),
    };
  });
}

function shapeOfModels(models: PlanModel[]): TreeShape {
  return shapeOfTaskTree(buildTaskTree(buildPrefixTree(models, { share: true }))).shape;
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
}

interface Row {
  set: string;
  trees: number;
  units: number;
  insertion: number;
  dfsPlus: number;
  bestDfs: number;
  exact: number | null;
  exactSolved: number;
  msDfsPlus: number;
  msBestDfs: number;
  msExact: number;
}

function measure(set: string, shapes: TreeShape[]): Row {
  const sum = {
    insertion: 0,
    dfsPlus: 0,
    bestDfs: 0,
    exact: 0,
    exactDfs: 0,
    solved: 0,
    msD: 0,
    msB: 0,
    msE: 0,
    units: 0,
  };
  for (const shape of shapes) {
    const d = timed(() => peakOf(shape, dfsPlus(shape).order));
    const b = timed(() => bestDfsOrder(shape).peak);
    sum.insertion += peakOf(shape, insertionOrder(shape));
    sum.dfsPlus += d.value;
    sum.bestDfs += b.value;
    sum.msD += d.ms;
    sum.msB += b.ms;
    sum.units += shape.bytes.length;
    if (countStates(shape) <= 2 ** 18 && shape.bytes.length <= 52) {
      const e = timed(() => exactOrder(shape, 2 ** 18).peak);
      sum.exact += e.value;
      sum.exactDfs += d.value;
      sum.msE += e.ms;
      sum.solved++;
    }
  }
  const n = shapes.length;
  return {
    set,
    trees: n,
    units: sum.units / n,
    insertion: sum.insertion / sum.dfsPlus,
    dfsPlus: 1,
    bestDfs: sum.bestDfs / sum.dfsPlus,
    exact: sum.solved > 0 ? sum.exact / sum.exactDfs : null,
    exactSolved: sum.solved,
    msDfsPlus: sum.msD / n,
    msBestDfs: sum.msB / n,
    msExact: sum.solved > 0 ? sum.msE / sum.solved : 0,
  };
}

const rows = [
  measure(
    'random, 4-8 units',
    Array.from({ length: 300 }, (_, i) => randomShape(Rng.derive(1, 'bench', i), 4 + (i % 5))),
  ),
  measure(
    'random, 12-16 units',
    Array.from({ length: 100 }, (_, i) => randomShape(Rng.derive(2, 'bench', i), 12 + (i % 5))),
  ),
  measure(
    'random, 40 units',
    Array.from({ length: 50 }, (_, i) => randomShape(Rng.derive(3, 'bench', i), 40)),
  ),
  measure(
    '35 ResNet-18, top layers',
    Array.from({ length: 20 }, (_, i) => shapeOfModels(snapshotSet(i, 35, (r) => 8 + r.int(3)))),
  ),
  measure(
    '35 ResNet-18, top 50%',
    Array.from({ length: 20 }, (_, i) => shapeOfModels(snapshotSet(100 + i, 35, (r) => 5 + r.int(6)))),
  ),
  measure(
    '8 ResNet-18, top 50%',
    Array.from({ length: 50 }, (_, i) => shapeOfModels(snapshotSet(200 + i, 8, (r) => 5 + r.int(6)))),
  ),
];

const fmt = (x: number | null, digits = 3) => (x === null ? '-' : x.toFixed(digits));
process.stdout.write('cache requirement relative to DFS+ (mean over the set, lower is better); planning ms per tree\n');
process.stdout.write(
  [
    'set',
    'trees',
    'units',
    'insertion',
    'dfs+',
    'best-dfs',
    'exact (solved)',
    'ms dfs+',
    'ms best-dfs',
    'ms exact',
  ].join(' | ') + '\n',
);
for (const r of rows) {
  process.stdout.write(
    [
      r.set,
      r.trees,
      r.units.toFixed(1),
      fmt(r.insertion),
      fmt(r.dfsPlus),
      fmt(r.bestDfs),
      `${fmt(r.exact)} (${r.exactSolved})`,
      fmt(r.msDfsPlus, 2),
      fmt(r.msBestDfs, 2),
      fmt(r.msExact, 2),
    ].join(' | ') + '\n',
  );
}
