import type { JsonObject, TensorSpec } from '@alsatian/core';

/** One block of an architecture: a kind from the catalog plus its hyper-parameters. */
export interface BlockSpec {
  readonly kind: string;
  readonly attrs: JsonObject;
  /**
   * Prefix of this block's weights in the source framework's state dict (torchvision, or transformers for BERT),
   * e.g. `layer1.0.` for resnet's first BasicBlock: source key = prefix + local weight name. Empty for blocks
   * without weights. Importers of real weights use it.
   */
  readonly sourcePrefix: string;
  /** A short human label for tables and charts, e.g. `layer1.0 BasicBlock`. */
  readonly label: string;
}

export type Family = 'resnet' | 'mobilenet' | 'efficientnet' | 'vit' | 'bert';

/**
 * An architecture as an ordered list of feature-extractor blocks with the same block boundaries as the reference's
 * sequential models, plus a separate classifier head (ImageNet's 1000 classes; BERT's pooler).
 */
export interface ArchitectureDef {
  readonly name: string;
  readonly family: Family;
  /** Per-item model inputs, e.g. float32 pixels [3,224,224], or int64 input_ids and attention_mask [256]. */
  readonly inputs: readonly TensorSpec[];
  readonly features: readonly BlockSpec[];
  readonly head: BlockSpec;
  /**
   * The reference's SPLIT_INDEXES: entry k is the index of the first block retrained when the last k retrainable
   * blocks are re-initialised (entry 0 = the feature cut, i.e. only the head). Used by synthetic snapshot sets.
   */
  readonly splitIndexes: readonly number[];
  readonly featureDim: number;
  /** Small variants for fast tests; not part of the paper. */
  readonly tiny: boolean;
  readonly description: string;
}
