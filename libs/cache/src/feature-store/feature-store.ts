/**
 * The persistent feature store: the output of every execution unit for every item a search computed, kept across
 * searches and processes, keyed by (node key, item key). The node key is a hash of the block ids from the root, the
 * transform and the output specs (strategies compute it); the item key is the item's content hash (data lib). An
 * entry is one small file (entry-file.ts), written atomically (temp + rename), so concurrent searches can write
 * the same entry (both write identical bytes, one rename wins) and readers never see half a file.
 *
 * Why one file per item and not per batch: a dataset that gained items is re-permuted, and a store that gained
 * models changes the SH chunks, so batches are rarely the same from one search to the next while items are.
 * Reads of resnet18 features (2 KiB) cost ~20 us each on the development machine (bench:incremental).
 *
 * The store holds no data in memory beyond the listing of the nodes asked about; it never decides what to read.
 */
import { readdir, readFile, rm, utimes } from 'node:fs/promises';
import { DiskFullError, writeFileAtomic } from '@alsatian/core';
import { CorruptEntry, decodeEntry, encodeEntry, type ItemTensor } from './entry-file.ts';
import { checkKey, ENTRY_NAME, entryFile, nodeDir, openLayout } from './layout.ts';
import { pruneStore, readSizeHint, writeSizeHint, type PruneResult } from './maintenance.ts';
import { registerUser } from './users.ts';

const GiB = 2 ** 30;
export const DEFAULT_FEATURE_STORE_LIMIT = 10 * GiB;
/** Entry writes in flight at once: enough to hide a write's latency, few enough to bound the memory they pin. */
const WRITES_IN_FLIGHT = 16;

export interface FeatureStoreOptions {
  /** A store left above this many bytes by a search is pruned, least recently used entries first. */
  readonly limitBytes?: number;
  /** Make the store when `dir` is missing or empty (default true). */
  readonly create?: boolean;
}

export interface FeatureStoreCounters {
  readonly reads: number;
  readonly readBytes: number;
  readonly writes: number;
  readonly writtenBytes: number;
  /** Entries found corrupt (or gone) when read: never used, deleted, recomputed by the search. */
  readonly corrupt: number;
  readonly corruptEntries: readonly string[];
  /** Why writing stopped (a full disk), if it did; the search goes on without storing more. */
  readonly writeFailure?: string;
}

export class FeatureStore {
  private readonly known = new Map<string, Set<string>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly counts = { reads: 0, readBytes: 0, writes: 0, writtenBytes: 0, corrupt: 0 };
  private readonly corruptEntries: string[] = [];
  private writeFailure: string | undefined;
  /** An unexpected write error, rethrown by `flush` (kept here so that it is never an unhandled rejection). */
  private writeError: unknown;
  private user: { since: number; release: () => Promise<void> } | undefined;

  private constructor(
    readonly dir: string,
    readonly limitBytes: number,
  ) {}

  static async open(dir: string, options: FeatureStoreOptions = {}): Promise<FeatureStore> {
    const limit = options.limitBytes ?? DEFAULT_FEATURE_STORE_LIMIT;
    if (!(limit >= 0)) throw new RangeError(`feature store limit must be >= 0 bytes, got ${limit}`);
    await openLayout(dir, options.create ?? true);
    const store = new FeatureStore(dir, limit);
    store.user = await registerUser(dir);
    return store;
  }

  /** Items whose output of `node` is stored (one directory listing per node, then kept up to date). */
  async items(node: string): Promise<ReadonlySet<string>> {
    checkKey('node', node);
    let set = this.known.get(node);
    if (!set) {
      const names = await readdir(nodeDir(this.dir, node)).catch(() => [] as string[]);
      set = new Set(names.flatMap((n) => ENTRY_NAME.exec(n)?.[1] ?? []));
      this.known.set(node, set);
    }
    return set;
  }

  /** Whether the entry is stored, as far as `items(node)` has listed it. */
  has(node: string, item: string): boolean {
    return this.known.get(node)?.has(item) ?? false;
  }

  /**
   * Reads and checks one entry and marks it used (LRU). A corrupt or vanished entry throws CorruptEntry; the caller
   * then calls `discard` and computes the output instead.
   */
  async read(node: string, item: string): Promise<ItemTensor[]> {
    const file = entryFile(this.dir, node, item);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new CorruptEntry(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const tensors = decodeEntry(bytes, node, item, file);
    this.counts.reads++;
    this.counts.readBytes += bytes.byteLength;
    const now = new Date();
    this.track(utimes(file, now, now).catch(() => undefined));
    return tensors;
  }

  /** Forgets and deletes an entry that failed its check, and reports it. */
  async discard(error: CorruptEntry, node: string, item: string): Promise<void> {
    this.counts.corrupt++;
    this.corruptEntries.push(`${error.file}: ${error.reason}`);
    this.known.get(node)?.delete(item);
    await rm(error.file, { force: true });
  }

  /** Stores one item's output unless stored already; resolves once the write is queued (backpressure). */
  async write(node: string, item: string, tensors: readonly ItemTensor[]): Promise<void> {
    if (this.writeFailure !== undefined || this.has(node, item)) return;
    checkKey('node', node);
    checkKey('item', item);
    while (this.pending.size >= WRITES_IN_FLIGHT) await Promise.race(this.pending);
    const parts = encodeEntry(node, item, tensors);
    const bytes = parts.reduce((s, p) => s + p.byteLength, 0);
    this.track(
      writeFileAtomic(entryFile(this.dir, node, item), parts).then(
        () => {
          this.counts.writes++;
          this.counts.writtenBytes += bytes;
          (this.known.get(node) ?? this.known.set(node, new Set()).get(node)!).add(item);
        },
        (error) => {
          if (!(error instanceof DiskFullError)) throw error;
          this.writeFailure = error.message;
        },
      ),
    );
  }

  /** Waits for every queued write and touch. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    if (this.writeError !== undefined) throw this.writeError;
  }

  counters(): FeatureStoreCounters {
    return { ...this.counts, corruptEntries: [...this.corruptEntries], writeFailure: this.writeFailure };
  }

  /**
   * Finishes this handle: flushes, leaves the users list, and prunes when the size hint (last measured size plus
   * what was written since) is over the limit. Returns the prune's result when one ran.
   */
  async close(): Promise<PruneResult | undefined> {
    await this.flush();
    await this.user?.release();
    this.user = undefined;
    if (this.counts.writtenBytes === 0) return undefined;
    const hint = (await readSizeHint(this.dir)) ?? Number.POSITIVE_INFINITY;
    const bytes = hint + this.counts.writtenBytes;
    if (bytes <= this.limitBytes) {
      await writeSizeHint(this.dir, bytes);
      return undefined;
    }
    return pruneStore(this.dir, this.limitBytes);
  }

  private track(promise: Promise<void>): void {
    const tracked: Promise<void> = promise
      .catch((error: unknown) => {
        this.writeError ??= error;
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}
