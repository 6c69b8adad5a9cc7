import type { Block, BlockId, Engine, Meter, PreparedUnit } from '@alsatian/core';
import { BlockCache } from '@alsatian/cache';
import type { ExecutionUnit } from '@alsatian/planner';

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

  /** Runs `fn` with the unit's session; the session stays pinned while `fn` runs. */
  withSession<T>(unit: ExecutionUnit, fn: (session: PreparedUnit) => Promise<T>): Promise<T> {
    const key = JSON.stringify([unit.input, unit.output, unit.blocks.length]);
    return this.sessions.use(key, () => this.meter.measure('prepareModel', () => this.prepare(unit)), fn);
  }

  private async prepare(unit: ExecutionUnit): Promise<{ value: PreparedUnit; bytes: number }> {
    const blocks: Block[] = [];
    for (const b of unit.blocks) {
      blocks.push(await this.blocks.use(b.id, async () => {
        const block = await this.source.getBlock(b.id);
        return { value: block, bytes: weightBytes(block) };
      }, async (block) => block));
    }
    const session = await this.engine.prepare(blocks, { label: `unit_${unit.output.slice(0, 12)}` });
    return { value: session, bytes: session.weightBytes };
  }

  async dispose(): Promise<void> {
    await this.sessions.clear();
    await this.blocks.clear();
  }
}
