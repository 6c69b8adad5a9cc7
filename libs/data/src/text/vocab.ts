import { readFile } from 'node:fs/promises';
import { BadInputError, Rng } from '@alsatian/core';
import { decodeUtf8 } from './utf8.ts';

/** Special tokens every BERT vocabulary needs, under bert-base-uncased's names. */
export const SPECIAL_TOKENS = { pad: '[PAD]', unk: '[UNK]', cls: '[CLS]', sep: '[SEP]', mask: '[MASK]' } as const;

/** Words of the synthetic vocabulary: the first COMMON_WORDS are filler, the rest carry class signal. */
export const SYNTHETIC_WORD_COUNT = 2000;
export const COMMON_WORDS = 1500;

/** Reads a `vocab.txt` (one token per line, line number = id), as shipped with bert-base-uncased. */
export async function readVocabulary(path: string): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new BadInputError(
      `Cannot read vocabulary file '${path}' (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    );
  }
  const text = decodeUtf8(bytes, path);
  const tokens = text.split(/\r?\n/);
  if (tokens.at(-1) === '') tokens.pop();
  const missing = [SPECIAL_TOKENS.pad, SPECIAL_TOKENS.unk, SPECIAL_TOKENS.cls, SPECIAL_TOKENS.sep].filter(
    (t) => !tokens.includes(t),
  );
  if (missing.length > 0) {
    throw new BadInputError(
      `Vocabulary file '${path}' lacks ${missing.join(', ')}; expected a BERT WordPiece vocab.txt (one token ` +
        `per line).`,
    );
  }
  return tokens;
}

function syntheticWords(): string[] {
  const rng = Rng.derive('alsatian-synthetic-vocabulary');
  const onsets = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'st', 'tr', 'pl'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
  const words = new Set<string>();
  while (words.size < SYNTHETIC_WORD_COUNT) {
    const syllables = 2 + rng.int(2);
    let word = '';
    for (let s = 0; s < syllables; s++) word += rng.choice(onsets) + rng.choice(vowels);
    words.add(word);
  }
  return [...words];
}

/**
 * The embedded default vocabulary: bert-base-uncased's special-token layout ([PAD]=0, [unused0-98], [UNK]=100,
 * [CLS]=101, [SEP]=102, [MASK]=103), single characters and '##' continuations (so any ASCII word tokenises),
 * then generated words. Fixed (not seeded by the dataset) so one vocab.txt serves every synthetic corpus.
 */
export function syntheticVocabulary(): string[] {
  const tokens: string[] = [SPECIAL_TOKENS.pad];
  for (let i = 0; i < 99; i++) tokens.push(`[unused${i}]`);
  tokens.push(SPECIAL_TOKENS.unk, SPECIAL_TOKENS.cls, SPECIAL_TOKENS.sep, SPECIAL_TOKENS.mask);
  const chars: string[] = [];
  for (let c = 33; c < 127; c++) if (!/[A-Z]/.test(String.fromCharCode(c))) chars.push(String.fromCharCode(c));
  tokens.push(...chars);
  tokens.push(...chars.filter((c) => /[a-z0-9]/.test(c)).map((c) => `##${c}`));
  tokens.push(...syntheticWords());
  return tokens;
}

/** The synthetic words, in vocabulary order. */
export function syntheticWordList(): string[] {
  return syntheticVocabulary().slice(-SYNTHETIC_WORD_COUNT);
}
