/**
 * Rates for the feature store's cost model (planner/plan/checkpoints.ts): compute seconds of a block from its FLOPs,
 * read seconds of a stored output from its bytes. Set from the development machine (2 cores): one fused resnet18
 * session ran 84 img/s idle (3.6 GFLOP per 224 px item: ~3e11 FLOP/s) and ~30 img/s under the usual load, so
 * 1e11 FLOP/s; reading stored entries from the page cache ran at 1-2 GB/s, so 1e9 B/s. Both err toward storing
 * less: compute is taken as fast, reads as slow.
 */
import type { BlockId } from '@alsatian/core';
import type { CheckpointCosts } from '@alsatian/planner';

export const FLOPS_PER_SECOND = 1e11;
export const READ_BYTES_PER_SECOND = 1e9;

export function checkpointCosts(flops: ReadonlyMap<BlockId, number>): CheckpointCosts {
  const computeSeconds = new Map([...flops].map(([id, f]) => [id, f / FLOPS_PER_SECOND]));
  return { computeSeconds, readSecondsPerByte: 1 / READ_BYTES_PER_SECOND };
}
