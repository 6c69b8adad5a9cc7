import type { FeatureStore, FeatureStoreCounters } from '@alsatian/cache';

/** One search's use of a feature store, for the search result and its JSON. */
export interface FeatureStoreReport {
  readonly dir: string;
  readonly reads: number;
  readonly readBytes: number;
  readonly writes: number;
  readonly writtenBytes: number;
  /** Entries found corrupt: deleted, recomputed, never used. */
  readonly corrupt: number;
  readonly corruptEntries: readonly string[];
  readonly warnings: readonly string[];
}

/** What `store` counted since `before` (a handle may serve several searches). */
export function featureStoreReport(store: FeatureStore, before: FeatureStoreCounters): FeatureStoreReport {
  const now = store.counters();
  const corruptEntries = now.corruptEntries.slice(before.corruptEntries.length);
  const warnings = [
    ...(corruptEntries.length > 0
      ? [`${corruptEntries.length} corrupt feature-store entries were deleted and recomputed`]
      : []),
    ...(now.writeFailure !== undefined ? [`feature store writes stopped: ${now.writeFailure}`] : []),
  ];
  return {
    dir: store.dir,
    reads: now.reads - before.reads,
    readBytes: now.readBytes - before.readBytes,
    writes: now.writes - before.writes,
    writtenBytes: now.writtenBytes - before.writtenBytes,
    corrupt: corruptEntries.length,
    corruptEntries,
    warnings,
  };
}
