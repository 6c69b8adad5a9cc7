import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanFolder } from './folder-scan.ts';
import { openImageFolder } from './images/image-folder.ts';
import { openSyntheticImages } from './images/synthetic-dataset.ts';
import { resolveOptions, type OpenDatasetOptions, type ResolvedOptions } from './options.ts';
import { SkipList } from './skipped.ts';
import type { OpenedDataset } from './split.ts';
import { formatSyntheticSpec, parseSyntheticSpec, specScheme } from './spec.ts';
import { openSyntheticText, openTextFolder } from './text/text-datasets.ts';
import { readVocabulary, syntheticVocabulary } from './text/vocab.ts';
import { WordPieceEncoder } from './text/wordpiece.ts';

/**
 * Opens a dataset:
 * - `synthetic:classes=10,train=2000,test=500,size=224,seed=1`: in-memory images;
 * - `synthetic-text:classes=2,train=200,test=50,length=256,seed=1`: in-memory tokenised text;
 * - a directory `ROOT/{train, val|test}/<class>/*`: an image folder (jpg, jpeg, png) or a text folder
 *   (`*.txt`, e.g. IMDB's aclImdb), told apart by the files it holds.
 * Opening reads only the folder listing (and file sizes); items are decoded when a batch asks for them.
 */
export async function openDataset(spec: string, options: OpenDatasetOptions = {}): Promise<OpenedDataset> {
  const resolved = resolveOptions(options);
  const scheme = specScheme(spec);
  if (scheme !== undefined && !existsSync(spec)) {
    const parsed = parseSyntheticSpec(spec, resolved);
    const id = formatSyntheticSpec(parsed);
    if (parsed.kind === 'synthetic') return openSyntheticImages(id, parsed, resolved);
    return openSyntheticText(id, parsed, await encoderFor(resolved, undefined), resolved);
  }
  const root = resolve(spec);
  const skipList = new SkipList(resolved.logger);
  const scan = await scanFolder(root, resolved.skipBad, (item) => skipList.add(item), resolved.logger);
  if (scan.kind === 'image') return openImageFolder(root, scan, resolved, skipList);
  return openTextFolder(root, scan, await encoderFor(resolved, root), resolved, skipList);
}

/**
 * The vocabulary: the option, else ROOT/vocab.txt (what `alsatian data synth --text` writes), else the synthetic one.
 */
async function encoderFor(options: ResolvedOptions, root: string | undefined): Promise<WordPieceEncoder> {
  const beside = root === undefined ? undefined : join(root, 'vocab.txt');
  const file = options.vocabFile ?? (beside !== undefined && existsSync(beside) ? beside : undefined);
  if (file === undefined) {
    options.logger.info(
      'text: using the embedded synthetic vocabulary (pass vocabFile for bert-base-uncased vocab.txt)',
    );
    return new WordPieceEncoder(syntheticVocabulary(), 'synthetic vocabulary');
  }
  options.logger.info(`text: vocabulary ${file}`);
  return new WordPieceEncoder(await readVocabulary(file), file);
}
