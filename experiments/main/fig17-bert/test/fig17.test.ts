import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { takeOwnOptions } from '@alsatian/exp-shared';
import experiment from '../src/experiment.ts';
import { clampVocabulary } from '../src/clamp-vocab.ts';
import { limitSplits } from '../src/limit-splits.ts';
import { report } from '../src/report.ts';
import { renderFig17 } from '../src/render.ts';
import { withImdb } from '../src/with-imdb.ts';

let root: string;
let runDir: string;
const SECONDS: Record<string, [number, number, number]> = { 'top-50': [500, 300, 100], 'top-25': [500, 300, 60], 'top-layers': [500, 300, 40] };

// A fixture run as the runner writes it: for each distribution and approach, a few category rows and the total.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fig17-'));
  runDir = join(root, 'fig17-bert', 'quick');
  await mkdir(runDir, { recursive: true });
  const header = 'experiment,figure,scale,cellId,repetition,architecture,distribution,approach,setSize,train,test,dataset,vocab,scope,iteration,category,seconds,models,trainItems,runs,winner,ranking,peakCacheBytes,cacheBudgetBytes,blockCacheHits,blockCacheMisses,storeReused';
  const lines = [header];
  for (const [d, times] of Object.entries(SECONDS)) {
    for (const [i, approach] of ['Base', 'SHiFT', 'Alsatian'].entries()) {
      const ranking = approach === 'Base' ? 'm2 m1 m0 m3' : i === 1 ? 'm1 m2 m0 m3' : 'm2 m1 m0 m3';
      lines.push(`fig17-bert,fig17,quick,c${d}${i},0,tiny_bert,${d},${approach},8,12,4,synthetic-text,,search,,inference,${times[i] / 2},4,,,,,,,,,true`);
      lines.push(`fig17-bert,fig17,quick,c${d}${i},0,tiny_bert,${d},${approach},8,12,4,synthetic-text,,search,,total,${times[i]},4,,1,${ranking.split(' ')[0]},${ranking},100,200,0,4,true`);
    }
  }
  await writeFile(join(runDir, 'results.csv'), `${lines.join('\n')}\n`);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fig17 chart and report', () => {
  it('renders the grouped bars with the speedup over Base on SHiFT and Alsatian', async () => {
    expect(await renderFig17(runDir)).toEqual(['bert-end_to_end.png']);
    const svg = await readFile(join(runDir, 'bert-end_to_end.svg'), 'utf8');
    for (const text of ['BERT: 8 models, 16 items', 'Top 50 %', 'Top Layers', 'Time in seconds', '12.5x', '5.0x', '1.7x', '8 models instead of 35', 'tiny_bert, synthetic review corpus, 16 tokens']) expect(svg).toContain(text);
  });

  it('puts our times and speedups next to the paper and computes the SH regret from the rankings', async () => {
    const section = await report(runDir);
    expect(section.images).toEqual(['fig17-bert/quick/bert-end_to_end.png']);
    expect(section.markdown).toContain('| Top Layers | 500.0 / 300.0 / 40.0 | 12.5x / 7.5x | 528.9 / 299.3 / 38.2 | 13.8x / 7.8x |');
    // SHiFT's winner m1 is Base's second; Alsatian's m2 is Base's first.
    expect(section.markdown).toContain('| top-50 | SHiFT | 2 of 4 |');
    expect(section.markdown).toContain('| top-50 | Alsatian | 1 of 4 |');
  });
});

describe('IMDB options', () => {
  it('takes --imdb and --vocab out of argv and leaves the shared options', () => {
    expect(takeOwnOptions(['--scale', 'small', '--imdb', '/d', '--vocab=/v.txt'], ['imdb', 'vocab'])).toEqual({ own: { imdb: '/d', vocab: '/v.txt' }, rest: ['--scale', 'small'] });
    expect(() => takeOwnOptions(['--imdb'], ['imdb'])).toThrow(InvalidArgumentError);
  });

  it('makes every cell name the corpus folder and vocabulary', () => {
    const cells = withImdb(experiment, '/data/aclImdb', '/data/vocab.txt').grid('quick');
    expect(cells).toHaveLength(9);
    expect(new Set(cells.map((c) => `${c.dataset}|${c.vocab}`))).toEqual(new Set(['/data/aclImdb|/data/vocab.txt']));
  });

  it('cuts the splits to the first items of their seeded order and refuses ranges beyond them', async () => {
    const dataset = await openDataset('synthetic-text:classes=2,train=10,test=6,length=16,seed=1', {});
    try {
      const limited = limitSplits(dataset, 4, 2);
      expect([limited.train.length, limited.test.length]).toEqual([4, 2]);
      expect([...limited.train.labels()]).toEqual([...dataset.train.labels().subarray(0, 4)]);
      expect(() => limited.train.batches({ start: 0, end: 5 }, { batchSize: 2 })).toThrow(/outside the first 4/);
      expect(() => limitSplits(dataset, 11, 2)).toThrow(/has 10 items/);
    } finally {
      await dataset.close();
    }
  });

  it('reads token ids beyond a small model\'s vocabulary as [UNK] and keeps the others', async () => {
    const dataset = await openDataset('synthetic-text:classes=2,train=8,test=2,length=16,seed=1', {});
    try {
      const clamped = clampVocabulary(dataset, 1000);
      const original: bigint[] = [];
      for await (const b of dataset.train.batches({ start: 0, end: 8 }, { batchSize: 4 })) original.push(...(b.inputs[0].data as BigInt64Array));
      const mapped: bigint[] = [];
      for await (const b of clamped.train.batches({ start: 0, end: 8 }, { batchSize: 4 })) mapped.push(...(b.inputs[0].data as BigInt64Array));
      expect(original.some((v) => v >= 1000n)).toBe(true);
      expect(mapped).toEqual(original.map((v) => (v >= 1000n ? 100n : v)));
    } finally {
      await dataset.close();
    }
  });
});
