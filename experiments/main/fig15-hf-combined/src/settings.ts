import type { Scale } from '@alsatian/bench';

/**
 * Fig 15 (reference 5.7): one search over all twelve HF families together (about 500 models), 2000 and 8000
 * items. The combined parameters exceed the model-caching budget, so SHiFT and Alsatian reload blocks: the block
 * cache is set to `blockCacheShare` of the combined set's unique weight bytes, and recorded in every row.
 */
export interface Fig15Settings {
  readonly tiny: boolean;
  readonly modelFraction: number;
  readonly minModels: number;
  readonly items: readonly (readonly [number, number])[];
  readonly batchSize: number;
  readonly blockCacheShare: number;
  readonly minutes: boolean;
  readonly reductions: readonly string[];
}

export const SETTINGS: Readonly<Record<Scale, Fig15Settings>> = {
  quick: {
    tiny: true, modelFraction: 0.05, minModels: 2, items: [[96, 32]], batchSize: 32, blockCacheShare: 0.25, minutes: false,
    reductions: ['tiny_resnet / tiny_vit (32 px) with each family\'s overlap pattern instead of the real backbones', 'a twentieth of each family\'s models (at least 2)', '128 items instead of 2000 and 8000'],
  },
  small: {
    tiny: false, modelFraction: 0.1, minModels: 2, items: [[160, 40]], batchSize: 32, blockCacheShare: 0.25, minutes: true,
    reductions: ['a tenth of each family\'s models (at least 2)', '200 items instead of 2000 and 8000'],
  },
  paper: { tiny: false, modelFraction: 1, minModels: 1, items: [[1600, 400], [6400, 1600]], batchSize: 128, blockCacheShare: 0.25, minutes: true, reductions: [] },
};
