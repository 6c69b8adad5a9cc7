import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostTensor } from '@alsatian/core';
import { BadInputError, float32Tensor, silentLogger } from '@alsatian/core';
import { fixtureGrid, fixtureRun, plotRun } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { architecture, buildModel } from '@alsatian/models';
import { openStore, writeSafetensors } from '@alsatian/store';
import { ensureCheckpointStore } from '../src/checkpoints.ts';
import experiment from '../src/experiment.ts';
import type { Fig13Settings } from '../src/scales.ts';

let root: string;
let run: RunData<Fig13Settings>;
const TIMES: Record<string, [number, number, number]> = { resnet18: [130, 110, 32], vit_b_32: [700, 650, 100] };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fig13-'));
  const runDir = join(root, 'fig13-trained', 'quick');
  await mkdir(runDir, { recursive: true });
  const rows = [];
  for (const [architecture, times] of Object.entries(TIMES)) {
    for (const [i, strategy] of ['baseline', 'shift', 'alsatian'].entries()) {
      const ranking = i === 1 ? 'b a c' : 'a b c';
      rows.push({
        experiment: 'fig13-trained',
        figure: 'fig13',
        scale: 'quick',
        cellId: `c${architecture}${i}`,
        repetition: 0,
        strategy,
        architecture,
        distribution: 'top-25',
        setSize: 9,
        train: 96,
        test: 32,
        imageSize: 64,
        checkpoints: '',
        scope: 'search',
        iteration: null,
        category: 'total',
        seconds: times[i],
        models: 9,
        trainItems: null,
        runs: 1,
        winner: ranking[0],
        ranking,
      });
    }
  }
  run = fixtureRun(experiment, rows, {
    runDir,
    meta: { provenance: experiment.provenance!(experiment.scales.quick, { checkpoints: '' }) },
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fig13 chart and report', () => {
  it('renders grouped bars per architecture, says where the models came from, labels speedups', async () => {
    expect((await plotRun(experiment, run)).map((c) => c.name)).toEqual(['trained-end_to_end-TOP_25']);
    const svg = await readFile(join(run.runDir, 'trained-end_to_end-TOP_25.svg'), 'utf8');
    for (const text of [
      'Trained models: 9 per architecture, 128 items',
      'models: synthetic, snapshot sets generated',
      'ResNet-18',
      'ViT-B-32',
      '4.1x',
      '7.0x',
    ])
      expect(svg).toContain(text);
  });

  it("puts our numbers next to the paper's, paper-only architectures as not run, and the SH regret", async () => {
    const markdown = experiment.report(run);
    expect(markdown).toContain(
      '| ResNet-18 | 130.0 / 110.0 / 32.0 | 4.1x / 3.4x | 129.9 / 109.1 / 32.2 | 4.0x / 3.4x |',
    );
    expect(markdown).toContain('| ViT-L-32 | not run at this scale |');
    expect(markdown).toContain('| resnet18 | SHiFT | 2 of 3 |');
    expect(markdown).toMatch(/Alsatian is the fastest in every cell .* \| holds \| holds \|/);
  });
});

/** A torchvision-style state dict of `arch` (feature keys under their source names, plus a 5-class head). */
function stateDict(arch: string, seed: number): Map<string, HostTensor> {
  const def = architecture(arch);
  const model = buildModel(arch, { seed });
  const dict = new Map<string, HostTensor>();
  model.blocks.forEach((block, j) => {
    for (const [name, tensor] of block.weights) dict.set(def.features[j].sourcePrefix + name, tensor);
  });
  dict.set('fc.weight', float32Tensor([5, 32]));
  dict.set('fc.bias', float32Tensor([5]));
  return dict;
}

describe('checkpoints', () => {
  it('imports the torchvision state dicts of DIR/<arch>/ once and reuses the store', async () => {
    const dir = join(root, 'ckpt');
    await mkdir(join(dir, 'tiny_resnet'), { recursive: true });
    await writeSafetensors(join(dir, 'tiny_resnet', 'a.safetensors'), stateDict('tiny_resnet', 1));
    await writeSafetensors(join(dir, 'tiny_resnet', 'b.safetensors'), stateDict('tiny_resnet', 2));
    const first = await ensureCheckpointStore(join(root, 'stores'), dir, 'tiny_resnet', silentLogger);
    expect(first.models).toEqual(['a', 'b']);
    const store = await openStore(first.dir);
    expect(store.getModel('a').blocks).toHaveLength(architecture('tiny_resnet').features.length);
    expect(store.getModel('a').source).toBe('torchvision');
    const again = await ensureCheckpointStore(join(root, 'stores'), dir, 'tiny_resnet', silentLogger);
    expect(again.dir).toBe(first.dir);
  });

  it('names the file and the problem when a state dict is of another architecture', async () => {
    const dir = join(root, 'wrong');
    await mkdir(join(dir, 'tiny_resnet'), { recursive: true });
    await writeSafetensors(join(dir, 'tiny_resnet', 'vit.safetensors'), stateDict('tiny_vit', 1));
    await expect(ensureCheckpointStore(join(root, 'stores'), dir, 'tiny_resnet', silentLogger)).rejects.toThrow(
      BadInputError,
    );
    await expect(ensureCheckpointStore(join(root, 'stores'), dir, 'tiny_resnet', silentLogger)).rejects.toThrow(
      /vit\.safetensors is not a torchvision tiny_resnet state dict/,
    );
  });

  it('builds one cell per strategy and architecture folder, counts its checkpoints, records them as real', async () => {
    const dir = join(root, 'grid');
    await mkdir(join(dir, 'resnet18', 'hf-model'), { recursive: true });
    for (const n of ['x', 'y'])
      await writeSafetensors(join(dir, 'resnet18', `${n}.safetensors`), new Map([['t', float32Tensor([1])]]));
    const cells = fixtureGrid(experiment, 'quick', { checkpoints: dir });
    expect(cells.map((c) => `${c.architecture}:${c.strategy}:${c.setSize}:${c.imageSize}`)).toEqual([
      'resnet18:baseline:3:0',
      'resnet18:shift:3:0',
      'resnet18:alsatian:3:0',
    ]);
    expect(() => fixtureGrid(experiment, 'quick', { checkpoints: join(root, 'stores') })).toThrow(
      /no architecture folder/,
    );
    expect(experiment.provenance!(experiment.scales.quick, { checkpoints: dir }).models).toEqual({
      kind: 'real',
      what: `fine-tuned checkpoints imported from ${dir}`,
    });
    expect(experiment.reductions!(experiment.scales.quick, { checkpoints: dir })).toEqual([
      '128 items instead of 2000',
    ]);
  });
});
