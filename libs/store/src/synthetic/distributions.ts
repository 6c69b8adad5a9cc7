/**
 * How many of the last retrainable blocks each synthetic snapshot re-initialises (the paper's M_syn): k drawn
 * from a normal distribution truncated to [0, B] and rounded, B = the architecture's number of retrainable
 * blocks (`splitIndexes.length`). The reference drew with scipy's truncnorm (random_state 42); we draw from our
 * seeded Rng, so the lists differ from the paper's, except where the paper's exact lists are used (see
 * paper-retrain-lists.ts).
 */
import { InvalidArgumentError, Rng, unknownName } from '@alsatian/core';

export const DISTRIBUTIONS = {
  'top-layers': { meanFraction: 0.1, sdOfMean: 1 / 2, label: 'Top Layers' },
  'top-25': { meanFraction: 0.25, sdOfMean: 1 / 2, label: 'Top 25%' },
  'top-50': { meanFraction: 0.5, sdOfMean: 1 / 4, label: 'Top 50%' },
} as const;

export type DistributionName = keyof typeof DISTRIBUTIONS;

export function distributionNames(): DistributionName[] {
  return Object.keys(DISTRIBUTIONS) as DistributionName[];
}

export function checkDistribution(name: string): DistributionName {
  if (!(name in DISTRIBUTIONS)) unknownName('distribution', name, distributionNames());
  return name as DistributionName;
}

/**
 * `count` retrain indices in [1, blocks - 1], truncated-normal on [0, blocks] by `distribution`, from `seed`. A draw
 * of 0 would copy its parent unchanged; like the reference's content-keyed store (where such a copy collapses into
 * its parent), it is skipped, so `count` indices make `count` distinct models.
 */
export function drawRetrainIndices(
  distribution: DistributionName,
  blocks: number,
  count: number,
  seed: number | string,
): number[] {
  const { meanFraction, sdOfMean } = DISTRIBUTIONS[distribution];
  const mean = meanFraction * blocks;
  const sd = mean * sdOfMean;
  const rng = Rng.derive(seed, 'retrain-indices', distribution, blocks);
  const out: number[] = [];
  while (out.length < count) {
    let x: number;
    do x = rng.normal(mean, sd);
    while (x < 0 || x > blocks);
    // k = B would index past splitIndexes (the reference would raise there too); such draws are rare (>= 4 sd).
    const k = Math.min(blocks - 1, Math.round(x));
    if (k > 0) out.push(k);
  }
  return out;
}

/** Checks user-given retrain indices against the architecture's number of retrainable blocks. */
export function checkRetrainIndices(indices: readonly number[], blocks: number, architecture: string): number[] {
  const bad = indices.filter((k) => !Number.isInteger(k) || k < 0 || k >= blocks);
  if (bad.length)
    throw new InvalidArgumentError(
      `Retrain indices ${bad.join(', ')} are out of range for ${architecture}: each must be an integer in ` +
        `[0, ${blocks - 1}] (its splitIndexes has ${blocks} entries).`,
    );
  return [...indices];
}
