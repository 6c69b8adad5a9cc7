import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import type { Block, ExecutionProvider, Logger } from '@alsatian/core';
import { dropPageCache } from '@alsatian/bench';
import type { CacheDropResult, Row } from '@alsatian/bench';
import { createEngine } from '@alsatian/engine';
import { openStore } from '@alsatian/store';

/** The stages of preparing a model, in pipeline order; the two reads are alternatives. */
export const STAGES = ['readThrottled', 'readUnthrottled', 'lower', 'session'] as const;
export type Stage = (typeof STAGES)[number];

export interface LoadingOptions {
  readonly architecture: string;
  readonly blocks: readonly Block[];
  /** Scratch folder for this cell's store; removed afterwards. */
  readonly scratchDir: string;
  /** The paper's throttled model store read rate (bytes/s). */
  readonly readLimitBytesPerSec: number;
  readonly threads?: number;
  readonly ep: ExecutionProvider;
  readonly logger: Logger;
  /** Replaces the page-cache dropper (tests). */
  readonly dropCache?: () => Promise<CacheDropResult>;
}

/**
 * Writes the model's blocks into a fresh store (not measured), then times what preparing the model costs: reading
 * every block back through the store at the paper's 200 MB/s limit and without a limit (each after emptying the
 * page cache where the OS lets us, so both come from disk), lowering all blocks to one ONNX graph, and creating
 * its ONNX Runtime session. One row per stage.
 */
export async function measureLoading(options: LoadingOptions): Promise<Row[]> {
  const dropCache = options.dropCache ?? dropPageCache;
  const dir = join(options.scratchDir, `store-${options.architecture}`);
  await rm(dir, { recursive: true, force: true });
  try {
    const writer = await openStore(dir, { logger: options.logger });
    const ids: string[] = [];
    for (const block of options.blocks) ids.push(await writer.putBlock(block));
    const weightBytes = options.blocks.reduce(
      (s, b) => s + [...b.weights.values()].reduce((t, w) => t + w.data.byteLength, 0),
      0,
    );
    const rows: Row[] = [];
    const add = (stage: Stage, seconds: number, pageCache: string) =>
      rows.push({ stage, seconds, weightBytes, blocks: options.blocks.length, pageCache });

    let loaded: Block[] = [];
    for (const [stage, limit] of [
      ['readThrottled', options.readLimitBytesPerSec],
      ['readUnthrottled', undefined],
    ] as const) {
      const drop = await dropCache();
      if (!drop.dropped)
        options.logger.warn(
          `session-and-loading: page cache not dropped before ${stage} (${drop.reason}); reads may come from memory`,
        );
      const store = await openStore(dir, { readLimitBytesPerSec: limit, logger: options.logger });
      const t0 = performance.now();
      loaded = [];
      for (const id of ids) loaded.push(await store.getBlock(id));
      add(stage, (performance.now() - t0) / 1000, drop.dropped ? 'dropped' : 'warm');
    }

    const engine = await createEngine({ ep: options.ep, threads: options.threads, logger: options.logger });
    try {
      const unit = await engine.prepare(loaded, { label: options.architecture });
      add('lower', unit.timings.lowerMs / 1000, 'n/a');
      add('session', unit.timings.sessionMs / 1000, 'n/a');
    } finally {
      await engine.dispose();
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
