import { Rng } from '@alsatian/core';
import { COMMON_WORDS, syntheticWordList } from './vocab.ts';

const SIGNAL_WORDS_PER_CLASS = 40;
const SIGNAL_RATE = 0.2;

/** Class names of a synthetic text corpus: IMDB's for two classes, zero-padded names otherwise. */
export function syntheticTextClassNames(classes: number): string[] {
  if (classes === 2) return ['neg', 'pos'];
  const width = Math.max(2, String(classes - 1).length);
  return Array.from({ length: classes }, (_, c) => `class${String(c).padStart(width, '0')}`);
}

export interface ReviewGenerator {
  /** The review text of natural item `index` of `split`; its label is `index % classes`. */
  review(split: string, index: number): string;
}

/**
 * Synthetic reviews: sentences of filler words in which about one word in five comes from the item's class's own
 * word list (drawn per seed). A bag-of-words model, or the CLS feature of BERT, can tell the classes apart.
 */
export function reviewGenerator(seed: number, classes: number): ReviewGenerator {
  const words = syntheticWordList();
  const common = words.slice(0, COMMON_WORDS);
  const signalPool = words.slice(COMMON_WORDS);
  const signal = Array.from({ length: classes }, (_, c) =>
    Rng.derive(seed, 'synthetic-text', 'class', c)
      .shuffle([...signalPool])
      .slice(0, SIGNAL_WORDS_PER_CLASS),
  );
  return {
    review(split, index) {
      const rng = Rng.derive(seed, 'synthetic-text', split, index);
      const own = signal[index % classes];
      const total = 30 + rng.int(220);
      const sentences: string[] = [];
      for (let written = 0; written < total;) {
        const length = Math.min(6 + rng.int(13), total - written);
        const sentence = Array.from({ length }, () =>
          rng.next() < SIGNAL_RATE ? rng.choice(own) : rng.choice(common),
        );
        sentence[0] = sentence[0][0].toUpperCase() + sentence[0].slice(1);
        if (length > 8 && rng.next() < 0.3) sentence[4] += ',';
        sentences.push(sentence.join(' ') + (rng.next() < 0.2 ? '!' : '.'));
        written += length;
      }
      return sentences.join(' ');
    },
  };
}
