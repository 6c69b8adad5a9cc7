/** The reference's prefix-tree cases (test_multi_model_snapshot.py), asserted as whole ordered shapes. */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@alsatian/core';
import {
  addModel,
  buildPrefixTree,
  buildTaskTree,
  emptyPrefixTree,
  messages,
  prefixNodeId,
  pruneModel,
  pruneModels,
  ROOT_NODE_ID,
  type PlanModel,
} from '../src/index.ts';
import { chain, layers, model, viewOf } from './helpers/models.ts';

const M1 = model('id1', layers('1.1-1.6'));
const M2 = model('id2', layers('1.1-1.3', '2.4-2.6'));
const M3 = model('id3', layers('1.1-1.3', '2.4', '3.5-3.6'));
const M4 = model('id4', layers('1.1-1.3', '4.4-4.6'));
const M5 = model('id5', layers('5.1-5.6'));
const build = (...models: PlanModel[]) => buildPrefixTree(models, { share: true });

describe('adding models', () => {
  it('one model is a chain of its blocks under the root', () => {
    expect(viewOf(build(M1))).toEqual({
      block: 'root',
      models: ['id1'],
      children: [chain(layers('1.1-1.6'), ['id1'])],
    });
  });

  it('two models share their common prefix and branch after it, children in insertion order', () => {
    const tails = [chain(layers('1.4-1.6'), ['id1']), chain(layers('2.4-2.6'), ['id2'])];
    expect(viewOf(build(M1, M2))).toEqual({
      block: 'root',
      models: ['id1', 'id2'],
      children: [chain(layers('1.1-1.3'), ['id1', 'id2'], tails)],
    });
  });

  it('identical models share every node and both end on the last one', () => {
    const twin = { ...M1, id: 'id2' };
    const tree = build(M1, twin);
    expect(viewOf(tree)).toEqual({
      block: 'root',
      models: ['id1', 'id2'],
      children: [chain(layers('1.1-1.6'), ['id1', 'id2'])],
    });
    expect(viewOf(pruneModel(tree, 'id1'))).toEqual({
      block: 'root',
      models: ['id2'],
      children: [chain(layers('1.1-1.6'), ['id2'])],
    });
  });

  it('M1+M2+M3 branches twice; M1+M2+M4 gives node 1.3 three children', () => {
    const t123 = viewOf(build(M1, M2, M3));
    const n13 = t123.children[0].children[0].children[0];
    expect(n13.children.map((c) => c.block)).toEqual(['1.4', '2.4']);
    expect(n13.children[1]).toEqual({
      block: '2.4',
      models: ['id2', 'id3'],
      children: [chain(['2.5', '2.6'], ['id2']), chain(['3.5', '3.6'], ['id3'])],
    });
    const t124 = viewOf(build(M1, M2, M4));
    expect(t124.children[0].children[0].children[0].children.map((c) => c.block)).toEqual(['1.4', '2.4', '4.4']);
  });

  it('models of another architecture hang off the root', () => {
    expect(viewOf(build(M1, M5))).toEqual({
      block: 'root',
      models: ['id1', 'id5'],
      children: [chain(layers('1.1-1.6'), ['id1']), chain(layers('5.1-5.6'), ['id5'])],
    });
  });

  it('addModel equals building at once and leaves its input untouched', () => {
    const before = build(M1, M2);
    const snapshot = viewOf(before);
    const after = addModel(before, M3);
    expect(viewOf(after)).toEqual(viewOf(build(M1, M2, M3)));
    expect(viewOf(before)).toEqual(snapshot);
    expect(viewOf(addModel(emptyPrefixTree({ share: true }), M1))).toEqual(viewOf(build(M1)));
  });
});

describe('pruning models', () => {
  it('adding and pruning a model restores the earlier tree exactly', () => {
    expect(viewOf(pruneModel(build(M1, M2, M3), 'id3'))).toEqual(viewOf(build(M1, M2)));
    expect(viewOf(pruneModel(build(M1, M2, M3, M4), 'id4'))).toEqual(viewOf(build(M1, M2, M3)));
    expect(viewOf(pruneModel(build(M1, M2, M4, M3), 'id3'))).toEqual(viewOf(build(M1, M2, M4)));
  });

  it('pruning in M1+M2+M5 gives the two-model trees, root ids included', () => {
    const t = build(M1, M2, M5);
    expect(viewOf(pruneModel(t, 'id5'))).toEqual(viewOf(build(M1, M2)));
    const without2 = pruneModel(t, 'id2');
    expect(viewOf(without2)).toEqual(viewOf(build(M1, M5)));
    expect(without2.nodes.get(ROOT_NODE_ID)!.models).toEqual(['id1', 'id5']);
    expect(without2.models).toEqual(['id1', 'id5']);
  });

  it('drops every node of an exclusive branch from the node map', () => {
    const t = pruneModels(build(M1, M2, M3), ['id2', 'id3']);
    expect(t.nodes.size).toBe(build(M1).nodes.size);
  });

  it('keeps a shorter model when a longer one that extends it is pruned, and vice versa', () => {
    const short = model('short', ['a', 'b']);
    const long = model('long', ['a', 'b', 'c']);
    const both = build(short, long);
    expect(viewOf(pruneModel(both, 'long'))).toEqual(viewOf(build(short)));
    expect(viewOf(pruneModel(both, 'short'))).toEqual(viewOf(build(long)));
  });
});

