/**
 * Runs a batch as slices of consecutive items when the unit's activations for the whole batch would be large.
 *
 * Why: ORT's CPU kernels compute each item on its own, so a unit runs as fast on 8 items at a time as on 32, but its
 * activation memory grows with the batch. Memory a process touches for the first time is what a new session pays
 * for most on the development machine (~2 ms per MiB: a VM whose freed pages go back to the host). Measured on the
 * first ten blocks of resnet18 (the stem's output is 3.2 MB per item), 32 items per run: a fresh session's first run
 * took 449-493 ms as one batch and 286-289 ms as slices of 8, steady runs 213-231 ms both ways, peak RSS 455 vs 289
 * MiB; the whole resnet18 ran 278-283 ms per 32 items in slices of 8 and 282-304 ms as one batch. Units with small
 * activations (the last blocks: 0.1 MB per item) stay whole: at 8 items they run 17% slower per item.
 */
import { concatRows, itemBytes, sliceRows, type Block, type HostTensor } from '@alsatian/core';

/**
 * Items per slice for a unit: as many as keep its largest block input or output within `sliceBytes` (at least 1).
 * Block boundaries stand in for the activations inside a block, which the descriptors do not give.
 */
export function sliceItems(blocks: readonly Block[], sliceBytes: number): number {
  let largest = 0;
  for (const { descriptor } of blocks)
    for (const spec of [...descriptor.inputs, ...descriptor.outputs]) largest = Math.max(largest, itemBytes(spec));
  if (!Number.isFinite(sliceBytes) || largest === 0) return Number.POSITIVE_INFINITY;
  return Math.max(1, Math.floor(sliceBytes / largest));
}

/**
 * Runs `batch` (`items` rows per tensor) through `runOne` in equal slices of at most `maxItems` rows and joins the
 * outputs in item order; a batch that fits runs whole. Slices are views of the inputs (no copies).
 */
export async function runInSlices(
  batch: readonly HostTensor[],
  items: number,
  maxItems: number,
  runOne: (slice: readonly HostTensor[]) => Promise<HostTensor[]>,
): Promise<HostTensor[]> {
  if (items <= maxItems) return runOne(batch);
  const parts = Math.ceil(items / maxItems);
  const size = Math.ceil(items / parts);
  const outputs: HostTensor[][] = [];
  for (let start = 0; start < items; start += size) {
    const end = Math.min(items, start + size);
    outputs.push(await runOne(batch.map((t) => sliceRows(t, start, end))));
  }
  return outputs[0].map((_, o) => concatRows(outputs.map((part) => part[o])));
}
