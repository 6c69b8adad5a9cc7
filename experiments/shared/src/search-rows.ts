import { CATEGORIES, PREPARE_MODEL_PARTS } from '@alsatian/core';
import type { PrepareModelPart } from '@alsatian/core';
import type { SearchResult } from '@alsatian/strategies';
import type { SnapshotStoreInfo } from './snapshot-stores.ts';

/** Measured columns of a search cell's rows, in CSV order (experiments list them in `columns`). */
export const SEARCH_COLUMNS = [
  'scope',
  'iteration',
  'category',
  'seconds',
  'models',
  'trainItems',
  'runs',
  'winner',
  'ranking',
  'peakCacheBytes',
  'cacheBudgetBytes',
  'sessionsCreated',
  'sessionsReused',
  'storeReused',
] as const;

export type SearchRow = Readonly<Record<(typeof SEARCH_COLUMNS)[number], string | number | boolean | null>>;

/**
 * The category of the search-scope rows that split prepare model into its parts (reading blocks, lowering,
 * sessions). They are a second view of `prepareModel`, never summed with the six categories.
 */
export function prepareModelPartCategory(part: PrepareModelPart): string {
  return `prepareModel:${part}`;
}

/** Separator of model ids in the `ranking` column (ids never contain it). */
export const RANKING_SEPARATOR = ' ';

const EMPTY: SearchRow = Object.fromEntries(SEARCH_COLUMNS.map((c) => [c, null])) as SearchRow;

/**
 * Tidy rows of one search: per SH iteration one row per category (scope 'iteration'), then the whole search per
 * category (scope 'search', iteration empty), prepare model's parts, and its total (category 'total'). The total row
 * carries the winner and the full ranking (best first), so the SH regret can be computed from the CSV against Base's
 * ranking.
 */
export function searchRows(result: SearchResult, store: Pick<SnapshotStoreInfo, 'reused'>): SearchRow[] {
  const rows: SearchRow[] = [];
  for (const it of result.iterations) {
    for (const category of CATEGORIES) {
      rows.push({
        ...EMPTY,
        scope: 'iteration',
        iteration: it.iteration,
        category,
        seconds: it.measurements[category],
        models: it.models,
        trainItems: it.trainItemsSoFar,
        runs: it.runs,
      });
    }
  }
  const models = result.iterations[0]?.models ?? result.ranking.length;
  for (const category of CATEGORIES)
    rows.push({ ...EMPTY, scope: 'search', category, seconds: result.measurements[category], models });
  for (const part of PREPARE_MODEL_PARTS) {
    rows.push({
      ...EMPTY,
      scope: 'search',
      category: prepareModelPartCategory(part),
      seconds: result.measurements.prepareModelParts[part],
      models,
    });
  }
  rows.push({
    ...EMPTY,
    scope: 'search',
    category: 'total',
    seconds: result.measurements.total,
    models,
    runs: result.iterations.reduce((s, it) => s + it.runs, 0),
    winner: result.ranking[0]?.model ?? null,
    ranking: result.ranking.map((r) => r.model).join(RANKING_SEPARATOR),
    peakCacheBytes: result.peakCacheBytes,
    cacheBudgetBytes: result.cacheBudgetBytes,
    sessionsCreated: result.sessions.created,
    sessionsReused: result.sessions.reused,
    storeReused: store.reused,
  });
  return rows;
}
