/** The planner's input vocabulary: models as block lists and node ids (item ranges and splits are core's). */
import type { BlockId, ModelId } from '@alsatian/core';

/** One feature-extractor block as the planner sees it: its content id and the size of its output per item. */
export interface PlanBlock {
  readonly id: BlockId;
  /** Bytes of this block's output for one data item (from static shapes). */
  readonly outputBytesPerItem: number;
  /**
   * The block must run in one session with the block before it (a runtime fuses them; see the models lib's
   * BlockKind.joinsPrevious): no execution unit starts with it, so it is shared only together with its predecessor.
   */
  readonly joinsPrevious?: boolean;
}

/** A candidate model: its feature-extractor blocks in execution order. */
export interface PlanModel {
  readonly id: ModelId;
  readonly blocks: readonly PlanBlock[];
}

/**
 * Id of a prefix-tree node: the hash of the block prefix that ends there (see `prefixNodeId`). Stable across
 * successive-halving iterations, so it is also the cache key of the node's intermediate and features.
 */
export type NodeId = string;
