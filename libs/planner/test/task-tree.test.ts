/** Execution units (test_generate_execution_tree.py) plus the cases the reference got wrong. */
import { describe, expect, it } from 'vitest';
import { buildPrefixTree, buildTaskTree, ROOT_NODE_ID, type PlanModel, type TaskTree } from '../src/index.ts';
import { layers, model } from './helpers/models.ts';

const M1 = model('id1', layers('1.1-1.6'));
const M2 = model('id2', layers('1.1-1.3', '2.4-2.6'));
const M3 = model('id3', layers('1.1-1.3', '2.4', '3.5-3.6'));
const M4 = model('id4', layers('1.1-1.4', '4.5-4.6'));
const M5 = model('id5', layers('5.1-5.6'));
const M6 = model('id6', layers('5.1-5.3', '6.4-6.6'));

const taskTree = (models: PlanModel[], share = true, inputBytesPerItem?: number) =>
  buildTaskTree(buildPrefixTree(models, { share }), { inputBytesPerItem });
/** The last block of every unit, in creation order. */
const outputs = (t: TaskTree) => [...t.units.values()].map((u) => u.blocks.at(-1)!.id);

describe('execution units', () => {
  it('end at branch points and model ends (the reference cases)', () => {
    expect(outputs(taskTree([M1, M2, M3, M4]))).toEqual(['1.3', '1.4', '1.6', '4.6', '2.4', '2.6', '3.6']);
    expect(outputs(taskTree([M1, M2, M5]))).toEqual(['1.3', '1.6', '2.6', '5.6']);
    expect(outputs(taskTree([M1, M2, M5, M6]))).toEqual(['1.3', '1.6', '2.6', '5.3', '5.6', '6.6']);
  });

  it('know their blocks, input node, output node and the models that run them', () => {
    const t = taskTree([M1, M2]);
    const [shared, tail1, tail2] = [...t.units.values()];
    expect(shared.blocks.map((b) => b.id)).toEqual(['1.1', '1.2', '1.3']);
    expect(shared.input).toBe(ROOT_NODE_ID);
    expect(shared.models).toEqual(['id1', 'id2']);
    expect(tail1.input).toBe(shared.output);
    expect(tail2.blocks.map((b) => b.id)).toEqual(['2.4', '2.5', '2.6']);
    expect(t.nodes.get(shared.output)!.children).toEqual([tail1.id, tail2.id]);
    expect(t.nodes.get(tail2.output)!.endingModels).toEqual(['id2']);
    expect(t.nodes.get(tail2.output)!.persists).toBe(true);
    expect(t.nodes.get(shared.output)!.persists).toBe(false);
  });

  it('carry the bytes per item of their last block; the raw input counts inputBytesPerItem (default 0)', () => {
    const sized = model('s', ['a', 'b', 'c'], { a: 100, b: 7, c: 3 });
    expect([...taskTree([sized]).units.values()][0].bytesPerItem).toBe(3);
    expect(taskTree([sized]).nodes.get(ROOT_NODE_ID)!.bytesPerItem).toBe(0);
    expect(taskTree([sized], true, 602112).nodes.get(ROOT_NODE_ID)!.bytesPerItem).toBe(602112);
  });

  it('close at a model that is a strict prefix of another (FIX: the reference never scored it)', () => {
    const t = taskTree([model('long', ['a', 'b', 'c', 'd']), model('short', ['a', 'b'])]);
    expect(outputs(t)).toEqual(['b', 'd']);
    const [head] = [...t.units.values()];
    expect(t.nodes.get(head.output)!.endingModels).toEqual(['short']);
    expect(t.nodes.get(head.output)!.persists).toBe(true);
  });

  it('score identical models once: one unit, one node ending both', () => {
    const t = taskTree([M1, { ...M1, id: 'twin' }]);
    expect(t.units.size).toBe(1);
    expect([...t.nodes.values()].find((n) => n.persists)!.endingModels).toEqual(['id1', 'twin']);
  });

  it('without sharing, every model is one unit of all its blocks straight from the raw input', () => {
    const models = [M1, M2, M3, M4, M5, { ...M1, id: 'twin' }];
    const t = taskTree(models, false);
    expect(t.units.size).toBe(models.length);
    for (const [i, unit] of [...t.units.values()].entries()) {
      expect(unit.input).toBe(ROOT_NODE_ID);
      expect(unit.models).toEqual([models[i].id]);
      expect(unit.blocks).toEqual(models[i].blocks);
    }
  });
});
