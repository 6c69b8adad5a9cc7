/**
 * Intermediate results (block outputs, features, labels) by structured key, in two tiers: RAM and a disk
 * directory. Every entry's bytes are counted against its tier's budget and no budget is ever exceeded: when RAM
 * is full, the `spill` policy moves the oldest RAM entries to disk (or writes an entry larger than the whole RAM
 * budget straight to disk), and the `refuse` policy throws a BudgetError. The peak of each tier is recorded.
 *
 * Device tier: not implemented. The engine returns host tensors, so every intermediate lives in host memory;
 * a GPU-resident tier (ONNX Runtime IO binding) would be a third TierUsage checked before RAM.
 *
 * Disk files are written atomically and deleted when their entry leaves (no soft removal), and `clear` deletes
 * only the files this cache wrote, never other files in a shared directory (both were bugs of the reference).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostTensor } from '@alsatian/core';
import { BudgetError, DiskFullError, InvalidArgumentError, writeFileAtomic } from '@alsatian/core';
import type { CacheKey } from './key.ts';
import { keyDigest, keyText } from './key.ts';
import { Mutex } from './mutex.ts';
import { decodeTensors, encodedSize, encodeTensors, tensorsBytes } from './tensor-file.ts';
import { TierUsage } from './tier-usage.ts';

export type CacheTier = 'ram' | 'disk';
export type OverflowPolicy = 'spill' | 'refuse';

export interface IntermediateCacheOptions {
  readonly ramBudgetBytes: number;
  /** The disk tier; without it, RAM overflow is always a BudgetError. */
  readonly disk?: { readonly dir: string; readonly budgetBytes: number };
  /** What to do when RAM is full (default `spill` when a disk tier exists). */
  readonly overflow?: OverflowPolicy;
}

export interface PutOptions {
  /** Put straight into this tier (default RAM). */
  readonly tier?: CacheTier;
  /** Replace an existing entry under the same key (default: an existing key is an error). */
  readonly overwrite?: boolean;
}

interface Entry {
  readonly key: CacheKey;
  readonly text: string;
  readonly seq: number;
  tier: CacheTier;
  /** Counted bytes: data bytes in RAM, file bytes on disk. */
  bytes: number;
  tensors?: HostTensor[];
  file?: string;
}

export interface CacheUsage {
  readonly ram: ReturnType<TierUsage['snapshot']>;
  readonly disk: ReturnType<TierUsage['snapshot']>;
}

