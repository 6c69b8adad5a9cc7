/** planIteration end to end: the reference's worked example, budgets, pruning across iterations, purity. */
import { describe, expect, it } from 'vitest';
import { BudgetError, InvalidArgumentError, Rng } from '@alsatian/core';
import {
  messages,
  planIteration,
  prefixNodeId,
  ROOT_NODE_ID,
  type IterationPlan,
  type PlanIterationOptions,
  type PlanModel,
  type PlanStep,
} from '../src/index.ts';
import { model } from './helpers/models.ts';
import { replay } from './helpers/replay.ts';

const sizes = { a3: 3, b6: 2, c6: 2 };
const M1 = model('M1', ['a1', 'a2', 'a3', 'b4', 'b5', 'b6'], sizes);
const M2 = model('M2', ['a1', 'a2', 'a3', 'c4', 'c5', 'c6'], sizes);
const nodeA = prefixNodeId(prefixNodeId(prefixNodeId(ROOT_NODE_ID, 'a1'), 'a2'), 'a3');
const tail = (from: string, blocks: string[]) => blocks.reduce((id, b) => prefixNodeId(id, b), from);
const L1 = tail(nodeA, ['b4', 'b5', 'b6']);
const L2 = tail(nodeA, ['c4', 'c5', 'c6']);

const first: PlanIterationOptions = {
  models: [M1, M2],
  share: true,
  order: 'dfs+',
  budgetBytes: Infinity,
  batchSize: 8,
  trainRange: { start: 0, end: 33 },
  testRange: { start: 0, end: 130 },
};

/** Steps in a compact notation: infer <last block> <split> <start>-<end> | release/evict <node> | score <models>. */
function brief(plan: IterationPlan): string[] {
  const name = (node: string) => (node === ROOT_NODE_ID ? 'root' : plan.prefixTree.nodes.get(node)!.block!.id);
  return plan.steps.map((s: PlanStep) => {
    switch (s.kind) {
      case 'infer':
        return `infer ${name(s.unit.output)} ${s.split} ${s.range.start}-${s.range.end}`;
      case 'release':
        return `release ${name(s.node)}`;
      case 'evict':
        return `evict ${s.node === L2 ? 'c6' : s.node}`;
      case 'score':
        return `score ${s.models.join(',')}`;
    }
  });
}

describe('the reference worked example', () => {
  const plan0 = planIteration(first);

  it('iteration 0: test and train in one pass when they fit, L2 before L1 (tie rule), scores after each leaf', () => {
    expect(brief(plan0)).toEqual([
      'infer a3 test 0-130',
      'infer a3 train 0-33',
      'release root',
      'infer c6 test 0-130',
      'infer c6 train 0-33',
      'score M2',
      'infer b6 test 0-130',
      'infer b6 train 0-33',
      'score M1',
      'release a3',
    ]);
    expect(plan0.requirementBytesPerItem).toBe(7); // A(3) + L2(2) + L1(2) at the moment L1 is computed
    expect(plan0.persistingBytesPerItem).toBe(4);
    expect(plan0.runs).toHaveLength(1);
    expect(plan0.order).toEqual([nodeA, L2, L1]);
  });

  it('iteration 1 (M2 pruned) evicts its features, runs M1 as one unit into the same node, scores all chunks', () => {
    const plan1 = planIteration({
      ...first,
      models: [M1],
      trainRange: { start: 33, end: 130 },
      testRange: undefined,
      persisted: plan0.persisted,
    });
    expect(brief(plan1)).toEqual(['evict c6', 'infer b6 train 33-130', 'score M1', 'release root']);
    const score = plan1.steps.find((s) => s.kind === 'score')!;
    expect(score).toMatchObject({
      node: L1,
      train: [
        { start: 0, end: 33 },
        { start: 33, end: 130 },
      ],
      test: [{ start: 0, end: 130 }],
    });
    expect(plan1.steps[0]).toEqual({ kind: 'evict', node: L2, bytes: 2 * (33 + 130) });
    expect(plan1.persisted).toEqual([
      {
        node: L1,
        bytesPerItem: 2,
        train: [
          { start: 0, end: 33 },
          { start: 33, end: 130 },
        ],
        test: [{ start: 0, end: 130 }],
      },
    ]);
    // Replaying both iterations on one cache leaves exactly M1's features.
    const r0 = replay(plan0);
    const r1 = replay(plan1, plan0.persisted);
    expect(r0.scored.sort()).toEqual(['M1', 'M2']);
    expect(r1.cached).toEqual([`${L1}|test|0-130`, `${L1}|train|0-33`, `${L1}|train|33-130`]);
  });

  it('with a small budget, splits into runs that each replay the traversal; scores only in the last run', () => {
    // 7 B per item at the peak; persisted features grow by 4 B per item processed.
    const plan = planIteration({ ...first, budgetBytes: 1000 });
    expect(plan.runs.length).toBeGreaterThan(1);
    for (const run of plan.runs) {
      expect(run.peakBytes).toBeLessThanOrEqual(1000);
      const steps = plan.steps.filter((s) => 'run' in s && s.run === run.index);
      expect(steps.filter((s) => s.kind === 'infer')).toHaveLength(3 * run.pieces.length);
      expect(steps.filter((s) => s.kind === 'release')).toHaveLength(2);
    }
    const lastRun = plan.runs.length - 1;
    const firstOfLastRun = plan.steps.findIndex((s) => s.kind === 'infer' && s.run === lastRun);
    const scoreIndices = plan.steps.flatMap((s, i) => (s.kind === 'score' ? [i] : []));
    expect(scoreIndices).toHaveLength(2);
    expect(Math.min(...scoreIndices)).toBeGreaterThan(firstOfLastRun);
    const r = replay(plan);
    expect(r.peakBytes).toBe(plan.peakBytes);
    expect(r.scored.sort()).toEqual(['M1', 'M2']);
  });
});

