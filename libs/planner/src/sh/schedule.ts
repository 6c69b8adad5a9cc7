/**
 * Successive halving's data schedule (SHiFT's, as the reference computes it): ceil(log2 n) iterations; the
 * first chunk has k = ceil(L / 2^iterations) items, every further chunk twice the previous one, and the last
 * chunk takes the remainder so that the last iteration trains on all L items. Training is cumulative:
 * iteration i trains on chunks 0..i.
 * FIXes over the reference:
 *  - the iteration count is an exact integer ceil-log2 (the float log made 2^29 models take 30 iterations);
 *  - n = 1 (no iteration at all there) and n = 2 (a crash there) get one iteration over all L items;
 *  - where ceil(L / 2^it) overshoots, the last chunk came out smaller than its predecessor or negative (e.g.
 *    35 models and 65 or 30 items). Then the items are distributed instead: every chunk first gets one item,
 *    the other L - it items are shared in proportion 1 : 2 : 4 : ..., rounding cumulative ends down, so
 *    iteration i ends at (i + 1) + floor((L - it) * (2^(i+1) - 1) / (2^it - 1)) and the last one at L. Chunks
 *    stay roughly doubling, none is empty, and rounding leftovers go to the last chunk. With fewer items than
 *    iterations the first L chunks get one item each and the later ones none: those iterations re-score the survivors
 *    on the same cumulative data.
 */
import { InvalidArgumentError, type ItemRange } from '@alsatian/core';
import { messages } from '../messages.ts';

/** Smallest k with 2^k >= n, for integers n >= 1. */
export function ceilLog2(n: number): number {
  let k = 0;
  while (2 ** k < n) k++;
  return k;
}

/** Number of SH iterations for n models (at least one). */
export function shIterations(numModels: number): number {
  return Math.max(1, ceilLog2(numModels));
}

/** The disjoint train chunk of every SH iteration; together they cover [0, trainLength). */
export function shSchedule(numModels: number, trainLength: number): ItemRange[] {
  if (!Number.isInteger(numModels) || numModels < 1) throw new InvalidArgumentError(messages.noModels());
  if (!Number.isInteger(trainLength) || trainLength < 1)
    throw new InvalidArgumentError(messages.emptyTrainSet(trainLength));
  const iterations = shIterations(numModels);
  const k = Math.ceil(trainLength / 2 ** iterations);
  const ends: number[] = [];
  for (let i = 0; i < iterations - 1; i++) ends.push(k * (2 ** (i + 1) - 1));
  ends.push(trainLength);
  const sizes = ends.map((end, i) => end - (i === 0 ? 0 : ends[i - 1]));
  const lastGrows = iterations < 2 || sizes[iterations - 1] > sizes[iterations - 2];
  const chosen = lastGrows ? ends : distributedEnds(iterations, trainLength);
  return chosen.map((end, i) => ({ start: i === 0 ? 0 : chosen[i - 1], end }));
}

function distributedEnds(iterations: number, trainLength: number): number[] {
  const parts = 2 ** iterations - 1;
  const shared = Math.max(0, trainLength - iterations);
  const ends = Array.from(
    { length: iterations },
    (_, i) => Math.min(i + 1, trainLength) + Math.floor((shared * (2 ** (i + 1) - 1)) / parts),
  );
  ends[iterations - 1] = trainLength;
  return ends;
}

/** Models scored in each SH iteration: n, then the kept half of the previous count (at least one). */
export function shModelCounts(numModels: number): number[] {
  const counts = [numModels];
  for (let i = 1; i < shIterations(numModels); i++) counts.push(Math.max(1, Math.floor(counts[i - 1] / 2)));
  return counts;
}
