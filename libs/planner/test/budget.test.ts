/** Budget -> runs: every run fits, batches are never cut differently, and too small a budget says what fits. */
import { describe, expect, it } from 'vitest';
import { BudgetError, formatBytes, InvalidArgumentError, Rng, type Split } from '@alsatian/core';
import { messages, splitIntoRuns, type Run, type RunPiece, type RunSplitting } from '../src/index.ts';

const train = (start: number, end: number): RunPiece => ({ split: 'train', range: { start, end } });
const test = (start: number, end: number): RunPiece => ({ split: 'test', range: { start, end } });
const base: RunSplitting = {
  requirementBytesPerItem: 10,
  persistingBytesPerItem: 2,
  heldBytes: 0,
  budgetBytes: Infinity,
  batchSize: 4,
  ranges: [train(0, 100)],
};

/** Batch boundaries a loader produces when it batches every piece from the piece's start. */
function batches(runs: readonly Run[], split: Split, batchSize: number): string[] {
  const out: string[] = [];
  for (const run of runs)
    for (const p of run.pieces)
      if (p.split === split)
        for (let s = p.range.start; s < p.range.end; s += batchSize)
          out.push(`${s}-${Math.min(s + batchSize, p.range.end)}`);
  return out;
}

describe('splitting into runs', () => {
  it('keeps everything in one run when the budget allows', () => {
    const runs = splitIntoRuns({ ...base, ranges: [test(0, 30), train(0, 100)] });
    expect(runs).toHaveLength(1);
    expect(runs[0].pieces).toEqual([test(0, 30), train(0, 100)]);
    expect(runs[0].peakBytes).toBe(1300);
  });

  it('never divides by zero when an item needs no cache', () => {
    expect(
      splitIntoRuns({ ...base, requirementBytesPerItem: 0, persistingBytesPerItem: 0, budgetBytes: 0 }),
    ).toHaveLength(1);
  });

  it('returns no run for empty ranges', () => {
    expect(splitIntoRuns({ ...base, ranges: [train(5, 5)] })).toEqual([]);
  });

  it('fits every run in the budget, persisted features of earlier runs included, and covers every item once', () => {
    const seen = { split: 0, batchChecked: 0, tooSmall: 0 };
    for (let i = 0; i < 200; i++) {
      const rng = Rng.derive(99, 'runs', i);
      const keeps = rng.int(5);
      const input: RunSplitting = {
        requirementBytesPerItem: keeps + 1 + rng.int(20),
        persistingBytesPerItem: keeps,
        heldBytes: rng.int(600),
        budgetBytes: 400 + rng.int(3000),
        batchSize: 1 + rng.int(16),
        ranges: [test(0, rng.int(120)), train(rng.int(50), 50 + rng.int(150))],
      };
      let runs: Run[];
      try {
        runs = splitIntoRuns(input);
      } catch (e) {
        expect(e).toBeInstanceOf(BudgetError);
        seen.tooSmall++;
        continue;
      }
      if (runs.length > 1) seen.split++;
      let held = input.heldBytes;
      for (const run of runs) {
        expect(run.heldBeforeBytes).toBe(held);
        expect(held + run.items * input.requirementBytesPerItem).toBeLessThanOrEqual(input.budgetBytes);
        expect(run.peakBytes).toBe(held + run.items * input.requirementBytesPerItem);
        held += run.items * keeps;
      }
      for (const split of ['test', 'train'] as const) {
        const whole = input.ranges.find((r) => r.split === split)!.range;
        const pieces = runs.flatMap((r) => r.pieces.filter((p) => p.split === split).map((p) => p.range));
        // Consecutive, non-empty pieces that tile the range.
        expect(pieces.reduce((at, p) => (p.start === at && p.end > p.start ? p.end : NaN), whole.start)).toBe(
          whole.end > whole.start ? whole.end : whole.start,
        );
        // The same batches as the unsplit range, whenever a run holds at least one batch.
        if (input.budgetBytes - held >= input.batchSize * input.requirementBytesPerItem) {
          seen.batchChecked++;
          expect(batches(runs, split, input.batchSize)).toEqual(
            batches(
              [{ index: 0, pieces: [{ split, range: whole }], items: 0, heldBeforeBytes: 0, peakBytes: 0 }],
              split,
              input.batchSize,
            ),
          );
        }
      }
    }
    // The random cases reach every branch: split ranges, batch checks, budgets too small.
    expect(Math.min(seen.split, seen.batchChecked, seen.tooSmall)).toBeGreaterThan(0);
  });

  it('cuts runs at multiples of the batch size', () => {
    // 100 items, 10 B each, budget 335 B: 33 items fit, 32 = 8 batches of 4 are taken.
    const runs = splitIntoRuns({ ...base, persistingBytesPerItem: 0, budgetBytes: 335 });
    expect(runs.map((r) => r.pieces[0].range)).toEqual([
      { start: 0, end: 32 },
      { start: 32, end: 64 },
      { start: 64, end: 96 },
      { start: 96, end: 100 },
    ]);
  });

  it('shrinks later runs as persisted features accumulate', () => {
    const runs = splitIntoRuns({
      ...base,
      requirementBytesPerItem: 10,
      persistingBytesPerItem: 5,
      budgetBytes: 400,
      batchSize: 1,
      ranges: [train(0, 60)],
    });
    expect(runs.map((r) => r.items)).toEqual([40, 20]);
  });
});

describe('expected failure', () => {
  it('throws BudgetError with the smallest budget that would work, and that budget works', () => {
    const input: RunSplitting = { ...base, heldBytes: 1000, budgetBytes: 1005, ranges: [test(0, 3), train(0, 7)] };
    const needed = 1000 + 9 * 2 + 10;
    expect(() => splitIntoRuns(input)).toThrow(new BudgetError(messages.budgetTooSmall(1005, needed, 10, 1000)));
    expect(messages.budgetTooSmall(1005, needed, 10, 1000)).toContain(formatBytes(needed));
    const runs = splitIntoRuns({ ...input, budgetBytes: needed });
    expect(runs.reduce((s, r) => s + r.items, 0)).toBe(10);
    expect(() => splitIntoRuns({ ...input, budgetBytes: needed - 1 })).toThrow(BudgetError);
  });

  it('rejects a bad batch size or budget', () => {
    expect(() => splitIntoRuns({ ...base, batchSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => splitIntoRuns({ ...base, budgetBytes: Number.NaN })).toThrow(InvalidArgumentError);
  });
});
