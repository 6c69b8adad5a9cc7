/**
 * Writes Hugging Face checkpoint folders with transformers' parameter names (ResNetForImageClassification,
 * ViTModel, BertModel) from seeded models, imports them, and checks every weight round-trips bit for bit.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, HostTensor } from '@alsatian/core';
import { BadInputError, float32Tensor, int64Tensor } from '@alsatian/core';
import { architecture, buildModel } from '@alsatian/models';
import { blockIdOf, importHfFolder, openStore, writeSafetensors } from '../src/index.ts';
import { tempDir } from './helpers.ts';

/** Full torchvision/transformers keys of a built model (sourcePrefix + local name). */
function stateDict(arch: string, blocks: readonly Block[]): Map<string, HostTensor> {
  const def = architecture(arch);
  const out = new Map<string, HostTensor>();
  blocks.forEach((b, j) => b.weights.forEach((t, name) => out.set(def.features[j].sourcePrefix + name, t)));
  return out;
}

function hfResnetKey(key: string): string {
  if (key.startsWith('conv1.')) return `embedder.embedder.convolution.${key.slice(6)}`;
  if (key.startsWith('bn1.')) return `embedder.embedder.normalization.${key.slice(4)}`;
  const [, stage, layer, rest] = /^layer(\d)\.(\d+)\.(.*)$/.exec(key)!;
  const base = `encoder.stages.${Number(stage) - 1}.layers.${layer}`;
  const ds = /^downsample\.(0|1)\.(\w+)$/.exec(rest);
  if (ds) return `${base}.shortcut.${ds[1] === '0' ? 'convolution' : 'normalization'}.${ds[2]}`;
  const [, type, k, name] = /^(conv|bn)(\d)\.(\w+)$/.exec(rest)!;
  return `${base}.layer.${Number(k) - 1}.${type === 'conv' ? 'convolution' : 'normalization'}.${name}`;
}

async function writeFolder(config: object, tensors: Map<string, HostTensor>): Promise<string> {
  const dir = join(await tempDir('hf-'), 'model');
  await mkdir(dir);
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  await writeSafetensors(join(dir, 'model.safetensors'), tensors, { format: 'pt' });
  return dir;
}

function sameBytes(a: HostTensor, b: HostTensor): boolean {
  return Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(
    Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength),
  );
}

async function expectBitForBit(storeDir: string, modelId: string, original: readonly Block[]): Promise<void> {
  const store = await openStore(storeDir);
  const manifest = store.getModel(modelId);
  expect(manifest.blocks).toHaveLength(original.length);
  for (let j = 0; j < original.length; j++) {
    const back = await store.getBlock(manifest.blocks[j]);
    expect([...back.weights.keys()]).toEqual([...original[j].weights.keys()]);
    for (const [name, t] of original[j].weights) {
      expect(back.weights.get(name)!.shape).toEqual(t.shape);
      // Buffer#equals, not toEqual: a deep element-wise comparison of millions of bytes takes minutes.
      expect(sameBytes(back.weights.get(name)!, t), `${name} of block ${j}`).toBe(true);
    }
  }
}

