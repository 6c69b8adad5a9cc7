/**
 * Fig 16's scales. Each memory level becomes our budgets by the rule in memory-rule.ts (page cache for model files,
 * Alsatian's intermediate cache, compiled units kept), fixed before running and the same for every scale.
 */
import type { Scales } from '@alsatian/bench';
import type { EndToEndCell } from '@alsatian/exp-shared';
import { STRATEGY_ORDER } from '@alsatian/exp-shared';
import { levelBudgets } from './memory-rule.ts';

export interface Fig16Settings {
  readonly architecture: string;
  readonly distribution: string;
  readonly train: number;
  readonly test: number;
  readonly setSize: number;
  readonly imageSize: number;
  readonly batchSize: number;
  /** The paper's container limits (GB) the levels stand for. */
  readonly levels: readonly number[];
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

export interface Fig16Cell extends EndToEndCell {
  readonly memoryGB: number;
  /** The modelled page cache in front of the throttled store (MB). */
  readonly pageCacheMB: number;
}

const PAPER_LEVELS = [64, 10, 5];
const LEVELS_EMULATED = 'memory levels emulated by scaled page cache and cache budgets (no process limit)';

export const FIG16_SCALES: Scales<Fig16Settings> = {
  quick: {
    architecture: 'resnet18',
    distribution: 'top-50',
    train: 192,
    test: 64,
    setSize: 8,
    imageSize: 64,
    batchSize: 32,
    levels: PAPER_LEVELS,
    repetitions: 1,
    reductions: [
      'ResNet-18 instead of ViT-L-32; 8 models instead of 35',
      '256 items instead of 8000; 64x64 images',
      LEVELS_EMULATED,
    ],
  },
  // 224 px; ResNet-18 because 35 ViT-L-32 snapshots are a 42 GB store (docs/small-scale.md).
  small: {
    architecture: 'resnet18',
    distribution: 'top-50',
    train: 96,
    test: 32,
    setSize: 35,
    imageSize: 0,
    batchSize: 32,
    levels: PAPER_LEVELS,
    repetitions: 1,
    reductions: ['ResNet-18 instead of ViT-L-32', '128 items instead of 8000; batch 32', LEVELS_EMULATED],
  },
  paper: {
    architecture: 'vit_l_32',
    distribution: 'top-50',
    train: 6400,
    test: 1600,
    setSize: 35,
    imageSize: 0,
    batchSize: 128,
    levels: PAPER_LEVELS,
    repetitions: 1,
    reductions: [LEVELS_EMULATED],
  },
};

export function fig16Grid(s: Fig16Settings): Fig16Cell[] {
  const items = s.train + s.test;
  return s.levels.flatMap((memoryGB) => {
    const budgets = levelBudgets(memoryGB, {
      architecture: s.architecture,
      imageSize: s.imageSize,
      setSize: s.setSize,
      items,
    });
    return STRATEGY_ORDER.map((strategy) => ({
      strategy,
      architecture: s.architecture,
      distribution: s.distribution,
      items,
      train: s.train,
      test: s.test,
      setSize: s.setSize,
      imageSize: s.imageSize,
      ...budgets,
    }));
  });
}
