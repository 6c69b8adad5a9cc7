/**
 * @alsatian/exp-shared: what the experiment packages share: the report-section contract, the CLI of run.ts and
 * plot.ts, one measured search cell of the paper's harness (runSearchCell, with snapshot stores generated once
 * and reused under results/_stores), tidy search rows, the SH regret (winner's rank in Base's ranking) and the
 * paper's numbers, the helpers several packages use (searchStore over an existing store, takeOwnOptions for a
 * package's own CLI options, blocksAt for blocks at a reduced resolution) and the Hugging Face family stand-ins of
 * Figs 14 and 15 (PAPER_FAMILIES, ensureFamilyStore). It must not define any experiment's grid or chart, and
 * outside cli.ts never writes to the console.
 */
export type { ReportSection, ReportFunction } from './report-section.ts';
export { runExperimentCli, runPlotCli, parseCliArgs, runDirOf, stderrLogger } from './cli.ts';
export type { CliArgs, PlotFunction } from './cli.ts';
export { findRepositoryRoot, defaultResultsDir } from './repo-root.ts';
export { runSearchCell, PAPER_STORE_READ_BYTES_PER_SEC } from './search-cell.ts';
export type { DatasetRequest, SearchCellOptions, SearchCellResult } from './search-cell.ts';
export { ensureSnapshotStore, snapshotSetKey, storesDirFor } from './snapshot-stores.ts';
export type { SnapshotSetRequest, SnapshotStoreInfo } from './snapshot-stores.ts';
export { searchRows, SEARCH_COLUMNS, RANKING_SEPARATOR } from './search-rows.ts';
export type { SearchRow } from './search-rows.ts';
export { winnerRanks, winnerRankTable } from './regret.ts';
export type { WinnerRank } from './regret.ts';
export { APPROACH_OF, STRATEGY_OF, DISTRIBUTION_LABELS, DISTRIBUTION_ORDER, MB } from './approaches.ts';
export { markdownTable, formatSpeedup, formatSeconds, imagePath } from './markdown.ts';
export * from './paper.ts';
export { writeFixtureCsv } from './fixture-csv.ts';
export { runEndToEndCell } from './end-to-end-cell.ts';
export type { EndToEndCell, EndToEndSettings } from './end-to-end-cell.ts';
export { searchStore } from './store-search.ts';
export type { StoreSearchOptions } from './store-search.ts';
export { takeOwnOptions } from './own-options.ts';
export { blocksAt } from './blocks-at.ts';
export { PAPER_FAMILIES, FIG14_FAMILIES, paperFamily, tinyArchitecture, scaledCount, familySeed } from './hf-families.ts';
export type { PaperFamily } from './hf-families.ts';
export { ensureFamilyStore, ensureImportedStore } from './family-store.ts';
export type { FamilyRequest, FamilyStore } from './family-store.ts';
export { inputSide } from './input-side.ts';
