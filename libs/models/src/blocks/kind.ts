import type { JsonObject, TensorSpec } from '@alsatian/core';
import type { GraphBuilder } from '../graph/builder.ts';

/**
 * How a weight is initialised from a seed, with the numbers already resolved by the block kind (which knows the
 * fans), so one generic routine fills every tensor. Mirrors torchvision's / transformers' init schemes.
 */
export type InitRule =
  | { readonly kind: 'zeros' }
  | { readonly kind: 'ones' }
  | { readonly kind: 'normal'; readonly mean: number; readonly std: number }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | {
      readonly kind: 'truncNormal';
      readonly mean: number;
      readonly std: number;
      readonly low: number;
      readonly high: number;
    };

export interface WeightSpec {
  /** Local name inside the block, following the source framework's naming (e.g. `bn1.running_var`). */
  readonly name: string;
  readonly shape: readonly number[];
  /** Parameters count toward a model's parameter count; buffers (BatchNorm running stats) do not. */
  readonly role: 'parameter' | 'buffer';
  readonly init: InitRule;
}

/**
 * One kind of block: everything about it that does not depend on weight values. A kind is pure: static shape
 * inference, the weights it needs, its FLOPs per item, and its lowering to ONNX nodes.
 */
export interface BlockKind<A extends JsonObject = JsonObject> {
  readonly name: string;
  /** Output specs (per item, no batch dimension) from input specs; throws RangeError on incompatible inputs. */
  outputs(inputs: readonly TensorSpec[], attrs: A): TensorSpec[];
  /** The weights this block holds, in a stable order. */
  weights(inputs: readonly TensorSpec[], attrs: A): WeightSpec[];
  /** Floating-point operations per item (a multiply-add counts as 2). */
  flops(inputs: readonly TensorSpec[], attrs: A): number;
  /**
   * Adds the block's nodes to `g`. `inputs` are value names matching the input specs (with a leading batch
   * dimension); `weight(name)` returns the value name of a weight. Returns output value names.
   */
  lower(g: GraphBuilder, inputs: readonly string[], attrs: A, weight: (name: string) => string): string[];
  /**
   * True when a runtime may fuse this block's first operation into the last operation of the block before it
   * (a batch norm into the convolution before it, an activation into either, a layer norm into the residual add
   * before it). Where such a block follows another, the output of the pair differs (in the last bits) between a
   * session that holds both and two sessions cut between them, so the planner never cuts there: this block is
   * shared, and starts an execution unit, only together with the block before it. Absent: false.
   */
  joinsPrevious?(attrs: A): boolean;
}

/** A block kind, typed by its attributes (the catalog, blocks/catalog.ts, lists every kind by name). */
export function defineBlockKind<A extends JsonObject>(kind: BlockKind<A>): BlockKind<A> {
  return kind;
}
