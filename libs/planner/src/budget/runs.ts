/**
 * Phase 4: budget -> runs. One run replays the whole traversal over a few items; the cache then holds, at its
 * peak, everything held before the run plus `requirement` bytes per item of the run. Persisting outputs (model
 * features) stay after the run, so the room left shrinks run by run; every run is sized to fit.
 * IMPROVEMENT over the reference: items per run are a multiple of the batch size (whenever at least one batch
 * fits), and a piece of a range is either the rest of that range or a multiple of the batch size. Batches
 * start at each range's start, so the batch partition, and with it proxy training, is the same whether or not
 * a range was split.
 */
import { BudgetError, InvalidArgumentError, rangeLength, type ItemRange, type Split } from '@alsatian/core';
import { messages } from '../messages.ts';

export interface RunPiece {
  readonly split: Split;
  readonly range: ItemRange;
}

export interface Run {
  readonly index: number;
  readonly pieces: readonly RunPiece[];
  readonly items: number;
  /** Bytes held when the run starts (reserved + persisted so far). */
  readonly heldBeforeBytes: number;
  /** heldBeforeBytes + items x requirement: the run's cache peak. */
  readonly peakBytes: number;
}

export interface RunSplitting {
  /** Cache requirement of the traversal, bytes per item (persisting outputs of the run included). */
  readonly requirementBytesPerItem: number;
  /** Bytes per item that stay cached after a run (model features). At most the requirement. */
  readonly persistingBytesPerItem: number;
  /** Bytes held before the first run. */
  readonly heldBytes: number;
  readonly budgetBytes: number;
  readonly batchSize: number;
  /** Ranges in processing order (e.g. test, then train). */
  readonly ranges: readonly RunPiece[];
  /** Never put pieces of two splits into one run (the reference's separate test pass). Default false. */
  readonly separateSplits?: boolean;
}

export function splitIntoRuns(input: RunSplitting): Run[] {
  const {
    requirementBytesPerItem: perItem,
    persistingBytesPerItem: keeps,
    heldBytes,
    budgetBytes: budget,
    batchSize,
  } = input;
  if (!(budget >= 0))
    throw new InvalidArgumentError(
      messages.badNumber('budgetBytes', budget, 'a number of bytes >= 0 (Infinity for no limit)'),
    );
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new InvalidArgumentError(messages.badNumber('batchSize', batchSize, 'an integer >= 1'));
  const queue = input.ranges
    .filter((p) => rangeLength(p.range) > 0)
    .map((p) => ({ split: p.split, start: p.range.start, end: p.range.end }));
  const total = queue.reduce((s, p) => s + p.end - p.start, 0);
  const runs: Run[] = [];
  let held = heldBytes;
  while (queue.length > 0) {
    const capacity = itemsThatFit(budget - held, perItem);
    if (capacity < 1) {
      // Each item's features stay, so the last item meets all earlier ones: that is the tightest point.
      const needed = heldBytes + (total - 1) * keeps + perItem;
      throw new BudgetError(messages.budgetTooSmall(budget, needed, perItem, held));
    }
    const wholeBatches = capacity >= batchSize;
    let left = wholeBatches && Number.isFinite(capacity) ? capacity - (capacity % batchSize) : capacity;
    const pieces: RunPiece[] = [];
    while (queue.length > 0 && left > 0) {
      const head = queue[0];
      if (input.separateSplits && pieces.length > 0 && head.split !== pieces[0].split) break;
      const rest = head.end - head.start;
      const take = rest <= left ? rest : wholeBatches ? left - (left % batchSize) : left;
      if (take === 0) break;
      pieces.push({ split: head.split, range: { start: head.start, end: head.start + take } });
      head.start += take;
      left -= take;
      if (head.start === head.end) queue.shift();
    }
    const items = pieces.reduce((s, p) => s + rangeLength(p.range), 0);
    runs.push({ index: runs.length, pieces, items, heldBeforeBytes: held, peakBytes: held + items * perItem });
    held += items * keeps;
  }
  return runs;
}

/** Whole items whose requirement fits into `room` bytes; unlimited when an item needs nothing. */
function itemsThatFit(room: number, perItem: number): number {
  if (perItem === 0) return room >= 0 ? Infinity : 0;
  if (!Number.isFinite(room)) return room > 0 ? Infinity : 0;
  let items = Math.floor(room / perItem);
  while (items > 0 && items * perItem > room) items--; // guard against rounding up in the division
  return Math.max(items, 0);
}
