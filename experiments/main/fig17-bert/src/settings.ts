import type { Scale } from '@alsatian/bench';
import type { DistributionName } from '@alsatian/store';

/**
 * Fig 17 (reference 5.9): 35 synthetic BERT-base snapshots (chained, the paper's three distributions), IMDB,
 * 2000 items (1600 train / 400 test), sequences of 256 tokens. Quick and small keep bert_base and the length and
 * cut models and items instead.
 */
export interface Fig17Settings {
  readonly architecture: string;
  readonly models: number;
  readonly train: number;
  readonly test: number;
  readonly batchSize: number;
}

export const DISTRIBUTIONS: readonly DistributionName[] = ['top-50', 'top-25', 'top-layers'];

export const SETTINGS: Readonly<Record<Scale, Fig17Settings>> = {
  quick: { architecture: 'bert_base', models: 4, train: 12, test: 4, batchSize: 8 },
  small: { architecture: 'bert_base', models: 35, train: 160, test: 40, batchSize: 32 },
  paper: { architecture: 'bert_base', models: 35, train: 1600, test: 400, batchSize: 128 },
};

export function reductions(scale: Scale): string[] {
  const s = SETTINGS[scale];
  const out: string[] = [];
  if (s.architecture !== 'bert_base') out.push(`${s.architecture} instead of bert_base`);
  if (s.models !== 35) out.push(`${s.models} models instead of 35`);
  if (s.train !== 1600) out.push(`${s.train + s.test} items (${s.train}/${s.test}) instead of 2000 (1600/400)`);
  if (s.batchSize !== 128) out.push(`batch ${s.batchSize} instead of 128`);
  return out;
}
