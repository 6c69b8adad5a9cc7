import type { Scale } from '@alsatian/bench';

/**
 * Fig 14 (reference 5.6): per-family searches over five HF families (all their models), 2000 and 8000 items.
 * Quick runs tiny architectures with the families' overlap patterns and a tenth of the models; small keeps the real
 * backbones with an eighth of the models and fewer items.
 */
export interface Fig14Settings {
  /** Use the tiny architecture of each backbone (tiny_resnet / tiny_vit). */
  readonly tiny: boolean;
  /** Models per family: this fraction of the paper's, at least `minModels`. */
  readonly modelFraction: number;
  readonly minModels: number;
  /** [train, test] pairs. */
  readonly items: readonly (readonly [number, number])[];
  readonly batchSize: number;
  /** Chart time unit: the paper plots minutes. */
  readonly minutes: boolean;
  readonly reductions: readonly string[];
}

export const SETTINGS: Readonly<Record<Scale, Fig14Settings>> = {
  quick: {
    tiny: true, modelFraction: 0.1, minModels: 4, items: [[96, 32]], batchSize: 32, minutes: false,
    reductions: ['tiny_resnet / tiny_vit (32 px) with each family\'s overlap pattern instead of the real backbones', 'about a tenth of each family\'s models (at least 4)', '128 items instead of 2000 and 8000'],
  },
  small: {
    tiny: false, modelFraction: 0.125, minModels: 4, items: [[160, 40]], batchSize: 32, minutes: true,
    reductions: ['an eighth of each family\'s models (at least 4)', '200 items instead of 2000 and 8000'],
  },
  paper: { tiny: false, modelFraction: 1, minModels: 1, items: [[1600, 400], [6400, 1600]], batchSize: 128, minutes: true, reductions: [] },
};