describe('node ids', () => {
  it('are the prefix hash, the same in every tree that holds the prefix', () => {
    const a = build(M1, M2);
    const b = build(M2);
    const id = prefixNodeId(prefixNodeId(ROOT_NODE_ID, '1.1'), '1.2');
    expect(a.nodes.get(id)?.block?.id).toBe('1.2');
    expect(b.nodes.get(id)?.block?.id).toBe('1.2');
  });

  it('include the model id without sharing: identical models get separate chains', () => {
    const t = buildPrefixTree([M1, { ...M1, id: 'id2' }], { share: false });
    expect(t.nodes.get(ROOT_NODE_ID)!.children).toHaveLength(2);
    expect(t.nodes.size).toBe(1 + 12);
  });
});

describe('blocks that join the block before them', () => {
  /** conv, bn (joins), relu (joins), pool, stage: a model per bn variant. */
  const joined = (id: string, bn: string) => ({
    id,
    blocks: ['conv', bn, 'relu', 'pool', 'stage'].map((b) => ({
      id: b,
      outputBytesPerItem: 4,
      joinsPrevious: b === bn || b === 'relu',
    })),
  });

  it('are shared only together with their predecessor: models that differ in the batch norm share no conv', () => {
    const tree = buildPrefixTree([joined('a', 'bn1'), joined('b', 'bn2')], { share: true });
    const root = tree.nodes.get(tree.root)!;
    expect(root.children).toHaveLength(2);
    // Units start at the root, never between the conv and its batch norm.
    const units = [...buildTaskTree(tree).units.values()];
    expect(units.map((u) => u.blocks.map((b) => b.id))).toEqual([
      ['conv', 'bn1', 'relu', 'pool', 'stage'],
      ['conv', 'bn2', 'relu', 'pool', 'stage'],
    ]);
  });

  it('models equal through the joined group still share it, and branch after it', () => {
    const a = joined('a', 'bn');
    const b = {
      ...joined('b', 'bn'),
      blocks: [...joined('b', 'bn').blocks.slice(0, 4), { id: 'stage2', outputBytesPerItem: 4 }],
    };
    const units = [...buildTaskTree(buildPrefixTree([a, b], { share: true })).units.values()];
    expect(units.map((u) => u.blocks.map((x) => x.id))).toEqual([
      ['conv', 'bn', 'relu', 'pool'],
      ['stage'],
      ['stage2'],
    ]);
  });

  it('a model ending before a joined block does not split the group of a model going on through it', () => {
    const long = joined('long', 'bn');
    const short = { id: 'short', blocks: long.blocks.slice(0, 1) };
    const units = [...buildTaskTree(buildPrefixTree([long, short], { share: true })).units.values()];
    expect(units.map((u) => u.blocks.map((x) => x.id))).toEqual([['conv', 'bn', 'relu', 'pool', 'stage'], ['conv']]);
  });
});

describe('bad input', () => {
  it('rejects empty models, duplicate ids, bad sizes and unknown prune targets with the catalog messages', () => {
    expect(() => build(model('x', []))).toThrow(new InvalidArgumentError(messages.noBlocks('x')));
    expect(() => build(M1, M1)).toThrow(new InvalidArgumentError(messages.duplicateModel('id1')));
    expect(() => build(model('x', ['a'], { a: -1 }))).toThrow(messages.badBlockSize('x', 'a', -1));
    expect(() => build(model('x', ['a'], { a: 4 }), model('y', ['a'], { a: 8 }))).toThrow(
      messages.conflictingBlockSize('a', 4, 8, 'x', 'y'),
    );
    expect(() => pruneModel(build(M1), 'nope')).toThrow(messages.unknownModel('nope', ['id1']));
  });
});