describe('random model sets', () => {
  /** Models drawn as mutations of a few bases, so they share prefixes of random lengths. */
  function randomModels(rng: Rng, count: number): PlanModel[] {
    const bases = Array.from({ length: 1 + rng.int(2) }, (_, b) =>
      Array.from({ length: 3 + rng.int(4) }, (_, i) => ({ id: `b${b}.${i}`, outputBytesPerItem: 1 + rng.int(6) })),
    );
    return Array.from({ length: count }, (_, m) => {
      const base = bases[rng.int(bases.length)];
      const keep = rng.int(base.length + 1);
      const length = Math.max(1, keep + (rng.next() < 0.2 ? 0 : rng.int(3)));
      const blocks = Array.from({ length }, (_, i) =>
        i < keep ? base[i] : { id: `m${m}.${i}`, outputBytesPerItem: 1 + rng.int(6) },
      );
      return { id: `model-${m}`, blocks };
    });
  }

  it('score every model once, keep every run within the budget, and replay cleanly (200 cases, every order)', () => {
    for (let i = 0; i < 200; i++) {
      const rng = Rng.derive(11, 'plans', i);
      const models = randomModels(rng, 1 + rng.int(6));
      const order = (['dfs+', 'exact', 'auto', 'insertion'] as const)[i % 4];
      const options: PlanIterationOptions = {
        models,
        share: rng.next() < 0.7,
        order,
        budgetBytes: 2000 + rng.int(3000),
        batchSize: 1 + rng.int(8),
        trainRange: { start: 0, end: 10 + rng.int(40) },
        testRange: { start: 0, end: rng.int(30) },
        reservedBytes: rng.int(100),
        inputBytesPerItem: rng.int(3),
      };
      let plan: IterationPlan;
      try {
        plan = planIteration(options);
      } catch (e) {
        expect(e).toBeInstanceOf(BudgetError);
        continue;
      }
      const r = replay(plan, [], options.reservedBytes);
      expect(r.scored.sort()).toEqual(models.map((m) => m.id).sort());
      expect(r.peakBytes).toBe(plan.peakBytes);
      expect(plan.peakBytes).toBeLessThanOrEqual(options.budgetBytes);
      if (order !== 'insertion')
        expect(plan.requirementBytesPerItem).toBeLessThanOrEqual(plan.dfsPlusRequirementBytesPerItem);
    }
  });

  it('share: false gives one unit per model, each reading raw data, needing exactly the sum of all features', () => {
    for (let i = 0; i < 50; i++) {
      const models = randomModels(Rng.derive(12, i), 2 + (i % 5));
      const opts: PlanIterationOptions = { ...first, models, order: 'auto' };
      const alone = planIteration({ ...opts, share: false });
      expect(alone.tree.units.size).toBe(models.length);
      expect([...alone.tree.units.values()].every((u) => u.input === ROOT_NODE_ID)).toBe(true);
      expect(alone.steps.filter((s) => s.kind === 'infer').every((s) => s.kind === 'infer' && s.readsRawInput)).toBe(
        true,
      );
      // Chains hold nothing but their features (sharing may need more: it caches branch points).
      expect(alone.requirementBytesPerItem).toBe(models.reduce((s, m) => s + m.blocks.at(-1)!.outputBytesPerItem, 0));
    }
  });
});

describe('purity', () => {
  it('never changes its input (deep-frozen options plan the same as fresh ones)', () => {
    const deepFreeze = <T>(x: T): T => {
      if (x && typeof x === 'object') {
        Object.values(x).forEach(deepFreeze);
        Object.freeze(x);
      }
      return x;
    };
    const plan0 = planIteration(first);
    const options = deepFreeze(
      structuredClone({
        ...first,
        models: [M1],
        trainRange: { start: 33, end: 130 },
        testRange: undefined,
        persisted: plan0.persisted,
      }),
    );
    const copy = structuredClone(options);
    const plan = planIteration(options);
    expect(options).toEqual(copy);
    expect(plan.steps).toEqual(planIteration(structuredClone(copy)).steps);
  });
});

describe('bad input', () => {
  it('asks for persisted features when an iteration extracts no test set', () => {
    expect(() => planIteration({ ...first, testRange: undefined })).toThrow(
      new InvalidArgumentError(messages.missingFeatures('M1', L1)),
    );
  });
  it('rejects an empty model list', () => {
    expect(() => planIteration({ ...first, models: [] })).toThrow(new InvalidArgumentError(messages.noModelsToPlan()));
  });
  it('names a bad range, budget or batch size', () => {
    expect(() => planIteration({ ...first, trainRange: { start: 5, end: 2 } })).toThrow(
      messages.badRange('trainRange', 5, 2),
    );
    expect(() => planIteration({ ...first, batchSize: 1.5 })).toThrow(/batchSize/);
    expect(() => planIteration({ ...first, budgetBytes: -1 })).toThrow(/budgetBytes/);
  });
  it('throws BudgetError naming the smallest budget that works', () => {
    // 163 items: the last meets 162 items of features (4 B each) plus its own 7 B.
    expect(() => planIteration({ ...first, budgetBytes: 6 })).toThrow(
      new BudgetError(messages.budgetTooSmall(6, 162 * 4 + 7, 7, 0)),
    );
    expect(planIteration({ ...first, budgetBytes: 162 * 4 + 7, batchSize: 1 }).runs.length).toBeGreaterThan(1);
  });
});
