import type { Scales } from '@alsatian/bench';

/** What each scale measures (reference 5.4: batch 32 at 224 px, 8 batches of which the first 3 are discarded). */
export interface Fig12Settings {
  readonly batchSize: number;
  readonly imageSize: number;
  readonly warmup: number;
  readonly runs: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

export const ARCHITECTURES = ['resnet152', 'vit_l_32'] as const;

function settings(s: Omit<Fig12Settings, 'reductions' | 'repetitions'>): Fig12Settings {
  const reductions: string[] = [];
  if (s.batchSize !== 32) reductions.push(`batch ${s.batchSize} instead of 32`);
  if (s.warmup !== 3 || s.runs !== 5)
    reductions.push(`${s.warmup} warm-up + median of ${s.runs} runs instead of 3 + 5`);
  return { ...s, repetitions: 1, reductions };
}

export const FIG12_SCALES: Scales<Fig12Settings> = {
  quick: settings({ batchSize: 8, imageSize: 224, warmup: 1, runs: 3 }),
  small: settings({ batchSize: 32, imageSize: 224, warmup: 1, runs: 5 }),
  paper: settings({ batchSize: 32, imageSize: 224, warmup: 3, runs: 5 }),
};
