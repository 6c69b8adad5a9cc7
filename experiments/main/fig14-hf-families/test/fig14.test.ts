import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@alsatian/core';
import {
  ensureFamilyStore,
  FIG14_FAMILIES,
  fixtureGrid,
  fixtureRun,
  PAPER_FAMILIES,
  plotRun,
  scaledCount,
} from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { openStore } from '@alsatian/store';
import experiment from '../src/experiment.ts';
import type { Fig14Settings } from '../src/scales.ts';

let root: string;
let run: RunData<Fig14Settings>;

// Fixture: each family's Base / SHiFT / Alsatian at 128 items, Alsatian 4x faster than Base on DETR-50.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fig14-'));
  const runDir = join(root, 'fig14-hf-families', 'quick');
  await mkdir(runDir, { recursive: true });
  const rows = [];
  for (const [f, family] of FIG14_FAMILIES.entries()) {
    for (const [i, strategy] of ['baseline', 'shift', 'alsatian'].entries()) {
      const seconds = family.key === 'detr-50' ? [80, 60, 20][i] : 10 + f - i;
      rows.push({
        experiment: 'fig14-hf-families',
        figure: 'fig14',
        scale: 'quick',
        cellId: `c${f}${i}`,
        repetition: 0,
        strategy,
        family: family.key,
        architecture: 'tiny_resnet',
        setSize: 4,
        items: 128,
        train: 96,
        test: 32,
        hfDir: '',
        scope: 'search',
        iteration: null,
        category: 'total',
        seconds,
        models: 4,
        ranking: 'a b c d',
        winner: i === 1 ? 'b' : 'a',
        storeUniqueBytes: 1000,
      });
    }
  }
  run = fixtureRun(experiment, rows, {
    runDir,
    meta: { provenance: experiment.provenance!(experiment.scales.quick, { 'hf-dir': '' }) },
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fig14 charts and report', () => {
  it('renders the large and the small families as two charts with speedup labels', async () => {
    expect((await plotRun(experiment, run)).map((c) => c.name)).toEqual(['end_to_end-long', 'end_to_end-short']);
    const long = await readFile(join(run.runDir, 'end_to_end-long.svg'), 'utf8');
    for (const text of [
      'large families',
      'ViT-B-16 (4)',
      'DETR-50 (4)',
      '4.0x',
      'models: synthetic, stand-in families',
    ])
      expect(long).toContain(text);
    const short = await readFile(join(run.runDir, 'end_to_end-short.svg'), 'utf8');
    for (const text of ['DETR-101 (4)', 'DINOv2-L (4)', 'M-Res-152 (4)']) expect(short).toContain(text);
    expect(short).not.toContain('DETR-50 (4)');
  });

  it('compares each family with the paper at the item count it stands for', async () => {
    const markdown = experiment.report(run);
    expect(markdown).toContain(
      '| 128 (paper 2000) | DETR-50 (4; paper 233) | 80.0 / 60.0 / 20.0 | 4.0x / 3.0x | 4.8x / 4.2x |',
    );
    expect(markdown).toContain('| detr-50 | 128 | SHiFT | 2 of 4 |');
    // One item count: growth with items cannot be measured.
    expect(markdown).toMatch(/fastest in every cell .* \| holds \| holds \|/);
    expect(markdown).toMatch(/grows with the items .* \| holds \| not measured at this scale \|/);
  });
});

describe('families', () => {
  it("holds the paper's twelve families, about 500 models, five of them in Fig 14", () => {
    expect(PAPER_FAMILIES).toHaveLength(12);
    const total = PAPER_FAMILIES.reduce((s, f) => s + f.models, 0);
    expect(total).toBeGreaterThan(490);
    expect(total).toBeLessThan(520);
    expect(FIG14_FAMILIES.map((f) => f.key)).toEqual(['vit-b-16', 'detr-50', 'detr-101', 'dinov2-l', 'm-res-152']);
    expect(
      fixtureGrid(experiment)
        .filter((c) => c.family === 'detr-50')
        .map((c) => c.setSize),
    ).toEqual([23, 23, 23]);
    expect(scaledCount(FIG14_FAMILIES[3], 0.1, 4)).toBe(4);
  });

  it('generates stand-in families with their own bases into one store, once', async () => {
    const request = [
      { key: 'detr-50', architecture: 'tiny_resnet', count: 5 },
      { key: 'tab-rec', architecture: 'tiny_resnet', count: 4 },
    ];
    const first = await ensureFamilyStore(join(root, 'stores'), request, 1, silentLogger);
    expect(first.models['detr-50']).toHaveLength(5);
    expect(first.models['tab-rec']).toHaveLength(4);
    const store = await openStore(first.dir);
    const [a, b] = [store.getModel(first.models['detr-50'][0]), store.getModel(first.models['tab-rec'][0])];
    expect(a.blocks[0]).not.toBe(b.blocks[0]);
    expect(first.uniqueBytes).toBe(store.stats().uniqueBytes);
    expect(await ensureFamilyStore(join(root, 'stores'), request, 1, silentLogger)).toEqual(first);
  });

  it('keeps only the families with a folder under --hf-dir and counts their models', async () => {
    const dir = join(root, 'hf');
    for (const m of ['m1', 'm2']) await mkdir(join(dir, 'm-res-152', m), { recursive: true });
    const cells = fixtureGrid(experiment, 'quick', { 'hf-dir': dir });
    expect(cells.map((c) => `${c.family}:${c.architecture}:${c.setSize}:${c.hfDir === dir}`)).toEqual([
      'm-res-152:resnet152:2:true',
      'm-res-152:resnet152:2:true',
      'm-res-152:resnet152:2:true',
    ]);
    expect(experiment.provenance!(experiment.scales.quick, { 'hf-dir': dir }).models).toMatchObject({ kind: 'real' });
    expect(experiment.reductions!(experiment.scales.quick, { 'hf-dir': dir })).toEqual([
      '128 items instead of 2000 and 8000',
    ]);
  });
});
