import type { Block, BlockId, Engine, Meter, PreparedUnit } from '@alsatian/core';
import { BlockCache } from '@alsatian/cache';
import type { ExecutionUnit } from '@alsatian/planner';
import { chainUnits } from './chained-unit.ts';

/** Where blocks come from (the model store). */
export interface BlockSource {
  getBlock(id: BlockId): Promise<Block>;
}

function weightBytes(block: Block): number {
  let bytes = 0;
  for (const t of block.weights.values()) bytes += t.data.byteLength;
  return bytes;
}

/**
 * Gets a prepared session for an execution unit: loaded blocks and sessions are kept in two LRU caches so a unit
 * (or block) used again in a later step or SH iteration is not read from the store or prepared again while it
 * fits. All of it is "prepare model" time.
 */
export class UnitPreparer {
  readonly blocks: BlockCache<Block>;
  readonly sessions: BlockCache<PreparedUnit>;

  constructor(
    private readonly source: BlockSource,
    private readonly engine: Engine,
    private readonly meter: Meter,
    budgets: { blockCacheBytes: number; sessionCacheBytes: number },
  ) {
    this.blocks = new BlockCache<Block>({ budgetBytes: budgets.blockCacheBytes });
    this.sessions = new BlockCache<PreparedUnit>({ budgetBytes: budgets.sessionCacheBytes, dispose: (_key, unit) => unit.dispose() });
  }

  /**
   * Runs `fn` with the unit's session; the session stays pinned while `fn` runs. With `cuts` (block counts where
   * sessions end, the last = all blocks) the unit runs as several sessions chained, cut at those points.
   */
  withSession<T>(unit: ExecutionUnit, fn: (session: PreparedUnit) => Promise<T>, cuts?: readonly number[]): Promise<T> {
    const segments = cuts && cuts.length > 1 && cuts[cuts.length - 1] === unit.blocks.length ? cuts : [unit.blocks.length];
    const key = JSON.stringify([unit.input, unit.output, segments]);
    return this.sessions.use(key, () => this.meter.measure('prepareModel', () => this.prepare(unit, segments)), fn);
  }

  private async prepare(unit: ExecutionUnit, segments: readonly number[]): Promise<{ value: PreparedUnit; bytes: number }> {
    const blocks = await this.loadBlocks(unit);
    const parts: PreparedUnit[] = [];
    let start = 0;
    for (const end of segments) {
      parts.push(await this.engine.prepare(blocks.slice(start, end), { label: `unit_${unit.output.slice(0, 12)}_${start}` }));
      start = end;
    }
    const session = parts.length === 1 ? parts[0] : chainUnits(parts);
    return { value: session, bytes: session.weightBytes };
  }

  private async loadBlocks(unit: ExecutionUnit): Promise<Block[]> {
    const blocks: Block[] = [];
    for (const b of unit.blocks) {
      blocks.push(await this.blocks.use(b.id, async () => {
        const block = await this.source.getBlock(b.id);
        return { value: block, bytes: weightBytes(block) };
      }, async (block) => block));
    }
    return blocks;
  }

  async dispose(): Promise<void> {
    await this.sessions.clear();
    await this.blocks.clear();
  }
}
