/** Fuzzes vocab.txt reading and the WordPiece encoder built from it: any bytes give a vocabulary or a BadInputError. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz, fuzzRuns, parsesOrRejects } from '@alsatian/core/testing';
import { readVocabulary, syntheticVocabulary, WordPieceEncoder } from '../src/index.ts';
import { tempDir } from './helpers.ts';

const RUNS = fuzzRuns(150);
const LENGTH = 16;
/** A vocab.txt path in a directory of the test's own (removed after it). */
const vocabFile = async () => join(await tempDir(), 'vocab.txt');

const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
/** Lines: the special tokens (some may go missing), BERT-like pieces and hostile ones. */
const token = fc.oneof(
  fc.constantFrom(
    ...specials,
    '##a',
    '##',
    'the',
    '__proto__',
    'constructor',
    'toString',
    '',
    ' ',
    '\u0000',
    '\r',
    '😀',
    '\ud83d',
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.nat(300).map((n) => 'w'.repeat(n)),
);
const vocabText = fc
  .tuple(fc.shuffledSubarray(specials), fc.array(token, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([kept, tokens, eol, bom]) => (bom ? '\ufeff' : '') + [...kept, ...tokens].join(eol));
const bytes = fc.oneof(
  { weight: 3, arbitrary: vocabText.map((t) => new TextEncoder().encode(t)) },
  fc.uint8Array({ maxLength: 256 }),
  fc
    .tuple(vocabText, fc.uint8Array({ minLength: 1, maxLength: 4 }))
    .map(([t, junk]) => Buffer.concat([Buffer.from(t), Buffer.from([0xff, ...junk])])),
);

describe('fuzz: vocab.txt', () => {
  it(`random, damaged and hostile vocabularies; the encoder built from each (${RUNS} cases)`, async () => {
    const file = await vocabFile();
    await fuzz(
      'vocab.txt',
      RUNS,
      fc.asyncProperty(bytes, fc.string({ maxLength: 60 }), async (content, text) => {
        await writeFile(file, content);
        const tokens = await parsesOrRejects(file, () => readVocabulary(file));
        if (!tokens) return;
        const encoder = await parsesOrRejects(file, () => new WordPieceEncoder(tokens, file));
        if (!encoder) return;
        const encoded = encoder.encode(text, LENGTH);
        expect(encoded.inputIds.length).toBe(LENGTH);
        for (const id of encoded.inputIds) expect(Number(id)).toBeLessThan(tokens.length);
      }),
    );
  });

  it('the embedded vocabulary passes the same checks', async () => {
    const file = await vocabFile();
    await writeFile(file, syntheticVocabulary().join('\n'));
    expect(new WordPieceEncoder(await readVocabulary(file), file).encode('hello world', LENGTH).inputIds[0]).toBe(101n);
  });
});
