import type { Scales } from '@alsatian/bench';
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
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

export interface Fig17Cell extends Record<string, string | number> {
  readonly architecture: string;
  readonly distribution: string;
  readonly strategy: string;
  /** Snapshots in the set, the base included. */
  readonly setSize: number;
  readonly train: number;
  readonly test: number;
  /** 'synthetic-text', or the IMDB directory (aclImdb layout: train/{neg,pos}, test/{neg,pos}). */
  readonly dataset: string;
  /** WordPiece vocab.txt for a real corpus ('' = DIR/vocab.txt if present, else the embedded one). */
  readonly vocab: string;
}

export const DISTRIBUTIONS: readonly DistributionName[] = ['top-50', 'top-25', 'top-layers'];

/** Tokens per item of a text architecture (bert_base: 256, tiny_bert: 16). */
export function tokensOf(name: string): number {
  return architecture(name).inputs[0].shape[0];
}

function settings(s: Omit<Fig17Settings, 'reductions' | 'repetitions'>): Fig17Settings {
  const reductions: string[] = [];
  if (s.architecture !== 'bert_base')
    reductions.push(`${s.architecture} (${tokensOf(s.architecture)} tokens) instead of bert_base (256 tokens)`);
  if (s.models !== 35) reductions.push(`${s.models} models instead of 35`);
  if (s.train !== 1600) reductions.push(`${s.train + s.test} items (${s.train}/${s.test}) instead of 2000 (1600/400)`);
  if (s.batchSize !== 128) reductions.push(`batch ${s.batchSize} instead of 128`);
  return { ...s, repetitions: 1, reductions };
}

export const FIG17_SCALES: Scales<Fig17Settings> = {
  // bert_base took 288 s for Base over 4 models and 16 items on a 2-core development machine, so quick uses
  // tiny_bert, whose blocks are defined for 16 tokens.
  quick: settings({ architecture: 'tiny_bert', models: 8, train: 96, test: 32, batchSize: 32 }),
  small: settings({ architecture: 'bert_base', models: 4, train: 24, test: 8, batchSize: 8 }),
  paper: settings({ architecture: 'bert_base', models: 35, train: 1600, test: 400, batchSize: 128 }),
};
