import type { Scale } from '@alsatian/bench';
import { architecture } from '@alsatian/models';
import type { DistributionName } from '@alsatian/store';

/**
 * Fig 17 (reference 5.9): 35 synthetic BERT-base snapshots (chained, the paper's three distributions), IMDB,
 * 2000 items (1600 train / 400 test), sequences of 256 tokens. Small keeps bert_base and its length and cuts
 * models and items; quick uses tiny_bert (see below).
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
  // bert_base cannot finish here in minutes (measured: Base over 4 models and 16 items took 288 s on the shared
  // 2-core machine), so quick uses tiny_bert, whose blocks are defined for 16 tokens.
  quick: { architecture: 'tiny_bert', models: 8, train: 96, test: 32, batchSize: 32 },
  small: { architecture: 'bert_base', models: 12, train: 32, test: 8, batchSize: 8 },
  paper: { architecture: 'bert_base', models: 35, train: 1600, test: 400, batchSize: 128 },
};

export function reductions(scale: Scale): string[] {
  const s = SETTINGS[scale];
  const out: string[] = [];
  if (s.architecture !== 'bert_base') out.push(`${s.architecture} (16 tokens) instead of bert_base (256 tokens): bert_base takes minutes per search on 2 cores`);
  if (s.models !== 35) out.push(`${s.models} models instead of 35`);
  if (s.train !== 1600) out.push(`${s.train + s.test} items (${s.train}/${s.test}) instead of 2000 (1600/400)`);
  if (s.batchSize !== 128) out.push(`batch ${s.batchSize} instead of 128`);
  return out;
}

/** Tokens per item of a text architecture (bert_base: 256, tiny_bert: 16). */
export function tokensOf(name: string): number {
  return architecture(name).inputs[0].shape[0];
}
