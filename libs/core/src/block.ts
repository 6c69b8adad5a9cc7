/** Blocks, block ids and model manifests: the units the store keeps and the planner shares. */
import type { HostTensor, TensorSpec } from './tensor.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * What a block computes, without its weights. Canonical JSON of this object (sorted keys) is hashed into the
 * block id, so two blocks with equal descriptors and equal weights are the same block.
 * `kind` names an entry of the models catalog; `attrs` are that kind's hyper-parameters.
 */
export interface BlockDescriptor {
  readonly kind: string;
  readonly attrs: JsonObject;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
}

/** Named weight tensors of one block (local names, e.g. `conv1.weight`), in a stable order. */
export type WeightMap = ReadonlyMap<string, HostTensor>;

export interface Block {
  readonly descriptor: BlockDescriptor;
  readonly weights: WeightMap;
}

/** `sha256(canonical descriptor) + sha256(weights)`, 128 hex characters. Equal ids mean shared blocks. */
export type BlockId = string;

export type ModelId = string;

/** A model as the store knows it: an ordered list of feature-extractor blocks plus metadata. */
export interface ModelManifest {
  readonly id: ModelId;
  readonly architecture: string;
  readonly blocks: readonly BlockId[];
  readonly featureDim: number;
  /** Parameters of the feature extractor (what the blocks hold). */
  readonly params: number;
  /** Where the weights came from: `synthetic`, `torchvision`, `huggingface`, `onnx`, ... */
  readonly source: string;
  readonly metadata: JsonObject;
}
