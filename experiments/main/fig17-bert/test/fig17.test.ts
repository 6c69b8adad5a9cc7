import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvRows } from '@alsatian/bench';
import { openDataset } from '@alsatian/data';
import { fixtureGrid, fixtureRun, plotRun } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import experiment from '../src/experiment.ts';
import { clampVocabulary } from '../src/clamp-vocab.ts';
import { limitSplits } from '../src/limit-splits.ts';
import type { Fig17Settings } from '../src/scales.ts';

let root: string;
let run: RunData<Fig17Settings>;
const SECONDS: Record<string, [number, number, number]> = {
  'top-50': [500, 300, 100],
  'top-25': [500, 300, 60],
  'top-layers': [500, 300, 40],
};

// A fixture run as the runner writes it: for each distribution and strategy, a few category rows and the total.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fig17-'));
  const runDir = join(root, 'fig17-bert', 'quick');
  await mkdir(runDir, { recursive: true });
  const header =
    'experiment,figure,scale,cellId,repetition,architecture,distribution,strategy,setSize,train,test,dataset,' +
    'vocab,scope,iteration,category,seconds,models,trainItems,runs,winner,ranking,peakCacheBytes,' +
    'cacheBudgetBytes,sessionsCreated,sessionsReused,storeReused';
  const lines = [header];
  for (const [d, times] of Object.entries(SECONDS)) {
    for (const [i, strategy] of ['baseline', 'shift', 'alsatian'].entries()) {
      const ranking = strategy === 'baseline' ? 'm2 m1 m0 m3' : i === 1 ? 'm1 m2 m0 m3' : 'm2 m1 m0 m3';
      lines.push(
        `fig17-bert,fig17,quick,c${d}${i},0,tiny_bert,${d},${strategy}` +
          `,8,12,4,synthetic-text,,search,,inference,${times[i] / 2},4,,,,,,,,,true`,
      );
      lines.push(
        `fig17-bert,fig17,quick,c${d}${i},0,tiny_bert,${d},${strategy},8,12,4,synthetic-text,,search,,total,` +
          `${times[i]},4,,1,${ranking.split(' ')[0]},${ranking},100,200,0,4,true`,
      );
    }
  }
  await writeFile(join(runDir, 'results.csv'), `${lines.join('\n')}\n`);
  run = fixtureRun(experiment, await readCsvRows(join(runDir, 'results.csv')), {
    runDir,
    meta: { provenance: experiment.provenance!(experiment.scales.quick, { imdb: '', vocab: '' }) },
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fig17 chart and report', () => {
  it('renders the grouped bars with the speedup over Base on SHiFT and Alsatian', async () => {
    expect((await plotRun(experiment, run)).map((c) => c.name)).toEqual(['bert-end_to_end']);
    const svg = await readFile(join(run.runDir, 'bert-end_to_end.svg'), 'utf8');
    for (const text of [
      'BERT: 8 models, 16 items',
      'Top 50 %',
      'Top Layers',
      'Time in seconds',
      '12.5x',
      '5.0x',
      '1.7x',
      '8 models instead of 35',
      'tiny_bert; data: synthetic, a seeded synthetic review corpus, 2 classes, 16 tokens',
    ])
      expect(svg).toContain(text);
  });

  it('puts our times and speedups next to the paper and computes the SH regret from the rankings', async () => {
    const markdown = experiment.report(run);
    expect(markdown).toContain(
      '| Top Layers | 500.0 / 300.0 / 40.0 | 12.5x / 7.5x | 528.9 / 299.3 / 38.2 | 13.8x / 7.8x |',
    );
    // SHiFT's winner m1 is Base's second; Alsatian's m2 is Base's first.
    expect(markdown).toContain('| top-50 | SHiFT | 2 of 4 |');
    expect(markdown).toContain('| top-50 | Alsatian | 1 of 4 |');
    expect(markdown).toMatch(/grows from Top 50 % to Top Layers .* \| holds \| holds \|/);
  });
});

describe('IMDB options', () => {
  it('makes every cell name the corpus folder and vocabulary, and records the corpus as real', () => {
    const inputs = { imdb: '/data/aclImdb', vocab: '/data/vocab.txt' };
    const cells = fixtureGrid(experiment, 'quick', inputs);
    expect(cells).toHaveLength(9);
    expect(new Set(cells.map((c) => `${c.dataset}|${c.vocab}`))).toEqual(new Set(['/data/aclImdb|/data/vocab.txt']));
    expect(new Set(fixtureGrid(experiment).map((c) => `${c.dataset}|${c.vocab}`))).toEqual(
      new Set(['synthetic-text|']),
    );
    expect(experiment.provenance!(experiment.scales.quick, inputs).dataset).toEqual({
      kind: 'real',
      what: 'IMDB reviews from /data/aclImdb, 16 tokens',
    });
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

  it("reads token ids beyond a small model's vocabulary as [UNK] and keeps the others", async () => {
    const dataset = await openDataset('synthetic-text:classes=2,train=8,test=2,length=16,seed=1', {});
    try {
      const clamped = clampVocabulary(dataset, 1000);
      const original: bigint[] = [];
      for await (const b of dataset.train.batches({ start: 0, end: 8 }, { batchSize: 4 }))
        original.push(...(b.inputs[0].data as BigInt64Array));
      const mapped: bigint[] = [];
      for await (const b of clamped.train.batches({ start: 0, end: 8 }, { batchSize: 4 }))
        mapped.push(...(b.inputs[0].data as BigInt64Array));
      expect(original.some((v) => v >= 1000n)).toBe(true);
      expect(mapped).toEqual(original.map((v) => (v >= 1000n ? 100n : v)));
    } finally {
      await dataset.close();
    }
  });
});
