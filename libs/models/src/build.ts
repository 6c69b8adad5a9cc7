import type { Block, BlockDescriptor, HostTensor, TensorSpec } from '@alsatian/core';
import { itemBytes, numel, Rng } from '@alsatian/core';
import type { ArchitectureDef, BlockSpec } from './architectures/architecture.ts';
import { architecture } from './architectures/registry.ts';
import { blockKind } from './blocks/catalog.ts';
import { initWeight } from './init.ts';

/** Static facts of one block, from shape inference only (nothing is run or allocated). */
export interface BlockInfo {
  readonly index: number;
  readonly kind: string;
  readonly label: string;
  readonly params: number;
  readonly outputShape: readonly (readonly number[])[];
  readonly bytesPerItem: number;
  readonly flops: number;
}

export interface ArchitectureInfo {
  readonly architecture: string;
  /** Full model with its head (ImageNet classifier; BERT pooler), as torchvision / transformers count it. */
  readonly params: number;
  readonly featureParams: number;
  readonly featureDim: number;
  readonly blocks: readonly BlockInfo[];
  readonly head: BlockInfo;
}

/** Descriptors of every feature block and the head, chained through static shape inference. */
export function describeBlocks(def: ArchitectureDef): { features: BlockDescriptor[]; head: BlockDescriptor } {
  let inputs: readonly TensorSpec[] = def.inputs;
  const features = def.features.map((spec) => {
    const d = descriptor(spec, inputs);
    inputs = d.outputs;
    return d;
  });
  return { features, head: descriptor(def.head, inputs) };
}

export function blockDescriptor(spec: BlockSpec, inputs: readonly TensorSpec[]): BlockDescriptor {
  return descriptor(spec, inputs);
}

function descriptor(spec: BlockSpec, inputs: readonly TensorSpec[]): BlockDescriptor {
  const kind = blockKind(spec.kind);
  return { kind: spec.kind, attrs: spec.attrs, inputs, outputs: kind.outputs(inputs, spec.attrs) };
}

export function blockInfo(d: BlockDescriptor, index: number, label: string): BlockInfo {
  const kind = blockKind(d.kind);
  const params = kind
    .weights(d.inputs, d.attrs)
    .filter((w) => w.role === 'parameter')
    .reduce((s, w) => s + numel(w.shape), 0);
  return {
    index,
    kind: d.kind,
    label,
    params,
    outputShape: d.outputs.map((o) => o.shape),
    bytesPerItem: d.outputs.reduce((s, o) => s + itemBytes(o), 0),
    flops: kind.flops(d.inputs, d.attrs),
  };
}

/** Parameters, shapes, bytes per item and FLOPs of every block of `name`, without building weights. */
export function describeArchitecture(name: string): ArchitectureInfo {
  const def = architecture(name);
  const { features, head } = describeBlocks(def);
  const blocks = features.map((d, i) => blockInfo(d, i, def.features[i].label));
  const headInfo = blockInfo(head, blocks.length, def.head.label);
  const featureParams = blocks.reduce((s, b) => s + b.params, 0);
  return {
    architecture: name,
    params: featureParams + headInfo.params,
    featureParams,
    featureDim: def.featureDim,
    blocks,
    head: headInfo,
  };
}

/** Initialises one block's weights from `rng`, in the kind's weight order. */
export function initBlock(d: BlockDescriptor, rng: Rng): Block {
  const weights = new Map<string, HostTensor>();
  for (const w of blockKind(d.kind).weights(d.inputs, d.attrs)) weights.set(w.name, initWeight(w, rng));
  return { descriptor: d, weights };
}

export interface BuiltModel {
  readonly architecture: string;
  readonly blocks: readonly Block[];
  readonly head?: Block;
}

/**
 * A model with weights initialised from `seed` the way torchvision (or transformers) initialises them. Block `i`
 * draws from Rng.derive(seed, architecture, i), so re-initialising one block never changes the others.
 */
export function buildModel(name: string, options: { seed: number; withHead?: boolean }): BuiltModel {
  const def = architecture(name);
  const { features, head } = describeBlocks(def);
  const blocks = features.map((d, i) => initBlockAt(name, d, options.seed, i));
  return {
    architecture: name,
    blocks,
    head: options.withHead ? initBlockAt(name, head, options.seed, features.length) : undefined,
  };
}

/** The block at `index` of architecture `name` initialised from `seed` (as buildModel would). */
export function initBlockAt(name: string, d: BlockDescriptor, seed: number, index: number): Block {
  return initBlock(d, Rng.derive(seed, name, index));
}
