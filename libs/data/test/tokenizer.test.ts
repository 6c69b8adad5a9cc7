import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '@alsatian/core';
import { openDataset, readVocabulary, syntheticVocabulary, WordPieceEncoder } from '../src/index.ts';
import { writeText } from './fixtures.ts';
import { collect, tempDir } from './helpers.ts';

// id:             0        1        2        3        4         5      6       7     8       9    10     11         12
// 13
const VOCAB = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  '[MASK]',
  'the',
  'movie',
  'was',
  'great',
  '!',
  'un',
  '##believ',
  '##able',
  '.',
];

describe('WordPiece encoder', () => {
  const encoder = new WordPieceEncoder(VOCAB, 'test vocab');

  it('lower-cases, splits punctuation, uses ## continuations and [UNK]', () => {
    expect(encoder.tokens('The MOVIE was Unbelievable!! zzz')).toEqual([
      'the',
      'movie',
      'was',
      'un',
      '##believ',
      '##able',
      '!',
      '!',
      '[UNK]',
    ]);
  });

  it('wraps in [CLS] ... [SEP], pads with [PAD] and masks the padding', () => {
    const { inputIds, attentionMask } = encoder.encode('The movie was great!', 10);
    expect(Array.from(inputIds, Number)).toEqual([2, 5, 6, 7, 8, 9, 3, 0, 0, 0]);
    expect(Array.from(attentionMask, Number)).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  });

  it('truncates to maxLength with [SEP] last', () => {
    const { inputIds, attentionMask } = encoder.encode('the movie was great . the movie', 5);
    expect(Array.from(inputIds, Number)).toEqual([2, 5, 6, 7, 3]);
    expect(Array.from(attentionMask, Number)).toEqual([1, 1, 1, 1, 1]);
  });

  it('reads vocab.txt and rejects one without the special tokens', async () => {
    const dir = await tempDir();
    await writeText(join(dir, 'vocab.txt'), `${VOCAB.join('\n')}\n`);
    expect(await readVocabulary(join(dir, 'vocab.txt'))).toEqual(VOCAB);
    await writeText(join(dir, 'bad.txt'), 'the\nmovie\n');
    await expect(readVocabulary(join(dir, 'bad.txt'))).rejects.toThrow(
      /bad\.txt' lacks \[PAD\], \[UNK\], \[CLS\], \[SEP\]/,
    );
    await expect(readVocabulary(join(dir, 'none.txt'))).rejects.toBeInstanceOf(BadInputError);
  });

  it('the synthetic vocabulary keeps bert-base-uncased special ids', () => {
    const vocab = syntheticVocabulary();
    expect([vocab[0], vocab[100], vocab[101], vocab[102], vocab[103]]).toEqual([
      '[PAD]',
      '[UNK]',
      '[CLS]',
      '[SEP]',
      '[MASK]',
    ]);
    expect(new Set(vocab).size).toBe(vocab.length);
  });
});

describe('text datasets', () => {
  it('an IMDB-layout folder gives int64 input_ids and attention_mask batches using ROOT/vocab.txt', async () => {
    const root = await tempDir();
    await writeText(join(root, 'vocab.txt'), `${VOCAB.join('\n')}\n`);
    await writeText(join(root, 'train/pos/0_9.txt'), 'The movie was great!');
    await writeText(join(root, 'train/neg/1_2.txt'), 'The movie was unbelievable.');
    await writeText(join(root, 'train/unsup/2_0.txt'), 'not a class');
    await writeText(join(root, 'test/pos/3_8.txt'), 'great');
    await writeText(join(root, 'test/neg/4_1.txt'), 'the');
    const ds = await openDataset(root, { maxLength: 8 });
    expect(ds.classes).toEqual(['neg', 'pos']);
    expect(ds.inputs).toEqual([
      { name: 'input_ids', dtype: 'int64', shape: [8] },
      { name: 'attention_mask', dtype: 'int64', shape: [8] },
    ]);
    const [batch] = await collect(ds.train, { start: 0, end: 2 }, 2);
    expect(batch.inputs[0].shape).toEqual([2, 8]);
    const byLabel = new Map(
      Array.from(batch.labels, (label, i) => [
        label,
        Array.from(batch.inputs[0].data.subarray(i * 8, i * 8 + 8), Number),
      ]),
    );
    expect(byLabel.get(1)).toEqual([2, 5, 6, 7, 8, 9, 3, 0]);
    expect(byLabel.get(0)).toEqual([2, 5, 6, 7, 10, 11, 12, 3]); // truncated: [SEP] replaces the final '.'
    const ids = batch.inputs[0].data as BigInt64Array;
    const mask = batch.inputs[1].data as BigInt64Array;
    expect(Array.from(mask, Number)).toEqual(Array.from(ids, (v) => (v === 0n ? 0 : 1)));
  });
});