export class IntermediateCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ram: TierUsage;
  private readonly disk: TierUsage;
  private readonly mutex = new Mutex();
  private readonly policy: OverflowPolicy;
  private seq = 0;

  constructor(private readonly options: IntermediateCacheOptions) {
    this.ram = new TierUsage('RAM', options.ramBudgetBytes);
    this.disk = new TierUsage('disk', options.disk?.budgetBytes ?? 0);
    this.policy = options.overflow ?? (options.disk ? 'spill' : 'refuse');
    if (this.policy === 'spill' && !options.disk)
      throw new InvalidArgumentError("The 'spill' cache policy needs a disk tier (a directory and a budget).");
  }

  put(key: CacheKey, tensors: readonly HostTensor[], options: PutOptions = {}): Promise<CacheTier> {
    return this.mutex.run(async () => {
      const text = keyText(key);
      const old = this.entries.get(text);
      if (old && !options.overwrite)
        throw new InvalidArgumentError(`Cache key ${text} is already cached; pass overwrite to replace it.`);
      if (old) await this.remove(old);
      const entry: Entry = { key: { ...key }, text, seq: this.seq++, tier: 'ram', bytes: 0 };
      const tier = options.tier ?? (await this.makeRoomInRam(tensorsBytes(tensors), text));
      if (tier === 'ram') this.toRam(entry, [...tensors]);
      else await this.toDisk(entry, [...tensors]);
      this.entries.set(text, entry);
      return tier;
    });
  }

  /** The cached tensors (RAM entries by reference; disk entries read fresh). */
  get(key: CacheKey): Promise<HostTensor[]> {
    return this.mutex.run(async () => {
      const entry = this.entry(key);
      if (entry.tensors) return entry.tensors;
      return decodeTensors(await readFile(entry.file!), entry.file!);
    });
  }

  has(key: CacheKey): boolean {
    return this.entries.has(keyText(key));
  }

  /** Removes one entry; false when it was not cached. */
  evict(key: CacheKey): Promise<boolean> {
    return this.mutex.run(async () => {
      const entry = this.entries.get(keyText(key));
      if (entry) await this.remove(entry);
      return entry !== undefined;
    });
  }

  /** Removes every entry of `node` (both splits, all chunks); returns the bytes freed. */
  evictNode(node: string): Promise<number> {
    return this.evictWhere((e) => e.key.node === node);
  }

  /** Removes everything, deleting only the files this cache wrote. */
  clear(): Promise<number> {
    return this.evictWhere(() => true);
  }

  usage(): CacheUsage {
    return { ram: this.ram.snapshot(), disk: this.disk.snapshot() };
  }

  private evictWhere(match: (e: Entry) => boolean): Promise<number> {
    return this.mutex.run(async () => {
      let freed = 0;
      for (const entry of [...this.entries.values()].filter(match)) {
        freed += entry.bytes;
        await this.remove(entry);
      }
      return freed;
    });
  }

  /** Decides where a new entry of `bytes` goes, spilling the oldest RAM entries to disk if the policy allows. */
  private async makeRoomInRam(bytes: number, what: string): Promise<CacheTier> {
    if (this.ram.fits(bytes)) return 'ram';
    if (this.policy === 'refuse') this.ram.check(bytes, `entry ${what}`);
    if (bytes > this.ram.budgetBytes) return 'disk';
    const oldest = [...this.entries.values()].filter((e) => e.tier === 'ram').sort((a, b) => a.seq - b.seq);
    let freeable = this.ram.free();
    const victims: Entry[] = [];
    for (const e of oldest) {
      if (freeable >= bytes) break;
      victims.push(e);
      freeable += e.bytes;
    }
    const spillBytes = victims.reduce((s, e) => s + encodedSize(e.tensors!), 0);
    if (!this.disk.fits(spillBytes)) {
      throw new BudgetError(
        `The cache cannot hold entry ${what} (${bytes} bytes): RAM has ${this.ram.free()} of ` +
          `${this.ram.budgetBytes} bytes free and spilling ${victims.length} entries needs ${spillBytes} disk ` +
          `bytes, but only ${this.disk.free()} of ${this.disk.budgetBytes} are free.`,
      );
    }
    for (const e of victims) await this.spill(e);
    return 'ram';
  }

  private toRam(entry: Entry, tensors: HostTensor[]): void {
    const bytes = tensorsBytes(tensors);
    this.ram.add(bytes, `entry ${entry.text}`);
    Object.assign(entry, { tier: 'ram', bytes, tensors, file: undefined });
  }

  private async toDisk(entry: Entry, tensors: HostTensor[]): Promise<void> {
    const dir = this.options.disk?.dir;
    if (!dir)
      throw new BudgetError(
        `The cache has no disk tier to hold entry ${entry.text}; give it a directory and a disk budget.`,
      );
    const parts = encodeTensors(tensors);
    const bytes = parts.reduce((s, p) => s + p.byteLength, 0);
    this.disk.add(bytes, `entry ${entry.text}`);
    const file = join(dir, `${keyDigest(entry.key)}.bin`);
    try {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(file, parts);
    } catch (error) {
      this.disk.remove(bytes);
      if (!(error instanceof DiskFullError)) throw error;
      throw error.retold(
        `The intermediate cache could not write entry ${entry.text} (${bytes} bytes) to disk`,
        'The cache is as it was (the partial file was removed); a search keeps such files under the temp ' +
          'directory, which TMPDIR can move to a larger disk.',
      );
    }
    Object.assign(entry, { tier: 'disk', bytes, tensors: undefined, file });
  }

  /** Moves a RAM entry to disk; written first, so a failed write (a full disk) leaves it in RAM as it was. */
  private async spill(entry: Entry): Promise<void> {
    const ramBytes = entry.bytes;
    await this.toDisk(entry, entry.tensors!);
    this.ram.remove(ramBytes);
  }

  private dropRam(entry: Entry): void {
    this.ram.remove(entry.bytes);
    entry.tensors = undefined;
  }

  private async dropDisk(entry: Entry): Promise<void> {
    await rm(entry.file!, { force: true });
    this.disk.remove(entry.bytes);
    entry.file = undefined;
  }

  private async remove(entry: Entry): Promise<void> {
    if (entry.tier === 'ram') this.dropRam(entry);
    else await this.dropDisk(entry);
    this.entries.delete(entry.text);
  }

  private entry(key: CacheKey): Entry {
    const entry = this.entries.get(keyText(key));
    if (!entry) throw new RangeError(`cache key ${keyText(key)} is not cached`);
    return entry;
  }
}
