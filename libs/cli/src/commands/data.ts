/**
 * `alsatian data synth` writes a synthetic dataset to disk (JPEG image folder, or an IMDB-layout text corpus with
 * its vocab.txt); `alsatian data info SPEC` describes any dataset spec: classes, items per split, model inputs and
 * the items skipped under --skip-bad. Progress goes to stderr, results to stdout.
 */
import type { Command } from 'commander';
import type { Dataset } from '@alsatian/core';
import { openDataset, writeSyntheticImageFolder, writeSyntheticTextFolder } from '@alsatian/data';
import { intOption, optionalInt } from '../util/options.ts';
import { print } from '../util/print.ts';
import { progressBar } from '../util/progress.ts';

interface SynthOptions {
  out: string;
  classes: string;
  train: string;
  test: string;
  seed: string;
  size: string;
  quality: string;
  text?: boolean;
}

interface InfoOptions {
  json?: boolean;
  imageSize?: string;
  maxLength?: string;
  vocab?: string;
  perClass?: string;
  seed?: string;
  skipBad?: boolean;
}

export function registerDataCommand(program: Command): void {
  const data = program.command('data').description('Create synthetic datasets and describe datasets');

  data
    .command('synth')
    .description(
      'Write a synthetic dataset: JPEGs in OUT/{train,val}/<class>/, or with --text reviews in ' +
        'OUT/{train,test}/{neg,pos}/ + OUT/vocab.txt',
    )
    .requiredOption('--out <dir>', 'output directory (new or empty)')
    .option('--classes <n>', 'number of classes', '10')
    .option('--train <n>', 'items in the train split', '2000')
    .option('--test <n>', 'items in the test (val) split', '500')
    .option('--seed <n>', 'generator seed', '1')
    .option('--size <px>', 'side of the square images written (resized to 256 and centre-cropped when read)', '256')
    .option('--quality <q>', 'JPEG quality 1-100', '90')
    .option('--text', 'write a synthetic review corpus (IMDB layout) instead of images')
    .action(async (options: SynthOptions) => {
      const common = {
        classes: intOption('--classes', options.classes),
        train: intOption('--train', options.train),
        test: intOption('--test', options.test),
        seed: intOption('--seed', options.seed, 0),
      };
      const progress = progressBar();
      try {
        if (options.text) await writeSyntheticTextFolder(options.out, { ...common, onProgress: progress.update });
        else
          await writeSyntheticImageFolder(options.out, {
            ...common,
            size: intOption('--size', options.size),
            quality: intOption('--quality', options.quality),
            onProgress: progress.update,
          });
      } finally {
        progress.stop();
      }
      print(
        `wrote ${common.train + common.test} ${options.text ? 'reviews' : 'images'} (${common.classes} ` +
          `classes) to ${options.out}`,
      );
    });

  data
    .command('info')
    .description('Classes, items per split, model inputs and skipped items of a dataset (no item is decoded)')
    .argument(
      '<spec>',
      'a directory, synthetic:classes=10,train=2000,test=500,size=224,seed=1 or ' +
        'synthetic-text:classes=2,train=200,test=50,length=256,seed=1',
    )
    .option('--json', 'print JSON')
    .option('--image-size <px>', 'model input side for images (default 224)')
    .option('--max-length <n>', 'tokens per text item (default 256)')
    .option('--vocab <file>', 'WordPiece vocab.txt for text folders')
    .option('--per-class <n>', 'keep N items per class and split')
    .option('--seed <n>', 'item order seed (default 42)')
    .option('--skip-bad', 'skip unreadable items instead of failing')
    .action(async (spec: string, options: InfoOptions) => {
      const dataset = await openDataset(spec, {
        imageSize: optionalInt('--image-size', options.imageSize),
        maxLength: optionalInt('--max-length', options.maxLength),
        vocabFile: options.vocab,
        perClass: optionalInt('--per-class', options.perClass),
        seed: optionalInt('--seed', options.seed, 0),
        skipBad: options.skipBad === true,
        workers: 0,
      });
      try {
        const info = describe(dataset);
        print(options.json ? JSON.stringify(info, null, 2) : formatInfo(info));
      } finally {
        await dataset.close();
      }
    });
}

function describe(dataset: Dataset) {
  const split = (s: Dataset['train']) => {
    const counts: Record<string, number> = Object.fromEntries(dataset.classes.map((c) => [c, 0]));
    for (const label of s.labels()) counts[dataset.classes[label]]++;
    return { items: s.length, perClass: counts };
  };
  return {
    id: dataset.id,
    classes: dataset.classes,
    inputs: dataset.inputs,
    train: split(dataset.train),
    test: split(dataset.test),
    skipped: dataset.skipped(),
  };
}

function formatInfo(info: ReturnType<typeof describe>): string {
  const lines = [
    `dataset  ${info.id}`,
    `classes  ${info.classes.length}`,
    `train    ${info.train.items} items`,
    `test     ${info.test.items} items`,
    ...info.inputs.map((i) => `input    ${i.name} ${i.dtype} [${i.shape.join(',')}]`),
    `skipped  ${info.skipped.length}`,
    ...info.skipped.map((s) => `  ${s.file}: ${s.reason}`),
    'class (train/test items):',
    ...info.classes.map((c) => `  ${c} (${info.train.perClass[c]}/${info.test.perClass[c]})`),
  ];
  return lines.join('\n');
}
