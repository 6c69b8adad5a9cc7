import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '@alsatian/engine';
import { architecture, architectureAt, describeArchitecture } from '@alsatian/models';
import { readCsvRows } from '@alsatian/bench';
import { fixtureRun, plotRun } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { blockGroups } from '../src/block-groups.ts';
import experiment from '../src/experiment.ts';
import type { Fig12Settings } from '../src/scales.ts';
import { timeGroups } from '../src/time-groups.ts';

let root: string;
let runDir: string;
let run: RunData<Fig12Settings>;

// A fixture run as the runner writes it: ResNet with cheap-early/heavy-late params and falling times, a flat ViT.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fig12-'));
  runDir = join(root, 'fig12-block-costs', 'quick');
  await mkdir(runDir, { recursive: true });
  const lines = [
    'experiment,figure,scale,cellId,repetition,architecture,batchSize,imageSize,block,blockStart,blockEnd,' +
      'label,params,outputBytesPerItem,run,seconds,prepareSeconds,threads',
  ];
  for (const [arch, blocks] of [
    ['resnet152', 6],
    ['vit_l_32', 5],
  ] as const) {
    for (let b = 0; b < blocks; b++) {
      const params = arch === 'vit_l_32' ? 12_596_224 : 10_000 * 4 ** b;
      for (let run = 0; run < 3; run++) {
        const seconds = arch === 'vit_l_32' ? 0.3 + run * 0.01 : 0.4 - b * 0.05 + run * 0.01;
        lines.push(
          `fig12-block-costs,fig12,quick,c1,0,${arch},8,224,${b},${b},${b + 1},block ${b},${params},4096,` +
            `${run},${seconds},0.1,2`,
        );
      }
    }
  }
  await writeFile(join(runDir, 'results.csv'), `${lines.join('\n')}\n`);
  run = fixtureRun(experiment, await readCsvRows(join(runDir, 'results.csv')), { runDir });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('blockGroups', () => {
  it.each(['resnet152', 'vit_l_32', 'tiny_resnet'])(
    'cuts %s at its split indexes and covers every module once',
    (name) => {
      const def = architecture(name);
      const groups = blockGroups(def);
      expect(groups).toHaveLength(new Set(def.splitIndexes).size);
      expect(groups[0].start).toBe(0);
      expect(groups[groups.length - 1].end).toBe(def.features.length);
      for (let i = 1; i < groups.length; i++) expect(groups[i].start).toBe(groups[i - 1].end);
      expect(groups.reduce((s, g) => s + g.params, 0)).toBe(describeArchitecture(name).featureParams);
    },
  );

  it('gives ViT-L-32 equal encoder blocks and ResNet-152 its paper stem and last stage', () => {
    const vit = blockGroups(architecture('vit_l_32'));
    expect(new Set(vit.slice(1, -1).map((g) => g.params))).toEqual(new Set([12_596_224]));
    const resnet = blockGroups(architecture('resnet152'));
    expect(resnet).toHaveLength(51);
    expect(resnet.slice(-3).map((g) => g.params)).toEqual([6_039_552, 4_462_592, 4_462_592]);
  });
});

describe('timeGroups', () => {
  it('runs every group of a tiny architecture as its own session and times each run', async () => {
    const engine = await createEngine({ threads: 1 });
    try {
      const groups = blockGroups(architectureAt('tiny_resnet', 32));
      const timings = await timeGroups({
        engine,
        architecture: 'tiny_resnet',
        groups,
        batchSize: 2,
        warmup: 1,
        runs: 2,
        seed: 1,
      });
      expect(timings.map((t) => t.group.index)).toEqual(groups.map((g) => g.index));
      for (const t of timings) {
        expect(t.seconds).toHaveLength(2);
        expect(t.seconds.every((s) => s > 0)).toBe(true);
      }
    } finally {
      await engine.dispose();
    }
  });
});

describe('charts and report from a fixture CSV', () => {
  it('renders one dual-axis chart per architecture', async () => {
    const files = await plotRun(experiment, run);
    expect(files.map((f) => f.image)).toEqual([
      'fig12-block-costs/quick/param_inf_time_dist_resnet152.png',
      'fig12-block-costs/quick/param_inf_time_dist_vit_l_32.png',
    ]);
    const svg = await readFile(join(runDir, 'param_inf_time_dist_vit_l_32.svg'), 'utf8');
    for (const text of [
      'ViT-L-32: parameters and inference time per block',
      'Parameters (millions)',
      'Inference time per batch (ms)',
      'batch 8 instead of 32',
    ])
      expect(svg).toContain(text);
    const png = await readFile(join(runDir, 'param_inf_time_dist_resnet152.png'));
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it('reports the profile numbers next to the paper', async () => {
    const markdown = experiment.report(run);
    // ResNet fixture: 6 blocks, times 0.41..0.16 s median -> first half holds (410+360+310)/(410+...+160) of the time.
    const ms = [0, 1, 2, 3, 4, 5].map((b) => 1000 * (0.4 - b * 0.05 + 0.01));
    const share = Math.round((100 * (ms[0] + ms[1] + ms[2])) / ms.reduce((s, x) => s + x, 0));
    expect(markdown).toContain(`| ResNet-152 | 6 (paper 51) |`);
    expect(markdown).toContain(`${share} %`);
    expect(markdown).toContain('12.6 M per encoder block');
    expect(markdown).toMatch(/\| ViT-L-32 \| 5 \(paper 25\) \| 310\.0 \/ 310\.0 \/ 310\.0 \|/);
    expect(markdown).toContain(
      "| ResNet-152's time sits early, its parameters late | first half of the blocks: share of time > share " +
        'of parameters | holds |',
    );
    expect(markdown).toContain(
      "| ViT-L-32's parameters are flat over its blocks | coefficient of variation of parameters over the " +
        'inner blocks < 0.05 | holds |',
    );
  });
});
