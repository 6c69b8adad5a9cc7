import type { Logger, SkippedItem } from '@alsatian/core';

/** The list behind `Dataset.skipped()`: every bad item dropped under skip-bad, logged once. */
export class SkipList {
  private readonly items: SkippedItem[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly logger: Logger) {}

  add(item: SkippedItem): void {
    // One entry per file: the same bad file read in a later pass is not a new skip, even when the decoder words its
    // failure differently (a truncated JPEG's message depends on where decoding stopped).
    if (this.seen.has(item.file)) return;
    this.seen.add(item.file);
    this.items.push(item);
    this.logger.warn(`skipped ${item.file}: ${item.reason}`);
  }

  list(): readonly SkippedItem[] {
    return [...this.items];
  }
}
