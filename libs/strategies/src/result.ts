import type { Measurements, ModelId } from '@alsatian/core';
import type { ExecutorWork } from '@alsatian/executor';
import type { ReadStats } from '@alsatian/store';
import type { FeatureStoreReport } from './feature-report.ts';
import type { Improvements } from './strategies.ts';

export interface RankingEntry {
  readonly model: ModelId;
  readonly score: number;
  /** The last SH iteration (0-based) that scored this model; later = survived longer. */
  readonly iteration: number;
}

export interface IterationReport {
  readonly iteration: number;
  readonly models: number;
  readonly trainRange: { readonly start: number; readonly end: number };
  readonly trainItemsSoFar: number;
  /** Runs the data was split into to fit the cache budget. */
  readonly runs: number;
  readonly units: number;
  /** Sessions created in this iteration (Base, SHiFT: one per model scored, each model whole). */
  readonly sessionsCreated: number;
  /** Of those, sessions the engine only loaded, reusing what it prepared earlier (keepPrepared). */
  readonly sessionsReused: number;
  readonly requirementBytesPerItem: number;
  readonly orderUsed: string;
  readonly measurements: Measurements;
  readonly ranking: readonly { readonly model: ModelId; readonly score: number }[];
  /** Unit x item evaluations computed in this iteration (with a feature store: only the rows it did not hold). */
  readonly unitItemsComputed: number;
}

export interface SearchResult {
  readonly strategy: string;
  /** Our improvements this search ran with (see IMPROVEMENTS). */
  readonly improvements: Improvements;
  /** Best first: the last iteration's ranking, then models pruned earlier, latest-pruned first. */
  readonly ranking: readonly RankingEntry[];
  readonly measurements: Measurements;
  readonly iterations: readonly IterationReport[];
  /** Sessions created over the search, and how many of them were only loaded (reused). */
  readonly sessions: { readonly created: number; readonly reused: number };
  /** Block reads of this search, by where the store's I/O model says they came from (slow disk or page cache). */
  readonly storeReads: ReadStats;
  /** Largest RAM the intermediate cache held (bytes); never above the budget. */
  readonly peakCacheBytes: number;
  readonly cacheBudgetBytes: number;
  /** What the search computed: units and blocks run on at least one item, unit x item evaluations. */
  readonly work: ExecutorWork;
  /** Feature-store use (only with one): entries read, written, found corrupt. */
  readonly featureStore?: FeatureStoreReport;
}
