import { WeightsNeededError } from '@alsatian/core';
import type { Block, BlockDescriptor, BlockId, Engine, Meter, PreparedUnit } from '@alsatian/core';
import { ROOT_NODE_ID, type ExecutionUnit } from '@alsatian/planner';

/** Where blocks come from (the model store). */
export interface BlockSource {
  getBlock(id: BlockId): Promise<Block>;
  /** A block's descriptor without its weights (a unit the engine only loads needs no weights). */
  blockInfo?(id: BlockId): Promise<{ readonly descriptor: BlockDescriptor }>;
  /** Takes back a block's memory once nothing reads its weights (the store reuses it for later reads). */
  releaseBlock?(block: Block): void;
}

/** A unit's blocks as read for preparing it; `weightsOmitted` when the engine keeps its prepared form. */
interface UnitBlocks {
  readonly blocks: readonly Block[];
  readonly weightsOmitted: boolean;
}

const NO_WEIGHTS: Block['weights'] = new Map();

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
  /** The session of the unit the last steps ran, and the blocks it still reads (released after it). */
  private current: { key: string; session: PreparedUnit; borrowed: readonly Block[] } | undefined;
  private created = 0;
  private reused = 0;
  /** Blocks of the next unit, read while the current one runs (prefetch); taken when that unit is prepared. */
  private prefetched: { key: string; blocks: Promise<UnitBlocks> } | undefined;

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

  /**
   * Runs `fn` with the unit's session, preparing it unless the previous steps ran the same unit. `next`: the unit
   * that runs after this one, whose blocks are then read while `fn` runs (prefetch). `beforeSession`: called once
   * the unit's blocks are read, before its session is created (at once when no session is created).
   */
  async withSession<T>(
    unit: ExecutionUnit,
    fn: (session: PreparedUnit) => Promise<T>,
    next?: ExecutionUnit,
    beforeSession?: () => void,
  ): Promise<T> {
    return fn(await this.session(unit, next, beforeSession));
  }

  /** The unit's session, prepared unless the previous steps ran the same unit; then starts prefetching `next`. */
  async session(unit: ExecutionUnit, next?: ExecutionUnit, beforeSession?: () => void): Promise<PreparedUnit> {
    const key = unitKey(unit);
    if (this.current?.key !== key) {
      await this.releaseCurrent();
      this.current = { key, ...(await this.prepare(unit, next, beforeSession)) };
    } else {
      beforeSession?.();
      if (next !== undefined) this.prefetch(next, key);
    }
    return this.current.session;
  }

  /**
   * Starts reading `unit`'s blocks in the background, unless it is the unit running now. Its time is not metered:
   * it overlaps the current unit's inference, and what it did not finish is waited for (as "read") at prepare.
   * What overlaps: file reads (on libuv's thread pool) and the store's pacing of a slow disk (timers). Hashing runs
   * on this thread between batches, because onnxruntime-node runs a batch synchronously on it.
   */
  private prefetch(unit: ExecutionUnit, runningKey: string): void {
    const key = unitKey(unit);
    if (runningKey === key || this.prefetched?.key === key) return;
    void this.dropPrefetched();
    const blocks = this.readBlocks(unit);
    blocks.catch(() => undefined); // a failed read is reported when prepare awaits it
    this.prefetched = { key, blocks };
  }

  /** Releases the current session (the end of a pass: nothing runs it next). */
  async releaseCurrent(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    await this.meter.measure('prepareModel', () => current.session.dispose());
    this.releaseBlocks(current.borrowed);
  }

  /** Blocks read ahead for a unit that will not be prepared next after all: their memory goes back. */
  private async dropPrefetched(): Promise<void> {
    const dropped = this.prefetched?.blocks;
    this.prefetched = undefined;
    await dropped?.then((read) => this.releaseBlocks(read.blocks)).catch(() => undefined);
  }

  private releaseBlocks(blocks: readonly Block[]): void {
    if (this.source.releaseBlock) for (const block of blocks) this.source.releaseBlock(block);
  }

  /** Prepares the unit's session; returns it with the blocks it still reads (none once it holds its own copy). */
  private prepare(
    unit: ExecutionUnit,
    next: ExecutionUnit | undefined,
    beforeSession?: () => void,
  ): Promise<{ session: PreparedUnit; borrowed: readonly Block[] }> {
    return this.meter.measure(
      'prepareModel',
      async () => {
        const key = unitKey(unit);
        const prefetched = this.prefetched?.key === key ? this.prefetched.blocks : undefined;
        if (prefetched) this.prefetched = undefined;
        else void this.dropPrefetched();
        let read = await (prefetched ?? this.readBlocks(unit));
        // The next unit's reads start now, not once this session exists: they advance only between turns of this
        // thread, and creating the session is one more turn for them.
        if (next !== undefined) this.prefetch(next, key);
        beforeSession?.();
        this.meter.switchPart('session');
        let session: PreparedUnit;
        try {
          session = await this.engine.prepare(read.blocks, this.prepareOptions(unit, read.weightsOmitted));
        } catch (error) {
          this.releaseBlocks(read.blocks);
          if (!(error instanceof WeightsNeededError)) throw error;
          // The engine dropped the unit's prepared form since we asked (another process shares its directory).
          this.meter.switchPart('read');
          read = await this.readBlocks(unit, { weights: true });
          this.meter.switchPart('session');
          session = await this.engine.prepare(read.blocks, this.prepareOptions(unit, false));
        }
        this.created++;
        if (session.reused) this.reused++;
        if (session.borrowsWeights !== false) return { session, borrowed: read.blocks };
        this.releaseBlocks(read.blocks);
        return { session, borrowed: [] };
      },
      'read',
    );
  }

  private prepareOptions(unit: ExecutionUnit, weightsOmitted: boolean) {
    return {
      label: `unit_${unit.output.slice(0, 12)}`,
      continuesChain: unit.input !== ROOT_NODE_ID,
      contentKey: this.contentKey(unit),
      reuseExpected: expectsReuse(unit),
      onPhase: (phase: 'lower' | 'session') => this.meter.switchPart(phase),
      weightsOmitted,
    };
  }

  private contentKey(unit: ExecutionUnit): string | undefined {
    return this.reusePrepared ? JSON.stringify(unit.blocks.map((b) => b.id)) : undefined;
  }

  /**
   * The unit's blocks, in order. All are read at once: a prefetch advances one file operation per turn of this
   * thread, which inference holds for a whole batch, so reads one after another made a prefetch of a 3-block unit
   * still unfinished when its unit was prepared (a slow disk's pacing still holds: the store paces all reads as
   * one). Only descriptors when the engine keeps the unit's prepared form: a reused unit reads no weights.
   */
  private async readBlocks(unit: ExecutionUnit, options: { weights?: boolean } = {}): Promise<UnitBlocks> {
    const contentKey = this.contentKey(unit);
    const { blockInfo } = this.source;
    if (
      !options.weights &&
      contentKey !== undefined &&
      blockInfo !== undefined &&
      this.engine.hasPrepared !== undefined
    ) {
      if (await this.engine.hasPrepared(contentKey, unit.input !== ROOT_NODE_ID)) {
        const infos = await Promise.all(unit.blocks.map(({ id }) => blockInfo.call(this.source, id)));
        return { blocks: infos.map(({ descriptor }) => ({ descriptor, weights: NO_WEIGHTS })), weightsOmitted: true };
      }
    }
    const reads = await Promise.allSettled(unit.blocks.map(({ id }) => this.source.getBlock(id)));
    const blocks = reads.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = reads.find((r) => r.status === 'rejected');
    if (failed) {
      this.releaseBlocks(blocks);
      throw failed.reason;
    }
    return { blocks, weightsOmitted: false };
  }

  async dispose(): Promise<void> {
    await this.releaseCurrent();
    await this.dropPrefetched();
  }
}

/**
 * Whether the unit is likely to be prepared again in a later SH iteration: a unit more than one model runs stays
 * in the plan while any of them is alive, while a unit of one model survives an iteration about half the time, too
 * rarely to pay for keeping its compiled form (the engine then creates its session directly).
 */
function expectsReuse(unit: ExecutionUnit): boolean {
  return unit.models.length > 1;
}

/** Steps run the same unit when they share its input and output nodes. */
function unitKey(unit: ExecutionUnit): string {
  return JSON.stringify([unit.input, unit.output]);
}
