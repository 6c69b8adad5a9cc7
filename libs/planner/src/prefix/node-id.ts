/** The one function that names prefix-tree nodes. */
import { canonicalJson, sha256Hex, type BlockId, type JsonObject, type ModelId } from '@alsatian/core';
import type { NodeId } from '../types.ts';

/**
 * Id of the root: the raw input data. Deliberately not a hash, so it can never equal a block prefix's id; the
 * executor reads it as "decode the split's items".
 */
export const ROOT_NODE_ID: NodeId = 'root';

/**
 * Id of the node reached from `parent` by running `block`: sha256 of the canonical record {parent, block}. It
 * depends only on the block prefix, not on which models are alive, so it is stable across SH iterations and
 * serves as cache key. `owner` is set when sharing is off: every model then gets its own chain of nodes, even
 * where it is identical to another model.
 */
export function prefixNodeId(parent: NodeId, block: BlockId, owner?: ModelId): NodeId {
  const record: JsonObject = owner === undefined ? { parent, block } : { parent, block, owner };
  return sha256Hex(canonicalJson(record));
}
