import type { Logger, SkippedItem } from '@alsatian/core';

/** The list behind `Dataset.skipped()`: every bad item dropped under skip-bad, logged once. */
export class SkipList {
  private readonly items: SkippedItem[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly logger: Logger) {}

  add(item: SkippedItem): void {
    const key = `${item.file}\n${item.reason}`;
    if (this.seen.has(key)) return; // the same bad file read in a later pass is not a new skip
    this.seen.add(key);
    this.items.push(item);
    this.logger.warn(`skipped ${item.file}: ${item.reason}`);
  }

  list(): readonly SkippedItem[] {
    return [...this.items];
  }
}
