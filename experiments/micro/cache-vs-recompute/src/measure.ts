import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Block, ExecutionProvider, HostTensor, Logger } from '@alsatian/core';
import { float32Tensor, numel } from '@alsatian/core';
import { dropPageCache } from '@alsatian/bench';
import type { CacheDropResult, Row } from '@alsatian/bench';
import { IntermediateCache } from '@alsatian/cache';
import { createEngine } from '@alsatian/engine';

export interface CacheVsRecomputeOptions {
  readonly blocks: readonly Block[];
  readonly batchSize: number;
  readonly warmupRuns: number;
  readonly runs: number;
  /** Folder of the cache's disk tier for this cell; removed afterwards. */
  readonly scratchDir: string;
  readonly threads?: number;
  readonly ep: ExecutionProvider;
  readonly logger: Logger;
  /** Replaces the page-cache dropper (tests). */
  readonly dropCache?: () => Promise<CacheDropResult>;
}

/**
 * Per block i: the inference time of block i alone (its own session, fed block i-1's real output; median of
 * `runs`) and the time to read block i's input batch back from the intermediate cache's disk tier after emptying
 * the page cache (written there first, not timed). One row per (block, metric); `bytes` is block i's input batch.
 */
export async function measureCacheVsRecompute(options: CacheVsRecomputeOptions): Promise<Row[]> {
  const dropCache = options.dropCache ?? dropPageCache;
  const engine = await createEngine({ ep: options.ep, threads: options.threads, logger: options.logger });
  const diskDir = join(options.scratchDir, 'cache-disk');
  await rm(diskDir, { recursive: true, force: true });
  const cache = new IntermediateCache({
    ramBudgetBytes: 0,
    disk: { dir: diskDir, budgetBytes: Number.MAX_SAFE_INTEGER },
    overflow: 'spill',
  });
  const rows: Row[] = [];
  /** Read time per input size: blocks with equal input sizes share one measurement. */
  const readBySize = new Map<number, { seconds: number; dropped: boolean }>();
  try {
    let input = imageBatch(options.blocks[0], options.batchSize);
    for (const [index, block] of options.blocks.entries()) {
      const bytes = input.reduce((s, t) => s + t.data.byteLength, 0);
      let read = readBySize.get(bytes);
      if (read === undefined) {
        read = await timeDiskRead(cache, input, index, dropCache);
        readBySize.set(bytes, read);
        if (!read.dropped)
          options.logger.warn(
            `cache-vs-recompute: page cache not dropped before reading block ${index}'s input; the read may ` +
              `come from memory`,
          );
      }
      rows.push({
        block: index,
        kind: block.descriptor.kind,
        metric: 'read',
        seconds: read.seconds,
        bytes,
        pageCache: read.dropped ? 'dropped' : 'warm',
      });

      const unit = await engine.prepare([block], { label: `block${index}` });
      let output: HostTensor[] = [];
      const times: number[] = [];
      for (let r = 0; r < options.warmupRuns + options.runs; r++) {
        const t0 = performance.now();
        output = await unit.run(input);
        if (r >= options.warmupRuns) times.push((performance.now() - t0) / 1000);
      }
      await unit.dispose();
      times.sort((a, b) => a - b);
      rows.push({
        block: index,
        kind: block.descriptor.kind,
        metric: 'compute',
        seconds: times[times.length >> 1],
        bytes,
        pageCache: 'n/a',
      });
      input = output;
    }
  } finally {
    await cache.clear();
    await engine.dispose();
    await rm(diskDir, { recursive: true, force: true });
  }
  return rows;
}

/** Puts the batch into the disk tier, empties the page cache, and times reading it back. */
async function timeDiskRead(
  cache: IntermediateCache,
  tensors: readonly HostTensor[],
  index: number,
  dropCache: () => Promise<CacheDropResult>,
) {
  const key = { node: `input-of-block-${index}`, split: 'train' as const, chunkStart: 0, batch: 0 };
  await cache.put(key, tensors, { tier: 'disk' });
  const drop = await dropCache();
  const t0 = performance.now();
  await cache.get(key);
  const seconds = (performance.now() - t0) / 1000;
  await cache.evict(key);
  return { seconds, dropped: drop.dropped };
}

/** A batch shaped like the first block's input, with varied values (the cost does not depend on them). */
function imageBatch(first: Block, batchSize: number): HostTensor[] {
  return first.descriptor.inputs.map((spec) => {
    if (spec.dtype !== 'float32')
      throw new Error(`cache-vs-recompute feeds float32 image inputs; input '${spec.name}' is ${spec.dtype}.`);
    const t = float32Tensor([batchSize, ...spec.shape]);
    const n = numel(t.shape);
    for (let i = 0; i < n; i++) (t.data as Float32Array)[i] = Math.sin(i * 0.37);
    return t;
  });
}