describe('Hugging Face import', () => {
  for (const arch of ['tiny_resnet', 'resnet18']) {
    it(`microsoft/resnet-style folder (ResNetForImageClassification) -> ${arch} blocks, bit for bit`, async () => {
      const model = buildModel(arch, { seed: 9 });
      const tensors = new Map<string, HostTensor>();
      for (const [k, t] of stateDict(arch, model.blocks)) {
        tensors.set(`resnet.${hfResnetKey(k)}`, t);
        if (k.endsWith('running_var'))
          tensors.set(
            `resnet.${hfResnetKey(k.replace('running_var', 'num_batches_tracked'))}`,
            int64Tensor([], new BigInt64Array([5n])),
          );
      }
      tensors.set('classifier.1.weight', float32Tensor([3, 4]));
      const dir = await writeFolder({ model_type: 'resnet', layer_type: 'basic' }, tensors);
      const storeDir = await tempDir();
      const manifest = await importHfFolder(await openStore(storeDir), dir, { name: 'hf-resnet' });
      expect(manifest).toMatchObject({ architecture: arch, source: 'huggingface' });
      expect(manifest.blocks).toEqual(model.blocks.map(blockIdOf));
      await expectBitForBit(storeDir, 'hf-resnet', model.blocks);
    });
  }

  it('google/vit-style folder (ViTModel, separate q/k/v) -> tiny_vit blocks with in_proj concatenated', async () => {
    const model = buildModel('tiny_vit', { seed: 4 });
    const tensors = new Map<string, HostTensor>();
    const layerMap: Record<string, string> = {
      ln_1: 'layernorm_before',
      ln_2: 'layernorm_after',
      'self_attention.out_proj': 'attention.output.dense',
      'mlp.0': 'intermediate.dense',
      'mlp.3': 'output.dense',
    };
    for (const [k, t] of stateDict('tiny_vit', model.blocks)) {
      if (k === 'class_token') tensors.set('embeddings.cls_token', t);
      else if (k === 'encoder.pos_embedding') tensors.set('embeddings.position_embeddings', t);
      else if (k.startsWith('conv_proj.')) tensors.set(`embeddings.patch_embeddings.projection.${k.slice(10)}`, t);
      else if (k.startsWith('encoder.ln.')) tensors.set(`layernorm.${k.slice(11)}`, t);
      else {
        const [, i, rest, what] = /^encoder\.layers\.encoder_layer_(\d+)\.(.+)\.(weight|bias)$/.exec(
          k.replace('in_proj_', 'in_proj.'),
        )!;
        if (rest === 'self_attention.in_proj') {
          const n = t.data.length / 3;
          ['query', 'key', 'value'].forEach((part, p) => {
            tensors.set(
              `encoder.layer.${i}.attention.attention.${part}.${what}`,
              float32Tensor([t.shape[0] / 3, ...t.shape.slice(1)], (t.data as Float32Array).slice(p * n, (p + 1) * n)),
            );
          });
        } else tensors.set(`encoder.layer.${i}.${layerMap[rest]}.${what}`, t);
      }
    }
    tensors.set('pooler.dense.weight', float32Tensor([32, 32]));
    const dir = await writeFolder(
      { model_type: 'vit', num_attention_heads: 2, layer_norm_eps: 1e-12, hidden_act: 'gelu' },
      tensors,
    );
    const storeDir = await tempDir();
    const manifest = await importHfFolder(await openStore(storeDir), dir, { name: 'vit' });
    expect(manifest.architecture).toBe('tiny_vit');
    await expectBitForBit(storeDir, 'vit', model.blocks);
    const store = await openStore(storeDir);
    expect((await store.blockInfo(manifest.blocks[3])).descriptor.attrs).toMatchObject({ heads: 2, eps: 1e-12 });
  });

  it('bert-base-uncased-style folder (BertModel names, pooler and position_ids ignored) -> tiny_bert', async () => {
    const model = buildModel('tiny_bert', { seed: 2 });
    const tensors = new Map<string, HostTensor>();
    for (const [k, t] of stateDict('tiny_bert', model.blocks)) tensors.set(`bert.${k}`, t);
    tensors.set('bert.embeddings.position_ids', int64Tensor([1, 16]));
    tensors.set('bert.pooler.dense.weight', float32Tensor([32, 32]));
    const dir = await writeFolder(
      { model_type: 'bert', num_attention_heads: 2, layer_norm_eps: 1e-12, hidden_act: 'gelu' },
      tensors,
    );
    const storeDir = await tempDir();
    const manifest = await importHfFolder(await openStore(storeDir), dir, { name: 'bert' });
    expect(manifest.architecture).toBe('tiny_bert');
    expect(manifest.blocks).toEqual(model.blocks.map(blockIdOf));
    await expectBitForBit(storeDir, 'bert', model.blocks);
  });

  it('names the folder and what is wrong when no architecture matches', async () => {
    const model = buildModel('tiny_bert', { seed: 2 });
    const tensors = stateDict('tiny_bert', model.blocks);
    tensors.delete('encoder.layer.1.output.dense.bias');
    const dir = await writeFolder({ model_type: 'bert', num_attention_heads: 2 }, tensors);
    const error = await importHfFolder(await openStore(await tempDir()), dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toMatch(/tiny_bert: no tensor 'encoder\.layer\.1\.output\.dense\.bias'/);
    const other = await writeFolder({ model_type: 'dinov2' }, new Map());
    await expect(importHfFolder(await openStore(await tempDir()), other)).rejects.toThrow(
      /model_type 'dinov2' cannot be imported; supported: resnet, vit, bert/,
    );
  });
});
