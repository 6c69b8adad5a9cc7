import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Inputs, Scales } from '@alsatian/bench';
import { BadInputError } from '@alsatian/core';
import { STRATEGY_ORDER } from '@alsatian/exp-shared';
import { architectureNames } from '@alsatian/models';

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
  readonly repetitions: number;
  /** What the scale's stand-in leaves out (models, architectures, images). */
  readonly modelReductions: readonly string[];
  readonly reductions: readonly string[];
}

export interface Fig13Cell extends Record<string, string | number> {
  readonly strategy: string;
  readonly architecture: string;
  readonly distribution: string;
  /** Models searched, the base included (36 as the paper; with checkpoints, as many as the folder holds). */
  readonly setSize: number;
  readonly train: number;
  readonly test: number;
  /** 0 = the architecture's own (224). */
  readonly imageSize: number;
  /** '' = synthetic stand-in; else the checkpoint root (DIR/<architecture>/...). */
  readonly checkpoints: string;
}

export const PAPER_ARCHITECTURES = ['resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_l_32'] as const;

const scale = (s: Omit<Fig13Settings, 'reductions' | 'repetitions'>, items: readonly string[]): Fig13Settings => ({
  ...s,
  repetitions: 1,
  reductions: [...s.modelReductions, ...items],
});

export const FIG13_SCALES: Scales<Fig13Settings> = {
  quick: scale(
    {
      architectures: ['resnet18', 'vit_b_32'],
      setSize: 9,
      train: 96,
      test: 32,
      imageSize: 64,
      batchSize: 32,
      modelReductions: [
        '9 models per architecture instead of 36',
        'ResNet-18 and ViT-B-32 instead of ResNet-18/152, EffNetV2-L, ViT-L-32',
        '64x64 images instead of 224x224',
      ],
    },
    ['128 items instead of 2000'],
  ),
  // 224 px and all 36 models; one ResNet and fewer items fit the small scale's budget (docs/small-scale.md).
  small: scale(
    {
      architectures: ['resnet18'],
      setSize: 36,
      train: 96,
      test: 32,
      imageSize: 0,
      batchSize: 32,
      modelReductions: ['ResNet-18 only instead of ResNet-18/152, EffNetV2-L, ViT-L-32'],
    },
    ['128 items instead of 2000'],
  ),
  paper: scale(
    {
      architectures: PAPER_ARCHITECTURES,
      setSize: 36,
      train: 1600,
      test: 400,
      imageSize: 0,
      batchSize: 128,
      modelReductions: [],
    },
    [],
  ),
};

/** With checkpoints, their architectures and counts replace the stand-in's, so only the item reductions remain. */
export function fig13Reductions(s: Fig13Settings, inputs: Inputs): readonly string[] {
  return inputs.checkpoints === '' ? s.reductions : s.reductions.filter((r) => !s.modelReductions.includes(r));
}

/**
 * One cell per strategy and architecture: the scale's stand-in sets, or with `--checkpoints DIR` every
 * architecture folder of DIR at the architecture's own resolution, counting the checkpoints found.
 */
export function fig13Grid(s: Fig13Settings, { inputs }: { readonly inputs: Inputs }): Fig13Cell[] {
  const cell = (architecture: string, setSize: number, imageSize: number, checkpoints: string) =>
    STRATEGY_ORDER.map((strategy) => ({
      strategy,
      architecture,
      distribution: 'top-25',
      setSize,
      train: s.train,
      test: s.test,
      imageSize,
      checkpoints,
    }));
  const dir = inputs.checkpoints;
  if (dir === '') return s.architectures.flatMap((a) => cell(a, s.setSize, s.imageSize, ''));
  const names = new Set(architectureNames({ includeTiny: true }));
  const found = readdirSync(dir).filter((name) => names.has(name) && statSync(join(dir, name)).isDirectory());
  if (found.length === 0)
    throw new BadInputError(
      `--checkpoints ${dir}: no architecture folder found (expected e.g. ${join(dir, 'resnet18')}/ with ` +
        `*.safetensors or Hugging Face folders).`,
    );
  return found.flatMap((a) => {
    const count = readdirSync(join(dir, a)).filter(
      (n) => n.endsWith('.safetensors') || statSync(join(dir, a, n)).isDirectory(),
    ).length;
    return cell(a, count, 0, dir);
  });
}
