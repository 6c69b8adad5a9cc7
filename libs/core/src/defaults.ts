const GiB = 2 ** 30;

/**
 * The defaults of a search, in one place: search() and the engine fall back to them, and the CLI shows and uses
 * them as its option defaults.
 */
export const SEARCH_DEFAULTS = {
  batchSize: 32,
  seed: 42,
  /** Intermediate-cache budget (Alsatian splits the data into runs to respect it). */
  cacheBudgetBytes: 2 * GiB,
  /** Compiled units the engine keeps for reuse (the engine's `compiledKeepBytes`; the CLI's --block-cache). */
  blockCacheBytes: 2 * GiB,
} as const;
