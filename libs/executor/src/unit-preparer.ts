import type { Block, BlockId, Engine, Meter, PreparedUnit } from '@alsatian/core';
import { ROOT_NODE_ID, type ExecutionUnit } from '@alsatian/planner';

/** Where blocks come from (the model store). */
export interface BlockSource {
  getBlock(id: BlockId): Promise<Block>;
}

/**
 * Gets a prepared session for an execution unit: the unit's blocks are read from the store and the engine prepares
 * them as one session, which lives while consecutive steps run the unit and is released when another unit runs.
 * Why not keep sessions across steps: a live session holds its weights and its activation arena, so every kept
 * session makes the next one take fresh memory, which on the development machine cost more than preparing the
 * unit again from its compiled form (resnet18 Top-Layers, 44 units: 8.9 s of session time kept vs 3.9 s released
 * with compiled units reused). Reuse across steps is the engine's, through `reusePrepared` content keys. All of
 * it is "prepare model" time, split into reading, lowering and session.
 */
export class UnitPreparer {
  /** The session of the unit the last steps ran. */
  private current: { key: string; session: PreparedUnit } | undefined;
  private created = 0;
  private reused = 0;

  constructor(
    private readonly source: BlockSource,
    private readonly engine: Engine,
    private readonly meter: Meter,
    private readonly reusePrepared: boolean,
  ) {}

  /** Sessions created so far, and how many of them the engine only loaded (reused). */
  get counts(): { readonly created: number; readonly reused: number } {
    return { created: this.created, reused: this.reused };
  }

  /** Runs `fn` with the unit's session, preparing it unless the previous steps ran the same unit. */
  async withSession<T>(unit: ExecutionUnit, fn: (session: PreparedUnit) => Promise<T>): Promise<T> {
    return fn(await this.session(unit));
  }

  /** The unit's session, prepared unless the previous steps ran the same unit. */
  async session(unit: ExecutionUnit): Promise<PreparedUnit> {
    const key = JSON.stringify([unit.input, unit.output]);
    if (this.current?.key !== key) {
      await this.releaseCurrent();
      this.current = { key, session: await this.prepare(unit) };
    }
    return this.current.session;
  }

  /** Releases the current session (the end of a pass: nothing runs it next). */
  async releaseCurrent(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current) await this.meter.measure('prepareModel', () => current.session.dispose());
  }

  private prepare(unit: ExecutionUnit): Promise<PreparedUnit> {
    return this.meter.measure('prepareModel', async () => {
      const blocks: Block[] = [];
      for (const b of unit.blocks) blocks.push(await this.source.getBlock(b.id));
      this.meter.switchPart('session');
      const session = await this.engine.prepare(blocks, {
        label: `unit_${unit.output.slice(0, 12)}`,
        continuesChain: unit.input !== ROOT_NODE_ID,
        contentKey: this.reusePrepared ? JSON.stringify(unit.blocks.map((b) => b.id)) : undefined,
        onPhase: (phase) => this.meter.switchPart(phase),
      });
      this.created++;
      if (session.reused) this.reused++;
      return session;
    }, 'read');
  }

  async dispose(): Promise<void> {
    await this.releaseCurrent();
  }
}
