export { DEFAULT_FEATURE_STORE_LIMIT, FeatureStore } from './feature-store.ts';
export type { FeatureStoreCounters, FeatureStoreOptions } from './feature-store.ts';
export { CorruptEntry, rowOf } from './entry-file.ts';
export type { ItemTensor } from './entry-file.ts';
export { pruneStore, scanEntries, storeStats, verifyStore } from './maintenance.ts';
export type { FeatureStoreStats, PruneResult, ScannedEntry, VerifyResult } from './maintenance.ts';
export { entryFile, openLayout } from './layout.ts';
