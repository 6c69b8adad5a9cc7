/**
 * How a strategy plans each successive-halving iteration: the schedule of train chunks and the planner options its
 * definition and improvements decide. The single-process search and the distributed coordinator both use these, so
 * they plan the same units and return the same scores.
 */
import { shSchedule, type PlanIterationOptions } from '@alsatian/planner';
import type { ItemRange } from '@alsatian/core';
import type { Improvements, StrategyDef } from './strategies.ts';

/** The train chunks of each iteration: doubling chunks under successive halving, else all data at once (Base). */
export function iterationChunks(def: StrategyDef, models: number, trainLength: number): ItemRange[] {
  return def.successiveHalving ? shSchedule(models, trainLength) : [{ start: 0, end: trainLength }];
}

/** The planner options that come from the strategy, for iteration `iteration` (the test set goes in the first). */
export function strategyPlanOptions(
  def: StrategyDef,
  improvements: Improvements,
  budgetBytes: number,
  iteration: number,
  testLength: number,
): Pick<PlanIterationOptions, 'share' | 'order' | 'budgetBytes' | 'testRange' | 'testPass'> {
  return {
    share: def.share,
    order: def.share ? (improvements.bestOrder ? 'auto' : 'dfs+') : 'insertion',
    budgetBytes: def.budgeted ? budgetBytes : Number.POSITIVE_INFINITY,
    testRange: iteration === 0 ? { start: 0, end: testLength } : undefined,
    testPass: improvements.mergedTestPass ? 'merged' : 'separate',
  };
}
