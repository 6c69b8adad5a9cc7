import type { BlockId, ModelId } from '@alsatian/core';
import { sha256Hex } from '@alsatian/core';

/**
 * The id of an unnamed model: its architecture plus a short hash of its block ids, so the same blocks always get
 * the same id. Two models with identical blocks (e.g. a synthetic snapshot with k = 0) need a name to be kept
 * apart; the snapshot generator gives them one.
 */
export function contentModelId(architecture: string, blocks: readonly BlockId[]): ModelId {
  return `${architecture}-${sha256Hex(blocks.join('\n')).slice(0, 16)}`;
}
