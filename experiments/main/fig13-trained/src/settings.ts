import type { Scale } from '@alsatian/bench';

/**
 * Fig 13 (reference 5.5, the paper's M_train): per architecture 35 models fine-tuned directly from the base plus the
 * base (36), Top 25 % of blocks retrained, 2000 items (1600 / 400), one run. Without real checkpoints the models
 * are a synthetic stand-in with the same structure ('from-base').
 */
export interface Fig13Settings {
  readonly architectures: readonly string[];
  readonly setSize: number;
  readonly train: number;
  readonly test: number;
  /** 0 = the architecture's own (224). */
  readonly imageSize: number;
  readonly batchSize: number;
  readonly reductions: readonly string[];
}

export const PAPER_ARCHITECTURES = ['resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_l_32'] as const;

export const SETTINGS: Readonly<Record<Scale, Fig13Settings>> = {
  quick: {
    architectures: ['resnet18', 'vit_b_32'],
    setSize: 9,
    train: 96,
    test: 32,
    imageSize: 64,
    batchSize: 32,
    reductions: ['9 models per architecture instead of 36', 'ResNet-18 and ViT-B-32 instead of ResNet-18/152, EffNetV2-L, ViT-L-32', '128 items instead of 2000', '64x64 images instead of 224x224'],
  },
  small: {
    architectures: PAPER_ARCHITECTURES,
    setSize: 36,
    train: 400,
    test: 100,
    imageSize: 64,
    batchSize: 64,
    reductions: ['500 items instead of 2000', '64x64 images instead of 224x224'],
  },
  paper: { architectures: PAPER_ARCHITECTURES, setSize: 36, train: 1600, test: 400, imageSize: 0, batchSize: 128, reductions: [] },
};
