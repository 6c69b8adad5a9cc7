import { readFile } from 'node:fs/promises';
import { BadInputError, sha256Hex, type Split, type TensorSpec } from '@alsatian/core';
import type { ScannedFolder } from '../folder-scan.ts';
import type { ResolvedOptions } from '../options.ts';
import { itemOrder } from '../order.ts';
import { SkipList } from '../skipped.ts';
import type { SyntheticTextSpec } from '../spec.ts';
import { perItem, type ItemResult } from '../rows.ts';
import { createSplit, type OpenedDataset } from '../split.ts';
import { reviewGenerator, syntheticTextClassNames } from './synthetic-text.ts';
import { decodeUtf8 } from './utf8.ts';
import type { WordPieceEncoder } from './wordpiece.ts';

export function textInputs(length: number): TensorSpec[] {
  return [
    { name: 'input_ids', dtype: 'int64', shape: [length] },
    { name: 'attention_mask', dtype: 'int64', shape: [length] },
  ];
}

interface TextSplitSource {
  readonly labels: Int32Array;
  /** The text of natural item `index`, or a BadInputError naming its file. */
  text(index: number): Promise<string>;
  file(index: number): string;
}

/**
 * Text items are tokenised when their batch is read, in the calling thread (tokenising is cheap next to BERT
 * inference). Unlike the reference, which sliced the unshuffled tensors (all pos before all neg), ranges index
 * the seeded permutation, so early successive-halving chunks hold both classes.
 */
function textDataset(
  id: string,
  classes: string[],
  sources: Record<Split, TextSplitSource>,
  encoder: WordPieceEncoder,
  length: number,
  options: ResolvedOptions,
  skipList: SkipList,
): OpenedDataset {
  const inputs = textInputs(length);
  const split = (name: Split) => {
    const source = sources[name];
    return createSplit({
      name,
      inputs,
      naturalLabels: source.labels,
      order: itemOrder(source.labels, name, options.seed, options.perClass, options.logger, classes),
      prefetch: options.prefetch,
      recycle: false,
      skipBad: options.skipBad,
      skip: (item) => skipList.add(item),
      contentKey: async (natural) => sha256Hex('text/v1', await source.text(natural)),
      loadItems: perItem(inputs, async (natural): Promise<ItemResult> => {
        try {
          const encoded = encoder.encode(await source.text(natural), length);
          return { ok: true, tensors: [encoded.inputIds, encoded.attentionMask] };
        } catch (error) {
          if (!(error instanceof BadInputError)) throw error;
          return {
            ok: false,
            file: source.file(natural),
            reason: error.message.replace(`${source.file(natural)}: `, ''),
          };
        }
      }),
    });
  };
  const transformId = `wordpiece/v1:length=${length},vocab=${encoder.vocabularyHash}`;
  const skipped = () => skipList.list();
  const close = async () => {};
  return { id, classes, inputs, transformId, train: split('train'), test: split('test'), skipped, close };
}

export function openSyntheticText(
  id: string,
  spec: SyntheticTextSpec,
  encoder: WordPieceEncoder,
  options: ResolvedOptions,
): OpenedDataset {
  const generator = reviewGenerator(spec.seed, spec.classes);
  const source = (name: Split, count: number): TextSplitSource => ({
    labels: Int32Array.from({ length: count }, (_, i) => i % spec.classes),
    text: async (index) => generator.review(name, index),
    file: (index) => `${id}#${name}/${index}`,
  });
  const sources = { train: source('train', spec.train), test: source('test', spec.test) };
  return textDataset(
    id,
    syntheticTextClassNames(spec.classes),
    sources,
    encoder,
    spec.length,
    options,
    new SkipList(options.logger),
  );
}

async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new BadInputError(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return decodeUtf8(bytes, file);
}

/** A text folder (IMDB's aclImdb layout, or any ROOT/{train,test}/<class>/*.txt). */
export function openTextFolder(
  id: string,
  scan: ScannedFolder,
  encoder: WordPieceEncoder,
  options: ResolvedOptions,
  skipList: SkipList,
): OpenedDataset {
  const source = (scanned: ScannedFolder['train']): TextSplitSource => ({
    labels: scanned.labels,
    text: (index) => readText(scanned.files[index]),
    file: (index) => scanned.files[index],
  });
  return textDataset(
    id,
    [...scan.classes],
    { train: source(scan.train), test: source(scan.test) },
    encoder,
    options.maxLength,
    options,
    skipList,
  );
}
