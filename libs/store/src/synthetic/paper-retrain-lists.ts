/**
 * The reference's exact retrain indices for its synthetic sets: the 49 draws (seed 42) of its 50-model sets, for
 * every architecture and distribution of the paper. They reproduce the experiments catalogue (section 3.2) exactly:
 * its 34-draw lists for resnet18, resnet152 and vit_l_32 Top-Layers are their first 34 values, and the means and
 * ranges it gives for the other combinations match the first 34 values too. (Drawn once with scipy's truncnorm,
 * random_state 42, as the reference draws them; scipy is not a dependency.)
 *
 * The reference's model store keys models by content, so a draw of 0 (an identical copy of its parent) collapses
 * into its parent, and a 35-model request takes the first 35 distinct models of a 50-model set: the base and the
 * models of the first 34 non-zero draws (resnet18 Top-Layers: 29 models retrain k=1 and 5 retrain k=2).
 */
import type { DistributionName } from './distributions.ts';

export const PAPER_RETRAIN_DRAWS: Readonly<Record<string, Readonly<Record<DistributionName, readonly number[]>>>> = {
  resnet18: {
    'top-layers': [
      1, 2, 1, 1, 0, 0, 0, 1, 1, 1, 0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 2, 2, 1, 1, 0,
      1, 1, 0, 1, 0, 2, 1, 1, 1, 1, 1,
    ],
    'top-25': [
      2, 4, 3, 3, 1, 1, 1, 4, 3, 3, 0, 4, 3, 1, 1, 1, 2, 2, 2, 2, 3, 1, 2, 2, 2, 3, 1, 2, 3, 1, 3, 1, 1, 4, 4, 3, 2, 1,
      3, 2, 1, 2, 0, 4, 2, 3, 2, 2, 2,
    ],
    'top-50': [
      4, 6, 5, 5, 3, 3, 3, 6, 5, 5, 2, 7, 6, 4, 3, 3, 4, 5, 4, 4, 5, 3, 4, 4, 4, 5, 4, 5, 5, 3, 5, 3, 3, 6, 7, 5, 4, 3,
      5, 4, 3, 4, 2, 6, 4, 5, 4, 5, 5,
    ],
  },
  resnet152: {
    'top-layers': [
      4, 9, 7, 6, 3, 3, 2, 8, 6, 7, 1, 10, 8, 3, 3, 3, 4, 5, 5, 4, 6, 3, 4, 4, 5, 7, 3, 5, 6, 1, 6, 3, 2, 9, 10, 7, 4,
      2, 6, 5, 2, 5, 1, 9, 4, 6, 4, 5, 5,
    ],
    'top-25': [
      11, 23, 17, 14, 7, 7, 4, 20, 15, 16, 2, 25, 19, 8, 7, 7, 10, 13, 12, 10, 15, 6, 10, 11, 12, 18, 8, 13, 14, 3, 15,
      7, 4, 23, 24, 18, 10, 5, 16, 12, 6, 13, 3, 21, 9, 16, 10, 13, 14,
    ],
    'top-50': [
      23, 36, 29, 27, 19, 19, 15, 33, 27, 29, 12, 37, 32, 20, 20, 20, 22, 26, 24, 22, 27, 19, 22, 23, 25, 31, 20, 26,
      27, 15, 27, 19, 16, 36, 37, 31, 22, 17, 29, 25, 18, 25, 14, 34, 21, 28, 22, 26, 26,
    ],
  },
  efficientnet_v2_l: {
    'top-layers': [
      7, 15, 11, 9, 4, 4, 2, 13, 9, 10, 1, 16, 12, 5, 5, 5, 6, 8, 8, 6, 9, 4, 6, 7, 8, 11, 5, 8, 9, 2, 9, 5, 3, 15, 16,
      12, 6, 3, 10, 8, 4, 8, 2, 14, 6, 10, 6, 8, 9,
    ],
    'top-25': [
      17, 37, 27, 23, 11, 11, 6, 32, 23, 26, 3, 39, 30, 13, 12, 12, 16, 21, 19, 15, 23, 10, 15, 17, 19, 28, 12, 21, 23,
      5, 23, 11, 6, 37, 39, 29, 16, 8, 25, 19, 9, 20, 4, 34, 14, 25, 16, 21, 22,
    ],
    'top-50': [
      37, 57, 47, 43, 30, 30, 25, 52, 43, 46, 20, 60, 50, 32, 31, 31, 35, 41, 39, 35, 43, 30, 35, 37, 39, 48, 32, 41,
      43, 23, 43, 31, 25, 57, 59, 49, 35, 27, 45, 39, 29, 40, 22, 54, 34, 45, 36, 41, 42,
    ],
  },
  vit_l_32: {
    'top-layers': [
      2, 5, 3, 3, 1, 1, 1, 4, 3, 3, 0, 5, 4, 2, 1, 1, 2, 3, 2, 2, 3, 1, 2, 2, 2, 4, 2, 3, 3, 1, 3, 1, 1, 5, 5, 4, 2, 1,
      3, 2, 1, 3, 1, 4, 2, 3, 2, 3, 3,
    ],
    'top-25': [
      5, 11, 8, 7, 3, 3, 2, 10, 7, 8, 1, 12, 9, 4, 4, 4, 5, 7, 6, 5, 7, 3, 5, 5, 6, 9, 4, 6, 7, 2, 7, 3, 2, 11, 12, 9,
      5, 3, 8, 6, 3, 6, 1, 10, 4, 8, 5, 6, 7,
    ],
    'top-50': [
      12, 18, 14, 13, 9, 9, 8, 16, 13, 14, 6, 18, 16, 10, 10, 10, 11, 13, 12, 11, 13, 9, 11, 11, 12, 15, 10, 13, 13, 7,
      13, 10, 8, 18, 18, 15, 11, 8, 14, 12, 9, 12, 7, 17, 10, 14, 11, 13, 13,
    ],
  },
  bert_base: {
    'top-layers': [
      1, 2, 2, 1, 1, 1, 0, 2, 1, 2, 0, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 0, 1, 1, 0, 2, 2, 2, 1, 1,
      2, 1, 1, 1, 0, 2, 1, 2, 1, 1, 1,
    ],
    'top-25': [
      3, 6, 4, 4, 2, 2, 1, 5, 4, 4, 0, 6, 5, 2, 2, 2, 2, 3, 3, 2, 4, 2, 2, 3, 3, 5, 2, 3, 4, 1, 4, 2, 1, 6, 6, 5, 2, 1,
      4, 3, 2, 3, 1, 5, 2, 4, 3, 3, 3,
    ],
    'top-50': [
      6, 9, 8, 7, 5, 5, 4, 8, 7, 7, 3, 10, 8, 5, 5, 5, 6, 7, 6, 6, 7, 5, 6, 6, 6, 8, 5, 7, 7, 4, 7, 5, 4, 9, 9, 8, 6, 4,
      7, 6, 5, 6, 4, 9, 5, 7, 6, 7, 7,
    ],
  },
};

/**
 * The retrain indices of the reference's `count`-model set for (architecture, distribution): its non-zero draws
 * in order (each a distinct model), or undefined when it has no such set or too few distinct models.
 */
export function paperRetrainList(
  architecture: string,
  distribution: DistributionName,
  count: number,
): number[] | undefined {
  const draws = PAPER_RETRAIN_DRAWS[architecture]?.[distribution];
  const distinct = draws?.filter((k) => k > 0);
  return distinct && count - 1 <= distinct.length ? distinct.slice(0, count - 1) : undefined;
}
