/** Every user-facing message of the planner, in one place (tests assert against these functions). */
import { formatBytes } from '@alsatian/core';

export const messages = {
  noBlocks: (model: string) => `Model '${model}' has no blocks; a model needs at least one feature-extractor block.`,
  duplicateModel: (model: string) => `Model '${model}' is listed twice; model ids must be unique.`,
  badBlockSize: (model: string, block: string, value: number) =>
    `Block '${block}' of model '${model}' has outputBytesPerItem ${value}; expected a finite number >= 0.`,
  conflictingBlockSize: (block: string, a: number, b: number, modelA: string, modelB: string) =>
    `Block '${block}' has outputBytesPerItem ${a} in model '${modelA}' but ${b} in model '${modelB}'; ` +
    `equal block ids must describe the same computation.`,
  unknownModel: (model: string, known: readonly string[]) =>
    `Cannot prune model '${model}': it is not in the prefix tree. Models in the tree: ${known.join(', ') || '(none)'}.`,
  badRange: (what: string, start: number, end: number) =>
    `Invalid ${what} [${start}, ${end}): expected integers with 0 <= start <= end.`,
  badNumber: (what: string, value: number, valid: string) => `Invalid ${what} ${value}: expected ${valid}.`,
  exactTooLarge: (states: number, limit: number) =>
    `The exact planner would visit ${states} states (more than ${limit}); use order 'auto' or 'best-dfs' for ` +
    `a tree this size.`,
  budgetTooSmall: (budget: number, needed: number, perItem: number, held: number) =>
    `Cache budget ${formatBytes(budget)} is too small: one item needs ${formatBytes(perItem)} on top of ` +
    `${formatBytes(held)} already held (persisted features and reserved bytes); the smallest budget that runs this ` +
    `iteration is ${formatBytes(needed)} (${needed} bytes).`,
  missingFeatures: (model: string, node: string) =>
    `Model '${model}' has no persisted features (node ${node}) and this iteration extracts no test set; ` +
    `pass the 'persisted' list returned by the previous iteration, or a testRange in the first iteration.`,
  badScore: (model: string, score: number) => `Score of model '${model}' is ${score}; expected a finite number.`,
  emptyTrainSet: (length: number) =>
    `Invalid train length ${length}: successive halving needs at least one training item.`,
  noModels: () => `Successive halving needs at least one model.`,
  noModelsToPlan: () => `planIteration got no models; pass at least one alive model.`,
};
