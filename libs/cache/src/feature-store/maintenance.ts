/** Whole-store operations: scan, stats, LRU prune to a byte limit, verify every entry. */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStaleTempFiles, writeFileAtomic } from '@alsatian/core';
import { CorruptEntry, decodeEntry } from './entry-file.ts';
import { ENTRY_NAME, entriesDir, sizeHintFile } from './layout.ts';
import { oldestLiveUser } from './users.ts';

export interface ScannedEntry {
  readonly node: string;
  readonly item: string;
  readonly file: string;
  readonly bytes: number;
  /** Last use (written or read): the LRU order. */
  readonly mtimeMs: number;
}

export interface FeatureStoreStats {
  readonly entries: number;
  readonly nodes: number;
  readonly bytes: number;
  readonly oldestUseMs: number | null;
  readonly newestUseMs: number | null;
}

export interface PruneResult {
  readonly removed: number;
  readonly freedBytes: number;
  readonly keptEntries: number;
  readonly keptBytes: number;
  /** Entries over the limit that a running search may still read, so they were kept. */
  readonly protectedEntries: number;
}

export interface VerifyResult {
  readonly checked: number;
  readonly corrupt: readonly { readonly file: string; readonly reason: string }[];
  /** Corrupt entries deleted (with `fix`). */
  readonly removed: number;
}

/** Every entry of the store (and removes temp files of dead writers on the way). */
export async function scanEntries(dir: string): Promise<ScannedEntry[]> {
  const out: ScannedEntry[] = [];
  const root = entriesDir(dir);
  for (const fan of await readdir(root).catch(() => [] as string[])) {
    for (const node of await readdir(join(root, fan)).catch(() => [] as string[])) {
      const nodePath = join(root, fan, node);
      await removeStaleTempFiles(nodePath);
      for (const name of await readdir(nodePath).catch(() => [] as string[])) {
        const match = ENTRY_NAME.exec(name);
        if (!match) continue;
        const file = join(nodePath, name);
        const info = await stat(file).catch(() => undefined);
        if (info) out.push({ node, item: match[1], file, bytes: info.size, mtimeMs: info.mtimeMs });
      }
    }
  }
  return out;
}

export async function storeStats(dir: string): Promise<FeatureStoreStats> {
  const entries = await scanEntries(dir);
  const times = entries.map((e) => e.mtimeMs);
  return {
    entries: entries.length,
    nodes: new Set(entries.map((e) => e.node)).size,
    bytes: entries.reduce((s, e) => s + e.bytes, 0),
    oldestUseMs: times.length ? Math.min(...times) : null,
    newestUseMs: times.length ? Math.max(...times) : null,
  };
}

/**
 * Least recently used entries go first until the store holds at most `limitBytes`. Entries used since the oldest
 * running search started are kept (see users.ts). Records the exact size for the next search's size hint.
 */
export async function pruneStore(dir: string, limitBytes: number): Promise<PruneResult> {
  const entries = (await scanEntries(dir)).sort((a, b) => a.mtimeMs - b.mtimeMs);
  const inUseSince = await oldestLiveUser(dir);
  let bytes = entries.reduce((s, e) => s + e.bytes, 0);
  let removed = 0;
  let freedBytes = 0;
  let protectedEntries = 0;
  for (const entry of entries) {
    if (bytes <= limitBytes) break;
    if (entry.mtimeMs >= inUseSince) {
      protectedEntries++;
      continue;
    }
    await rm(entry.file, { force: true });
    bytes -= entry.bytes;
    freedBytes += entry.bytes;
    removed++;
  }
  await writeSizeHint(dir, bytes);
  return { removed, freedBytes, keptEntries: entries.length - removed, keptBytes: bytes, protectedEntries };
}

/** Reads and checks every entry; with `fix`, deletes the corrupt ones (a later search recomputes them). */
export async function verifyStore(dir: string, options: { fix?: boolean } = {}): Promise<VerifyResult> {
  const corrupt: { file: string; reason: string }[] = [];
  const entries = await scanEntries(dir);
  for (const entry of entries) {
    try {
      decodeEntry(await readFile(entry.file), entry.node, entry.item, entry.file);
    } catch (error) {
      if (!(error instanceof CorruptEntry)) throw error;
      corrupt.push({ file: entry.file, reason: error.reason });
      if (options.fix) await rm(entry.file, { force: true });
    }
  }
  return { checked: entries.length, corrupt, removed: options.fix ? corrupt.length : 0 };
}

/** The store's size as last measured plus what searches wrote since: a hint that decides when to scan. */
export async function readSizeHint(dir: string): Promise<number | undefined> {
  try {
    const bytes = Number(JSON.parse(await readFile(sizeHintFile(dir), 'utf8')).bytes);
    return Number.isFinite(bytes) ? bytes : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSizeHint(dir: string, bytes: number): Promise<void> {
  await writeFileAtomic(sizeHintFile(dir), JSON.stringify({ bytes }));
}
