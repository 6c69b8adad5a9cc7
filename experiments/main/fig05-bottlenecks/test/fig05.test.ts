import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { fixtureRun, plotRun } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { architectureAt, describeBlocks } from '@alsatian/models';
import { createProxy } from '@alsatian/proxies';
import { generateSnapshotSet, openStore } from '@alsatian/store';
import experiment from '../src/experiment.ts';
import { writeIntermediates } from '../src/inputs.ts';
import { scoreOneModel } from '../src/score-one.ts';
import { ARCHITECTURES, panelOf } from '../src/scales.ts';
import type { Fig05Settings } from '../src/scales.ts';

let root: string;
let run: RunData<Fig05Settings>;
const PHASE_SECONDS = { prepareModel: 4, prepareData: 2, inference: 3, proxy: 1 };

// A fixture run: every panel and architecture with phases 40 / 20 / 30 / 10 % (panel (d) doubles prepare model).
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fig05-'));
  const runDir = join(root, 'fig05-bottlenecks', 'quick');
  await mkdir(runDir, { recursive: true });
  const rows = [];
  for (const [items, cached] of [
    [288, false],
    [32, false],
    [3, false],
    [32, true],
  ] as const) {
    for (const architecture of ARCHITECTURES) {
      for (const [category, seconds] of Object.entries(PHASE_SECONDS)) {
        const s = cached && category === 'prepareModel' ? 2 * seconds : seconds;
        rows.push({
          experiment: 'fig05-bottlenecks',
          figure: 'fig05',
          scale: 'quick',
          cellId: `c${items}${cached}${architecture}`,
          repetition: 0,
          architecture,
          items,
          cached,
          imageSize: 64,
          batchSize: 32,
          panel: panelOf(items, cached, 'quick'),
          category,
          seconds: s,
          readSeconds: category === 'prepareModel' ? s / 2 : null,
          sessionSeconds: null,
          bytesRead: 200e6 * (s / 2),
          blocksRun: 3,
          score: 0.5,
        });
      }
    }
  }
  run = fixtureRun(experiment, rows, { runDir });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fig05 chart and report', () => {
  it('renders one 100 % bar per architecture in one panel per setting', async () => {
    expect((await plotRun(experiment, run)).map((c) => c.name)).toEqual(['normalized-bottleneck-analysis']);
    const svg = await readFile(join(run.runDir, 'normalized-bottleneck-analysis.svg'), 'utf8');
    for (const text of [
      'Runtime breakdown for scoring a single model',
      '(a) 288 items',
      '(c) 3 items',
      '(d) 32 items, last 3 blocks from cache',
      'ViT-L-32',
      'EfficientNetV2-L',
      'prepare model',
      'proxy score',
      '100%',
    ])
      expect(svg).toContain(text);
  });

  it("reports our shares next to the paper's and the observed store read rate", async () => {
    const markdown = experiment.report(run);
    expect(markdown).toContain(
      '| (a) 288 items | ViT-L-32 | 40.0 / 20.0 / 30.0 / 10.0 | 10.00 | 19.9 / 5.8 / 73.9 / 0.4 |',
    );
    // Panel (d): prepare model 8 of 14 s.
    expect(markdown).toContain(
      `| (d) 32 items, last 3 blocks from cache | ResNet-18 | ${((100 * 8) / 14).toFixed(1)} / ` +
        `${((100 * 2) / 14).toFixed(1)}`,
    );
    expect(markdown).toContain('observed 200-200 MB/s');
    // The fixture's shares are equal in (a)-(c): the shape differs for every architecture; the paper's holds.
    expect(markdown).toContain('| holds | differs: ResNet-18, ResNet-152, EfficientNetV2-L, ViT-L-32 |');
  });
});

describe('scoreOneModel', () => {
  it('reads the model through the throttled store, runs images or cached last blocks, times each phase', async () => {
    const dir = join(root, 'store');
    const store = await openStore(dir);
    const set = await generateSnapshotSet(store, {
      architecture: 'tiny_resnet',
      count: 1,
      seed: 3,
      distribution: 'top-layers',
      imageSize: 32,
    });
    const model = set.models[0];
    const throttled = await openStore(dir, { readLimitBytesPerSec: 1e6 });
    const engine = await createEngine({ threads: 1 });
    const dataset = await openDataset('synthetic:classes=4,train=10,test=2,size=32,seed=1', { workers: 0 });
    try {
      const full = await scoreOneModel({
        store: throttled,
        model,
        engine,
        proxy: createProxy('linear', { epochs: 5 }),
        input: { kind: 'images', dataset, items: 10 },
        batchSize: 4,
        seed: 1,
      });
      expect(full.blocksRun).toBe(model.blocks.length);
      // Parameters plus buffers (BatchNorm running statistics) of every block.
      expect(full.bytesRead).toBeGreaterThan(model.params * 4);
      expect(full.readSeconds + full.sessionSeconds).toBeCloseTo(full.seconds.prepareModel, 6);
      for (const s of Object.values(full.seconds)) expect(s).toBeGreaterThan(0);

      const def = architectureAt('tiny_resnet', 32);
      const fromBlock = def.splitIndexes[3];
      const [spec] = describeBlocks(def).features[fromBlock].inputs;
      const files = await writeIntermediates(join(root, 'cache'), spec, 10, 4, 1);
      expect(files.map((f) => f.rows)).toEqual([4, 4, 2]);
      const cached = await scoreOneModel({
        store,
        model,
        engine,
        proxy: createProxy('linear', { epochs: 5 }),
        input: { kind: 'intermediates', files, spec, fromBlock, classes: 4 },
        batchSize: 4,
        seed: 1,
      });
      expect(cached.blocksRun).toBe(model.blocks.length - fromBlock);
      expect(cached.bytesRead).toBe(full.bytesRead);
    } finally {
      await dataset.close();
      await engine.dispose();
    }
  });
});
