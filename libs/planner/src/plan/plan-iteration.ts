/**
 * One SH iteration's plan, end to end: candidate set -> prefix tree -> task tree -> traversal -> runs -> steps.
 *
 * The test set is extracted once, in the iteration that passes `testRange` (the first), and it SHARES passes
 * with that iteration's train chunk: a run carries test pieces first, then train pieces, and every unit runs
 * over all pieces of the run before the traversal moves on. With a budget that holds both, iteration 0 is one
 * pass that loads each unit once, where the reference made a test pass and then a train pass (loading every
 * block twice). With a smaller budget the test set fills the first runs and the train chunk the later ones; a
 * run may hold the end of one and the start of the other. Pieces are cut at whole batches of their own split,
 * so neither split's batches change.
 * Features of alive models persist across iterations (listed in `persisted`, fed back by the caller); those
 * of pruned models are evicted first thing, so the budget counts only what is still needed.
 */
import { InvalidArgumentError, type ItemRange, type Split } from '@alsatian/core';
import { splitIntoRuns, type Run, type RunPiece } from '../budget/runs.ts';
import { messages } from '../messages.ts';
import { buildPrefixTree, type PrefixTree } from '../prefix/prefix-tree.ts';
import { buildTaskTree, type TaskTree, type UnitId } from '../task/task-tree.ts';
import { chooseOrder, type OrderStrategy, type OrderUsed } from '../traversal/choose.ts';
import { shapeOfTaskTree } from '../traversal/shape.ts';
import type { NodeId, PlanModel } from '../types.ts';
import { emitRunSteps } from './emit-steps.ts';
import { persistedBytes, type EvictStep, type PersistedFeatures, type PlanStep } from './steps.ts';
import type { StoredOutputs } from './stored.ts';

export interface PlanIterationOptions {
  /** The alive models, in a stable order (children of the trees follow it). */
  readonly models: readonly PlanModel[];
  /** Merge common block prefixes (Alsatian) or give every model its own chain (Base, SHiFT). */
  readonly share: boolean;
  /**
   * 'auto': exact search on small trees, else the best depth-first order; 'dfs+': the paper's; 'insertion': plain DFS.
   */
  readonly order: OrderStrategy;
  /** Cache budget in bytes (Infinity: no limit). Persisted features and `reservedBytes` count against it. */
  readonly budgetBytes: number;
  /** Items per batch: runs are cut at multiples of it so that batches do not change. */
  readonly batchSize: number;
  /** This iteration's new train chunk. */
  readonly trainRange: ItemRange;
  /** The test set; give it in the first iteration only (it is extracted once and kept). */
  readonly testRange?: ItemRange;
  /** Features cached by earlier iterations: `persisted` of the previous plan. Pruned models' are evicted. */
  readonly persisted?: readonly PersistedFeatures[];
  /** Other bytes the cache must leave free (labels, weights, proxy). Default 0. */
  readonly reservedBytes?: number;
  /** Raw input bytes per item counted while the root's children run. Default 0 (the reference's choice). */
  readonly inputBytesPerItem?: number;
  /**
   * 'merged' (default): the test set shares passes with the train chunk (each unit loaded once in the first
   * iteration). 'separate': the reference's way, a pass over the test set, then one over the train chunk.
   */
  readonly testPass?: 'merged' | 'separate';
  /**
   * Outputs a feature store holds (plan facts, no I/O): stored rows are read instead of computed, and what only
   * they needed is not computed either. The cache requirement stays that of computing everything (an upper bound).
   */
  readonly stored?: StoredOutputs;
  /**
   * Nodes where units end although the tree does not branch there: outputs a feature store keeps too
   * (`chooseCheckpoints`), and boundaries of units whose prepared form earlier iterations kept.
   */
  readonly checkpoints?: ReadonlySet<NodeId>;
}

export interface IterationPlan {
  readonly prefixTree: PrefixTree;
  readonly tree: TaskTree;
  /** The traversal every run replays. */
  readonly order: readonly UnitId[];
  readonly orderUsed: OrderUsed;
  /** Cache bytes per item at the traversal's peak (this run's model features included). */
  readonly requirementBytesPerItem: number;
  /** The same for the DFS+ order, to measure what the chosen order saves. */
  readonly dfsPlusRequirementBytesPerItem: number;
  /** Bytes per item that stay cached after a run (the model features). */
  readonly persistingBytesPerItem: number;
  readonly runs: readonly Run[];
  readonly steps: readonly PlanStep[];
  /** Features cached after this iteration: pass them to the next iteration's `persisted`. */
  readonly persisted: readonly PersistedFeatures[];
  /** The largest cache content of any run, reserved and persisted bytes included. */
  readonly peakBytes: number;
}

