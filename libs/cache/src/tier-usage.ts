import { BudgetError } from '@alsatian/core';

/** Bytes held by one tier against its budget, with the peak ever held. */
export class TierUsage {
  private used = 0;
  private peakBytes = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly budgetBytes: number,
  ) {
    if (!(budgetBytes >= 0)) throw new RangeError(`cache tier ${name}: budget must be >= 0 bytes, got ${budgetBytes}`);
  }

  get bytes(): number {
    return this.used;
  }

  get peak(): number {
    return this.peakBytes;
  }

  get entries(): number {
    return this.count;
  }

  free(): number {
    return this.budgetBytes - this.used;
  }

  fits(bytes: number): boolean {
    return bytes <= this.free();
  }

  /** Counts `bytes` in; throws BudgetError instead of ever going over the budget. */
  add(bytes: number, what: string): void {
    this.check(bytes, what);
    this.used += bytes;
    this.count++;
    this.peakBytes = Math.max(this.peakBytes, this.used);
  }

  /** Throws the BudgetError `add` would throw, without counting anything. */
  check(bytes: number, what: string): void {
    if (!this.fits(bytes)) {
      throw new BudgetError(
        `The ${this.name} cache cannot hold ${what} (${bytes} bytes): ${this.used} of its ${this.budgetBytes}` +
          ` bytes are in use. Raise the cache budget or lower the chunk size.`,
      );
    }
  }

  remove(bytes: number): void {
    this.used -= bytes;
    this.count--;
  }

  snapshot(): { bytes: number; peak: number; budget: number; entries: number } {
    return { bytes: this.used, peak: this.peakBytes, budget: this.budgetBytes, entries: this.count };
  }
}
