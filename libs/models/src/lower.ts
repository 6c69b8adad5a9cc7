import type { Block } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';
import { blockKind } from './blocks/catalog.ts';
import { GraphBuilder } from './graph/builder.ts';

/** Name of the symbolic batch dimension of every unit's inputs and outputs. */
export const BATCH_DIM = 'batch';

/**
 * Lowers an execution unit (consecutive blocks) to one ONNX model: block i's weights become initializers named
 * `b<i>.<weight>`, block outputs feed the next block's inputs by position, and the graph's inputs and outputs are
 * the first block's input specs and the last block's output specs (names kept) with a leading batch dimension.
 */
export function lowerUnit(blocks: readonly Block[], graphName = 'alsatian_unit'): Uint8Array {
  if (blocks.length === 0) throw new InvalidArgumentError('An execution unit needs at least one block.');
  checkChain(blocks);
  const g = new GraphBuilder();
  let values = blocks[0].descriptor.inputs.map((s) => g.input(s.name, s.dtype, [BATCH_DIM, ...s.shape]));
  blocks.forEach((block, i) => {
    const d = block.descriptor;
    const kind = blockKind(d.kind);
    const declared = new Set(kind.weights(d.inputs, d.attrs).map((w) => w.name));
    const names = new Map<string, string>();
    const weight = (name: string): string => {
      const known = names.get(name);
      if (known) return known;
      const tensor = block.weights.get(name);
      if (!tensor || !declared.has(name)) throw new InvalidArgumentError(`Block ${i} (${d.kind}) has no weight '${name}'; it has: ${[...block.weights.keys()].join(', ') || 'none'}.`);
      const value = g.initializer(`b${i}.${name}`, tensor);
      names.set(name, value);
      return value;
    };
    values = kind.lower(g, values, d.attrs, weight);
  });
  const last = blocks[blocks.length - 1].descriptor;
  last.outputs.forEach((s, i) => g.output(values[i], s.name, s.dtype, [BATCH_DIM, ...s.shape]));
  return g.toBytes(graphName);
}

function checkChain(blocks: readonly Block[]): void {
  for (let i = 1; i < blocks.length; i++) {
    const out = blocks[i - 1].descriptor.outputs;
    const inp = blocks[i].descriptor.inputs;
    const same = out.length === inp.length && out.every((o, k) => o.dtype === inp[k].dtype && o.shape.join() === inp[k].shape.join());
    if (!same) {
      const fmt = (specs: typeof out) => specs.map((s) => `${s.dtype}[${s.shape.join(',')}]`).join(' ');
      throw new InvalidArgumentError(`Block ${i} (${blocks[i].descriptor.kind}) expects ${fmt(inp)} but block ${i - 1} (${blocks[i - 1].descriptor.kind}) produces ${fmt(out)}.`);
    }
  }
}
