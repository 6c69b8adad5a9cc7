/**
 * @alsatian/strategies: Base, SHiFT and Alsatian as settings of the one planner + executor, and the successive
 * halving driver that loops over iterations, ranks and prunes. It returns a ranking and measurements; it does not
 * print (the CLI does) and does not run steps itself (the executor does).
 */
export { finalRanking, planModels, readsSince, search } from './search.ts';
export { iterationChunks, strategyPlanOptions } from './iteration-plan.ts';
export { UnitBoundaries } from './unit-boundaries.ts';
export type { SearchOptions } from './search.ts';
export {
  IMPROVEMENT_NAMES,
  IMPROVEMENTS,
  resolveImprovements,
  STRATEGIES,
  STRATEGY_NAMES,
  strategy,
} from './strategies.ts';
export type { Improvement, Improvements, StrategyDef, StrategyName } from './strategies.ts';
export { checkSearchInputs } from './preflight.ts';
export type { IterationReport, RankingEntry, SearchResult } from './result.ts';
