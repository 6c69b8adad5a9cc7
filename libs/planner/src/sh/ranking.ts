/** Ranking and pruning between SH iterations, with the reference's tie rule. */
import { InvalidArgumentError, type ModelId } from '@alsatian/core';
import { messages } from '../messages.ts';

export interface RankedModel {
  readonly model: ModelId;
  readonly score: number;
}

/**
 * Best first: descending score (higher is better, e.g. top-1 accuracy); equal scores by model id descending,
 * as the reference's sort of [score, id] pairs does. Ids compare by UTF-16 code units (Python's order for
 * ASCII ids).
 */
export function rankModels(scores: ReadonlyMap<ModelId, number> | readonly RankedModel[]): RankedModel[] {
  const entries: RankedModel[] =
    scores instanceof Map
      ? [...scores].map(([model, score]) => ({ model, score }))
      : [...(scores as readonly RankedModel[])];
  for (const e of entries)
    if (!Number.isFinite(e.score)) throw new InvalidArgumentError(messages.badScore(e.model, e.score));
  return entries.sort((a, b) => b.score - a.score || (a.model < b.model ? 1 : a.model > b.model ? -1 : 0));
}

/** Keeps the first floor(n/2) of a ranking (an odd one out is pruned); a single model is kept. */
export function keepBetterHalf(ranking: readonly RankedModel[]): { kept: ModelId[]; pruned: ModelId[] } {
  const cut = ranking.length === 1 ? 1 : Math.floor(ranking.length / 2);
  return { kept: ranking.slice(0, cut).map((r) => r.model), pruned: ranking.slice(cut).map((r) => r.model) };
}
