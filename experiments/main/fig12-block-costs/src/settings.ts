import type { Scale } from '@alsatian/bench';

/** What each scale measures (reference 5.4: batch 32 at 224 px, 8 batches of which the first 3 are discarded). */
export interface Fig12Settings {
  readonly batchSize: number;
  readonly imageSize: number;
  readonly warmup: number;
  readonly runs: number;
}

export const ARCHITECTURES = ['resnet152', 'vit_l_32'] as const;

export const SETTINGS: Readonly<Record<Scale, Fig12Settings>> = {
  quick: { batchSize: 8, imageSize: 224, warmup: 1, runs: 3 },
  small: { batchSize: 32, imageSize: 224, warmup: 1, runs: 5 },
  paper: { batchSize: 32, imageSize: 224, warmup: 3, runs: 5 },
};

export function reductions(scale: Scale): string[] {
  const s = SETTINGS[scale];
  const out: string[] = [];
  if (s.batchSize !== 32) out.push(`batch ${s.batchSize} instead of 32`);
  if (s.warmup !== 3 || s.runs !== 5) out.push(`${s.warmup} warm-up + median of ${s.runs} runs instead of 3 + 5`);
  return out;
}
