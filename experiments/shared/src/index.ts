/**
 * @alsatian/exp-shared: what the experiment packages share: the declarative experiment object (defineExperiment)
 * and the entry point that runs, plots and reports any of them (main.ts); run data, charts and report sections
 * built from a run's CSV and meta.json, with the run's facts (machine, provider, page cache, data) rendered from
 * meta.json and the paper's shape checked by rules (verdicts); the paper's numbers in one catalogue (paper/);
 * one measured search cell of the paper's harness (runSearchCell, with snapshot stores generated once and reused
 * under results/_stores), tidy search rows, the SH regret, and helpers several packages use (searchStore,
 * blocksAt, the Hugging Face family stand-ins of Figs 14 and 15). It must not define any experiment's grid or
 * chart, and outside main.ts never writes to the console.
 */
export { defineExperiment, isExperiment } from './experiment.ts';
export type { ChartDef, CsvRow, Experiment, RunData } from './experiment.ts';
export { loadExperiment, EXPERIMENT_MODULE } from './load-experiment.ts';
export { loadRun } from './run-data.ts';
export { runDirOf } from './run-dir.ts';
export { plotRun } from './plot-run.ts';
export type { ReportChart } from './plot-run.ts';
export { buildSection } from './section.ts';
export type { ReportSection } from './section.ts';
export {
  runFacts,
  machineFact,
  providerFact,
  pageCacheFact,
  provenanceFact,
  scaleFact,
  softwareFact,
} from './facts.ts';
export { alsatianFastest, speedupGrows, grows, verdictTable, speedupOf } from './verdicts.ts';
export type { ShapePoint, Verdict } from './verdicts.ts';
export { searchPoints, categorySeconds } from './search-points.ts';
export type { ProgressMessage } from './main.ts';
export { findRepositoryRoot, defaultResultsDir } from './repo-root.ts';
export { runSearchCell, PAPER_STORE_READ_BYTES_PER_SEC } from './search-cell.ts';
export type { DatasetRequest, SearchCellOptions, SearchCellResult } from './search-cell.ts';
export { ensureSnapshotStore, snapshotSetKey, storesDirFor } from './snapshot-stores.ts';
export type { SnapshotSetRequest, SnapshotStoreInfo } from './snapshot-stores.ts';
export { prepareModelPartCategory, searchRows, SEARCH_COLUMNS, RANKING_SEPARATOR } from './search-rows.ts';
export type { SearchRow } from './search-rows.ts';
export { winnerRanks, winnerRankTable } from './regret.ts';
export type { WinnerRank } from './regret.ts';
export {
  STRATEGY_ORDER,
  STRATEGY_LABELS,
  strategyOf,
  DISTRIBUTION_LABELS,
  DISTRIBUTION_ORDER,
  MB,
} from './strategies.ts';
export { markdownTable, formatSpeedup, formatSeconds, imagePath } from './markdown.ts';
export * from './paper/index.ts';
export { writeFixtureCsv } from './fixture-csv.ts';
export { fixtureRun, fixtureRunFromCsv, fixtureMeta, fixtureCellContext, fixtureGrid } from './fixture-run.ts';
export { runEndToEndCell } from './end-to-end-cell.ts';
export type { EndToEndCell, EndToEndSettings } from './end-to-end-cell.ts';
export { searchStore } from './store-search.ts';
export type { StoreSearchOptions } from './store-search.ts';
export { blocksAt } from './blocks-at.ts';
export {
  PAPER_FAMILIES,
  FIG14_FAMILIES,
  paperFamily,
  tinyArchitecture,
  scaledCount,
  familySeed,
  hfProvenance,
  hfReductions,
} from './hf-families.ts';
export type { PaperFamily } from './hf-families.ts';
export { ensureFamilyStore, ensureImportedStore } from './family-store.ts';
export type { FamilyRequest, FamilyStore } from './family-store.ts';
export { inputSide } from './input-side.ts';
export { syntheticSearchProvenance } from './provenance.ts';
