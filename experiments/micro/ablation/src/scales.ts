/**
 * The ablation's scales: one search cell, run once per variant. Small and paper use the configuration on which
 * the original implementation was measured on a 2-core CPU machine (35 distinct resnet18 snapshots, Top-Layers,
 * 256/64 items at 224 px, batch 32); quick shrinks models, items and images as the other quick figures do.
 */
import type { Scales } from '@alsatian/bench';
import type { EndToEndCell } from '@alsatian/exp-shared';
import { VARIANTS } from './variants.ts';

export interface AblationSettings {
  readonly architecture: string;
  readonly distribution: string;
  readonly train: number;
  readonly test: number;
  readonly setSize: number;
  readonly paperIndices: boolean;
  /** 0 = the architecture's own (224). */
  readonly imageSize: number;
  readonly batchSize: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

export interface AblationCell extends EndToEndCell {
  readonly variant: string;
}

const PAPER_CELL = {
  architecture: 'resnet18',
  distribution: 'top-layers',
  train: 256,
  test: 64,
  setSize: 35,
  paperIndices: true,
  imageSize: 0,
  batchSize: 32,
};

export const ABLATION_SCALES: Scales<AblationSettings> = {
  quick: {
    architecture: 'resnet18',
    distribution: 'top-layers',
    train: 192,
    test: 64,
    setSize: 8,
    paperIndices: false,
    imageSize: 64,
    batchSize: 32,
    repetitions: 1,
    reductions: ['8 models instead of 35', '256 items at 64x64 instead of 320 at 224x224'],
  },
  small: { ...PAPER_CELL, repetitions: 1, reductions: [] },
  paper: { ...PAPER_CELL, repetitions: 3, reductions: [] },
};

export function ablationGrid(s: AblationSettings): AblationCell[] {
  return VARIANTS.map((v) => ({
    variant: v.name,
    strategy: 'alsatian',
    architecture: s.architecture,
    distribution: s.distribution,
    items: s.train + s.test,
    train: s.train,
    test: s.test,
    setSize: s.setSize,
    imageSize: s.imageSize,
    cacheBudgetMB: 0,
    blockCacheMB: 0,
  }));
}
