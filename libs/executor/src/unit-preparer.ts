import type { Block, BlockId, Engine, Meter, PreparedUnit } from '@alsatian/core';
import { BlockCache } from '@alsatian/cache';
import { ROOT_NODE_ID, type ExecutionUnit } from '@alsatian/planner';
import type { ExecutorSettings } from './settings.ts';

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
 * Gets a prepared session for an execution unit. Blocks are read from the store (kept in an LRU cache when the
 * settings give it a budget), the unit is prepared by the engine as one session, and the session lives as the
 * settings' `sessionLifetime` says. All of it is "prepare model" time, split into reading, lowering and session.
 */
export class UnitPreparer {
  readonly blocks: BlockCache<Block>;
  readonly sessions: BlockCache<PreparedUnit>;
  /** The session of the unit the last steps ran ('consecutive' lifetime). */
  private current: { key: string; session: PreparedUnit } | undefined;
  private created = 0;

  constructor(
    private readonly source: BlockSource,
    private readonly engine: Engine,
    private readonly meter: Meter,
    private readonly settings: Pick<ExecutorSettings, 'blockCacheBytes' | 'sessionCacheBytes' | 'sessionLifetime'>,
  ) {
    this.blocks = new BlockCache<Block>({ budgetBytes: settings.blockCacheBytes });
    this.sessions = new BlockCache<PreparedUnit>({ budgetBytes: settings.sessionLifetime === 'search' ? settings.sessionCacheBytes : 0, dispose: (_key, unit) => unit.dispose() });
  }

  /** Sessions created so far. */
  get sessionsCreated(): number {
    return this.created;
  }

  /** Runs `fn` with the unit's session; the session stays pinned while `fn` runs. */
  async withSession<T>(unit: ExecutionUnit, fn: (session: PreparedUnit) => Promise<T>): Promise<T> {
    const key = JSON.stringify([unit.input, unit.output]);
    const load = async () => {
      const session = await this.prepare(unit);
      return { value: session, bytes: session.weightBytes };
    };
    if (this.settings.sessionLifetime === 'search') return this.sessions.use(key, load, fn);
    if (this.current?.key !== key) {
      await this.releaseCurrent();
      this.current = { key, session: (await load()).value };
    }
    return fn(this.current.session);
  }

  /** Releases the 'consecutive' session (the end of a pass: nothing runs it next). */
  async releaseCurrent(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current) await this.meter.measure('prepareModel', () => current.session.dispose());
  }

  private prepare(unit: ExecutionUnit): Promise<PreparedUnit> {
    return this.meter.measure('prepareModel', async () => {
      const blocks = await this.loadBlocks(unit);
      this.meter.switchPart('session');
      const session = await this.engine.prepare(blocks, {
        label: `unit_${unit.output.slice(0, 12)}`,
        continuesChain: unit.input !== ROOT_NODE_ID,
        contentKey: JSON.stringify(unit.blocks.map((b) => b.id)),
        onPhase: (phase) => this.meter.switchPart(phase),
      });
      this.created++;
      return session;
    }, 'read');
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
    await this.releaseCurrent();
    await this.sessions.clear();
    await this.blocks.clear();
  }
}
