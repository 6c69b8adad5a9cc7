/**
 * What a store handle wrote since its last merge into the index, so a failed write (a full disk, a name clash)
 * can be undone: the files it created are removed and its entries leave the in-memory view, leaving the store as
 * it was. Only files that did not exist before are recorded; a file another writer created first is never ours.
 */
import type { BlockId, ModelId } from '@alsatian/core';

export interface JournalEntry {
  readonly kind: 'block' | 'model';
  readonly id: BlockId | ModelId;
  /** Files this handle created for the entry. */
  readonly files: readonly string[];
  /** Whether the entry was new to the in-memory view (false for a repaired block file). */
  readonly added: boolean;
}

export class WriteJournal {
  private entries: JournalEntry[] = [];

  /** A position to undo back to. */
  mark(): number {
    return this.entries.length;
  }

  record(entry: JournalEntry): void {
    this.entries.push(entry);
  }

  /** Forgets everything: it was merged into the index. */
  clear(): void {
    this.entries = [];
  }

  /** Takes out and returns the entries after `mark`, newest first. */
  takeSince(mark: number): JournalEntry[] {
    return this.entries.splice(mark).reverse();
  }
}