export function planIteration(options: PlanIterationOptions): IterationPlan {
  checkRange('trainRange', options.trainRange);
  if (options.testRange) checkRange('testRange', options.testRange);
  const reserved = options.reservedBytes ?? 0;
  if (!Number.isFinite(reserved) || reserved < 0)
    throw new InvalidArgumentError(messages.badNumber('reservedBytes', reserved, 'a finite number of bytes >= 0'));

  if (options.models.length === 0) throw new InvalidArgumentError(messages.noModelsToPlan());
  const prefixTree = buildPrefixTree(options.models, { share: options.share });
  const { inputBytesPerItem, checkpoints } = options;
  const tree = buildTaskTree(prefixTree, { inputBytesPerItem, checkpoints });
  const modelNodes = [...tree.nodes.values()].filter((n) => n.persists);

  const { evictions, kept } = sortOutPersisted(options.persisted ?? [], new Set(modelNodes.map((n) => n.id)));
  if (!options.testRange) {
    for (const node of modelNodes)
      if (!kept.has(node.id)) throw new InvalidArgumentError(messages.missingFeatures(node.endingModels[0], node.id));
  }

  const { shape, unitIds } = shapeOfTaskTree(tree);
  const chosen = chooseOrder(shape, options.order);
  const persistingBytesPerItem = modelNodes.reduce((s, n) => s + n.bytesPerItem, 0);
  const ranges: RunPiece[] = [
    ...(options.testRange ? [{ split: 'test' as const, range: options.testRange }] : []),
    { split: 'train', range: options.trainRange },
  ];
  const heldBytes = reserved + [...kept.values()].reduce((s, p) => s + persistedBytes(p), 0);
  const runs = splitIntoRuns({
    requirementBytesPerItem: chosen.peak,
    persistingBytesPerItem,
    heldBytes,
    budgetBytes: options.budgetBytes,
    batchSize: options.batchSize,
    ranges,
    separateSplits: options.testPass === 'separate',
  });

  const persisted = modelNodes.map((node): PersistedFeatures => {
    const before = kept.get(node.id);
    const pieces = (split: Split) => runs.flatMap((r) => r.pieces.filter((p) => p.split === split).map((p) => p.range));
    return {
      node: node.id,
      bytesPerItem: node.bytesPerItem,
      train: [...(before?.train ?? []), ...pieces('train')],
      test: [...(before?.test ?? []), ...pieces('test')],
    };
  });
  const order = chosen.order.map((i) => unitIds[i]);
  const features = new Map(persisted.map((p) => [p.node, p]));
  const steps = [...evictions, ...emitRunSteps({ tree, order, runs, features, stored: options.stored })];
  return {
    prefixTree,
    tree,
    order,
    orderUsed: chosen.used,
    requirementBytesPerItem: chosen.peak,
    dfsPlusRequirementBytesPerItem: chosen.dfsPlusPeak,
    persistingBytesPerItem,
    runs,
    steps,
    persisted,
    peakBytes: runs.reduce((m, r) => Math.max(m, r.peakBytes), heldBytes),
  };
}

/** Keeps the features of nodes that still end an alive model; evicts the rest (pruned models'). */
function sortOutPersisted(
  persisted: readonly PersistedFeatures[],
  modelNodes: ReadonlySet<NodeId>,
): { evictions: EvictStep[]; kept: Map<NodeId, PersistedFeatures> } {
  const evictions: EvictStep[] = [];
  const kept = new Map<NodeId, PersistedFeatures>();
  for (const p of persisted) {
    if (modelNodes.has(p.node)) kept.set(p.node, p);
    else evictions.push({ kind: 'evict', node: p.node, bytes: persistedBytes(p) });
  }
  return { evictions, kept };
}

function checkRange(what: string, r: ItemRange): void {
  if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end < r.start)
    throw new InvalidArgumentError(messages.badRange(what, r.start, r.end));
}
