import { Tokenizer } from '@huggingface/tokenizers';
import { BadInputError, sha256Hex } from '@alsatian/core';
import { SPECIAL_TOKENS } from './vocab.ts';

export interface EncodedText {
  readonly inputIds: BigInt64Array;
  readonly attentionMask: BigInt64Array;
}

/**
 * BERT (uncased) WordPiece tokenisation: BertNormalizer (clean text, CJK spacing, lower-case, strip accents),
 * BertPreTokenizer (whitespace + punctuation), greedy longest-match WordPiece with '##' continuations, then
 * [CLS] ... [SEP], truncation and padding to a fixed length with an attention mask. Same as transformers'
 * `BertTokenizer('bert-base-uncased')(text, truncation=True, padding='max_length', max_length=L)`.
 *
 * `@huggingface/tokenizers` builds a Tokenizer from a tokenizer.json object; bert-base-uncased's tokenizer.json
 * is this configuration around the vocab.txt, so we assemble that object from the vocabulary, offline. Special
 * tokens, truncation and padding are done here because the library does not truncate or pad.
 */
export class WordPieceEncoder {
  private readonly tokenizer: Tokenizer;
  readonly padId: number;
  readonly clsId: number;
  readonly sepId: number;
  readonly vocabSize: number;
  /** sha256 of the vocabulary, one token a line: identifies the tokeniser in feature-store keys. */
  readonly vocabularyHash: string;

  constructor(vocabulary: readonly string[], source: string) {
    this.vocabularyHash = sha256Hex(vocabulary.join('\n'));
    const vocab: Record<string, number> = {};
    vocabulary.forEach((token, id) => {
      if (!(token in vocab)) vocab[token] = id;
    });
    const id = (token: string) => {
      const value = vocab[token];
      if (value === undefined) throw new BadInputError(`Vocabulary '${source}' lacks the special token ${token}.`);
      return value;
    };
    this.padId = id(SPECIAL_TOKENS.pad);
    this.clsId = id(SPECIAL_TOKENS.cls);
    this.sepId = id(SPECIAL_TOKENS.sep);
    id(SPECIAL_TOKENS.unk);
    this.vocabSize = vocabulary.length;
    const special = Object.values(SPECIAL_TOKENS).filter((t) => t in vocab);
    this.tokenizer = new Tokenizer(
      {
        normalizer: {
          type: 'BertNormalizer',
          clean_text: true,
          handle_chinese_chars: true,
          strip_accents: null,
          lowercase: true,
        },
        pre_tokenizer: { type: 'BertPreTokenizer' },
        model: {
          type: 'WordPiece',
          vocab,
          unk_token: SPECIAL_TOKENS.unk,
          continuing_subword_prefix: '##',
          max_input_chars_per_word: 100,
        },
        post_processor: null,
        decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
        added_tokens: special.map((content) => ({
          id: vocab[content],
          content,
          single_word: false,
          lstrip: false,
          rstrip: false,
          normalized: false,
          special: true,
        })),
      },
      { do_lower_case: true },
    );
  }

  /** WordPiece tokens of `text` without special tokens (for tests and inspection). */
  tokens(text: string): string[] {
    return this.tokenizer.tokenize(text, { add_special_tokens: false });
  }

  encode(text: string, maxLength: number): EncodedText {
    const ids = this.tokenizer.encode(text, { add_special_tokens: false }).ids.slice(0, maxLength - 2);
    const inputIds = new BigInt64Array(maxLength).fill(BigInt(this.padId));
    const attentionMask = new BigInt64Array(maxLength);
    inputIds[0] = BigInt(this.clsId);
    ids.forEach((value, i) => (inputIds[i + 1] = BigInt(value)));
    inputIds[ids.length + 1] = BigInt(this.sepId);
    attentionMask.fill(1n, 0, ids.length + 2);
    return { inputIds, attentionMask };
  }
}
