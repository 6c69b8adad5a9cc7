/**
 * Fig 11's panels. The paper: (a, b) ResNet-152, 8000 items, Top 50 % / Top Layers and (c) 2000 items, Top Layers,
 * all three strategies; (d, e) Alsatian alone on ResNet-152 and ViT-L-32, 8000 items, per distribution.
 * We draw the strategy panels for both architectures.
 */
import type { Scales } from '@alsatian/bench';
import type { EndToEndCell } from '@alsatian/exp-shared';
import { STRATEGY_ORDER } from '@alsatian/exp-shared';

export interface Fig11Settings {
  /** CNN first, then a transformer or second family: the paper's ResNet-152 and ViT-L-32. */
  readonly architectures: readonly string[];
  readonly small: readonly [number, number];
  readonly large: readonly [number, number];
  readonly setSize: number;
  readonly imageSize: number;
  readonly batchSize: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
  /** As fig10's scale of the same name (its rows are reused only when the sets are the same). */
  readonly paperIndices?: boolean;
}

export const FIG11_SCALES: Scales<Fig11Settings> = {
  // Same cells as fig10's quick scale, so a reproduce run reuses fig10's rows instead of searching again.
  quick: {
    architectures: ['resnet18', 'resnet50'],
    small: [64, 32],
    large: [192, 64],
    setSize: 8,
    imageSize: 64,
    batchSize: 32,
    repetitions: 1,
    reductions: [
      '8 models per set instead of 35',
      'ResNet-18 and ResNet-50 instead of ResNet-152 and ViT-L-32',
      '96 and 256 items instead of 2000 and 8000',
      '64x64 images instead of 224x224',
    ],
  },
  // fig10's small cells (the reference implementation's 2-core configuration): every one is reused.
  small: {
    architectures: ['resnet18'],
    small: [256, 64],
    large: [512, 128],
    setSize: 35,
    imageSize: 0,
    batchSize: 32,
    repetitions: 1,
    paperIndices: true,
    reductions: [
      'ResNet-18 only instead of ResNet-152 and ViT-L-32',
      '320 and 640 items instead of 2000 and 8000; batch 32 instead of 128',
    ],
  },
  paper: {
    architectures: ['resnet152', 'vit_l_32'],
    small: [1600, 400],
    large: [6400, 1600],
    setSize: 35,
    imageSize: 0,
    batchSize: 128,
    repetitions: 1,
    reductions: [],
  },
};

export function fig11Grid(s: Fig11Settings): EndToEndCell[] {
  const cells = new Map<string, EndToEndCell>();
  const add = (
    strategy: string,
    architecture: string,
    distribution: string,
    [train, test]: readonly [number, number],
  ) => {
    const cell = {
      strategy,
      architecture,
      distribution,
      items: train + test,
      train,
      test,
      setSize: s.setSize,
      imageSize: s.imageSize,
      cacheBudgetMB: 0,
      blockCacheMB: 0,
    };
    cells.set(JSON.stringify(cell), cell);
  };
  for (const architecture of s.architectures) {
    for (const strategy of STRATEGY_ORDER) {
      add(strategy, architecture, 'top-50', s.large);
      add(strategy, architecture, 'top-layers', s.large);
    }
    add('alsatian', architecture, 'top-25', s.large);
  }
  for (const strategy of STRATEGY_ORDER) add(strategy, s.architectures[0], 'top-layers', s.small);
  return [...cells.values()];
}
