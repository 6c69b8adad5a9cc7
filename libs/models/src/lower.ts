import type { Block, TensorSpec } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';
import { blockKind } from './blocks/catalog.ts';
import { GraphBuilder, type ExternalWeights } from './graph/builder.ts';

/** Name of the symbolic batch dimension of every unit's inputs and outputs. */
export const BATCH_DIM = 'batch';

export interface LowerOptions {
  readonly graphName?: string;
  /** Weights of at least this many bytes stay where they are, as external data (see GraphBuilderOptions). */
  readonly externalFromBytes?: number;
  /**
   * The unit continues a chain computed by another unit (its input is an intermediate, not raw data): start with a
   * layout anchor on image-like inputs (see `anchor`), so the unit computes exactly what the same blocks compute
   * inside one longer session.
   */
  readonly anchorInput?: boolean;
}

export interface LoweredGraph {
  /** A serialised ONNX ModelProto. */
  readonly model: Uint8Array;
  /** Memory the model's external initializers name; empty when every weight is inside `model`. */
  readonly externalWeights: readonly ExternalWeights[];
}

/**
 * Lowers an execution unit (consecutive blocks) to one ONNX model: block i's weights become initializers named
 * `b<i>.<weight>`, block outputs feed the next block's inputs by position, and the graph's inputs and outputs are
 * the first block's input specs and the last block's output specs (names kept) with a leading batch dimension.
 */
export function lowerUnitGraph(blocks: readonly Block[], options: LowerOptions = {}): LoweredGraph {
  if (blocks.length === 0) throw new InvalidArgumentError('An execution unit needs at least one block.');
  checkChain(blocks);
  const g = new GraphBuilder({ externalFromBytes: options.externalFromBytes });
  const first = blocks[0].descriptor.inputs;
  let values = first.map((s) => g.input(s.name, s.dtype, [BATCH_DIM, ...s.shape]));
  if (options.anchorInput) values = values.map((v, i) => anchor(g, v, first[i]));
  blocks.forEach((block, i) => {
    const d = block.descriptor;
    const kind = blockKind(d.kind);
    const declared = new Set(kind.weights(d.inputs, d.attrs).map((w) => w.name));
    const names = new Map<string, string>();
    const weight = (name: string): string => {
      const known = names.get(name);
      if (known) return known;
      const tensor = block.weights.get(name);
      if (!tensor || !declared.has(name))
        throw new InvalidArgumentError(
          `Block ${i} (${d.kind}) has no weight '${name}'; it has: ${[...block.weights.keys()].join(', ') || 'none'}.`,
        );
      const value = g.initializer(`b${i}.${name}`, tensor);
      names.set(name, value);
      return value;
    };
    values = kind.lower(g, values, d.attrs, weight);
  });
  const last = blocks[blocks.length - 1].descriptor;
  last.outputs.forEach((s, i) => g.output(values[i], s.name, s.dtype, [BATCH_DIM, ...s.shape]));
  return { model: g.toBytes(options.graphName ?? 'alsatian_unit'), externalWeights: g.externalWeights() };
}

/** A self-contained ONNX model of the unit (every weight copied in). */
export function lowerUnit(blocks: readonly Block[], graphName = 'alsatian_unit'): Uint8Array {
  return lowerUnitGraph(blocks, { graphName }).model;
}

/**
 * A value-preserving first node for an image-like ([C,H,W] float) unit input: a depthwise 1x1 convolution with
 * weight 1 and no bias (x * 1 is x exactly). Why: ONNX Runtime's CPU layout optimiser converts a convolution's
 * input to its blocked layout, but a graph input that also feeds a residual add stays unconverted, and the add is
 * then not fused into the convolution; inside one long session the same tensor comes out of a convolution already
 * converted, and the add is fused, which rounds differently (measured: 1.4e-6 on resnet18 outputs at every cut
 * before an identity-shortcut block). With the anchor, the tensor is converted at the unit's start as it is inside
 * the long session, and cut and uncut chains give bit-identical outputs on resnet, mobilenet and efficientnet.
 */
function anchor(g: GraphBuilder, value: string, spec: TensorSpec): string {
  if (spec.dtype !== 'float32' || spec.shape.length !== 3) return value;
  const channels = spec.shape[0];
  const ones = g.initializer('anchor_weight', {
    dtype: 'float32',
    shape: [channels, 1, 1, 1],
    data: new Float32Array(channels).fill(1),
  });
  return g.op('Conv', [value, ones], { group: channels, kernel_shape: [1, 1] });
}

function checkChain(blocks: readonly Block[]): void {
  for (let i = 1; i < blocks.length; i++) {
    const out = blocks[i - 1].descriptor.outputs;
    const inp = blocks[i].descriptor.inputs;
    const same =
      out.length === inp.length &&
      out.every((o, k) => o.dtype === inp[k].dtype && o.shape.join() === inp[k].shape.join());
    if (!same) {
      const fmt = (specs: typeof out) => specs.map((s) => `${s.dtype}[${s.shape.join(',')}]`).join(' ');
      throw new InvalidArgumentError(
        `Block ${i} (${blocks[i].descriptor.kind}) expects ${fmt(inp)} but block ${i - 1} (` +
          `${blocks[i - 1].descriptor.kind}) produces ${fmt(out)}.`,
      );
    }
  }
}
