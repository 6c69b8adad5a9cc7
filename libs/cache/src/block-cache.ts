/**
 * Prepared sessions or loaded blocks, kept under their own byte budget with least-recently-used eviction, so a
 * block used in several successive-halving iterations is read and prepared once while it fits. Values in use
 * (inside `use`) are pinned and never evicted; a value that cannot fit (too big, or everything else pinned) is
 * handed out once and disposed after use. `dispose` runs exactly once per value that leaves the cache.
 */
import { BudgetError } from '@alsatian/core';

export interface BlockCacheOptions<V> {
  readonly budgetBytes: number;
  readonly dispose?: (key: string, value: V) => void | Promise<void>;
}

export interface BlockCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
  readonly bytes: number;
  readonly peakBytes: number;
  readonly entries: number;
}

interface Slot<V> {
  value: V;
  bytes: number;
  pins: number;
}

export class BlockCache<V> {
  /** Map order is recency order: the first entry is the least recently used. */
  private readonly slots = new Map<string, Slot<V>>();
  private readonly loading = new Map<string, Promise<{ value: V; bytes: number }>>();
  private readonly loose = new Map<V, { users: number }>();
  private counters = { hits: 0, misses: 0, evictions: 0 };
  private bytes = 0;
  private peakBytes = 0;

  constructor(private readonly options: BlockCacheOptions<V>) {
    if (!(options.budgetBytes >= 0)) throw new BudgetError(`The block cache budget must be >= 0 bytes, got ${options.budgetBytes}.`);
  }

  /**
   * Runs `fn` with the value under `key`, loading it with `load` on a miss (`load` returns the value and the bytes
   * it holds). Concurrent misses on one key share one load.
   */
  async use<T>(key: string, load: () => Promise<{ value: V; bytes: number }>, fn: (value: V) => Promise<T>): Promise<T> {
    const slot = this.slots.get(key);
    if (slot) {
      this.counters.hits++;
      this.touch(key, slot);
      return this.pinned(key, slot, fn);
    }
    this.counters.misses++;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load();
      this.loading.set(key, pending);
      pending.finally(() => this.loading.delete(key)).catch(() => undefined);
    }
    const loaded = await pending;
    const cached = this.slots.get(key) ?? ((await this.admit(key, loaded.value, loaded.bytes)) ? this.slots.get(key) : undefined);
    if (cached) return this.pinned(key, cached, fn);
    // Did not fit: hand it out uncached; the last of the callers sharing this load disposes it.
    const loose = this.loose.get(loaded.value) ?? { users: 0 };
    loose.users++;
    this.loose.set(loaded.value, loose);
    try {
      return await fn(loaded.value);
    } finally {
      if (--loose.users === 0) {
        this.loose.delete(loaded.value);
        await this.options.dispose?.(key, loaded.value);
      }
    }
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** Keys from least to most recently used. */
  keys(): string[] {
    return [...this.slots.keys()];
  }

  stats(): BlockCacheStats {
    return { ...this.counters, bytes: this.bytes, peakBytes: this.peakBytes, entries: this.slots.size };
  }

  async evict(key: string): Promise<boolean> {
    const slot = this.slots.get(key);
    if (!slot || slot.pins > 0) return false;
    await this.drop(key, slot);
    return true;
  }

  /** Disposes every unpinned value. */
  async clear(): Promise<void> {
    for (const [key, slot] of [...this.slots]) if (slot.pins === 0) await this.drop(key, slot);
  }

  private async pinned<T>(key: string, slot: Slot<V>, fn: (value: V) => Promise<T>): Promise<T> {
    slot.pins++;
    try {
      return await fn(slot.value);
    } finally {
      slot.pins--;
    }
  }

  /** Makes room by evicting unpinned values, least recently used first; false if `bytes` cannot fit. */
  private async admit(key: string, value: V, bytes: number): Promise<boolean> {
    const unpinned = [...this.slots].filter(([, s]) => s.pins === 0);
    const freeable = unpinned.reduce((s, [, slot]) => s + slot.bytes, 0);
    if (bytes > this.options.budgetBytes - this.bytes + freeable) return false;
    for (const [k, slot] of unpinned) {
      if (this.bytes + bytes <= this.options.budgetBytes) break;
      if (slot.pins === 0 && this.slots.get(k) === slot) await this.drop(k, slot);
    }
    // Another caller may have admitted the same key while we were disposing.
    if (this.slots.has(key)) return true;
    if (this.bytes + bytes > this.options.budgetBytes) return false;
    this.slots.set(key, { value, bytes, pins: 0 });
    this.bytes += bytes;
    this.peakBytes = Math.max(this.peakBytes, this.bytes);
    return true;
  }

  private touch(key: string, slot: Slot<V>): void {
    this.slots.delete(key);
    this.slots.set(key, slot);
  }

  private async drop(key: string, slot: Slot<V>): Promise<void> {
    this.slots.delete(key);
    this.bytes -= slot.bytes;
    this.counters.evictions++;
    await this.options.dispose?.(key, slot.value);
  }
}
