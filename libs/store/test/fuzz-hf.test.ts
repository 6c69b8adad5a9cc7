/** Fuzzes a Hugging Face folder's JSON: config.json and the shard index (model.safetensors.index.json). */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HostTensor } from '@alsatian/core';
import { architecture, buildModel } from '@alsatian/models';
import { fuzz, fuzzRuns, mutatedJson, parsesOrRejects } from '@alsatian/core/testing';
import { importHfFolder, openStore, writeSafetensors } from '../src/index.ts';
import { tempDir } from './helpers.ts';

const RUNS = fuzzRuns(60);
const CONFIG = {
  model_type: 'bert',
  num_attention_heads: 2,
  layer_norm_eps: 1e-12,
  hidden_act: 'gelu',
  _name_or_path: 'org/tiny-bert',
};

let dir: string;
let tensors: Map<string, HostTensor>;

/** Imports into a fresh store (one import's metadata must not clash with the last case's). */
async function importFresh(): Promise<unknown> {
  const storeDir = join(dir, '..', 'store');
  await rm(storeDir, { recursive: true, force: true });
  return importHfFolder(await openStore(storeDir), dir);
}

beforeAll(async () => {
  dir = join(await tempDir('fuzz-hf-'), 'tiny-bert');
  await mkdir(dir);
  const model = buildModel('tiny_bert', { seed: 2 });
  const def = architecture('tiny_bert');
  tensors = new Map();
  model.blocks.forEach((b, j) =>
    b.weights.forEach((t, name) => tensors.set(`bert.${def.features[j].sourcePrefix}${name}`, t)),
  );
});

describe('fuzz: Hugging Face folder', () => {
  it(`config.json: wrong types, odd model types, deep nesting, damaged bytes (${RUNS} cases)`, async () => {
    await writeSafetensors(join(dir, 'model.safetensors'), tensors);
    const file = join(dir, 'config.json');
    await fuzz(
      'hf config.json',
      RUNS,
      fc.asyncProperty(mutatedJson(CONFIG), async (text) => {
        await writeFile(file, text);
        await parsesOrRejects(dir, importFresh);
      }),
    );
  });

  it(`model.safetensors.index.json: shard names and weight maps (${RUNS} cases)`, async () => {
    await rm(join(dir, 'model.safetensors'), { force: true });
    await writeFile(join(dir, 'config.json'), JSON.stringify(CONFIG));
    const names = [...tensors.keys()];
    const half = Math.ceil(names.length / 2);
    const shards = [names.slice(0, half), names.slice(half)];
    const weightMap: Record<string, string> = {};
    for (const [s, keys] of shards.entries()) {
      const file = `model-0000${s + 1}-of-00002.safetensors`;
      await writeSafetensors(join(dir, file), new Map(keys.map((k) => [k, tensors.get(k)!])));
      for (const k of keys) weightMap[k] = file;
    }
    const file = join(dir, 'model.safetensors.index.json');
    await writeFile(file, JSON.stringify({ metadata: {}, weight_map: weightMap }));
    expect(((await importFresh()) as { architecture: string }).architecture).toBe('tiny_bert');
    await fuzz(
      'hf shard index',
      RUNS,
      fc.asyncProperty(mutatedJson({ metadata: {}, weight_map: weightMap }), async (text) => {
        await writeFile(file, text);
        // A shard name may point anywhere; the error then names the index file that named it, or the folder.
        await parsesOrRejects(dir, importFresh);
      }),
    );
  });
});
