/**
 * Imports a Hugging Face checkpoint folder (`config.json` + `model.safetensors`, or sharded
 * `model.safetensors.index.json`) as one model: microsoft/resnet-* (ResNetModel), google/vit-* (ViTModel, no
 * classifier) and bert-base-uncased (BertModel). Keys are renamed to our blocks' names (hf-names.ts), ViT's
 * separate q/k/v are concatenated into torchvision's in_proj, and the architecture is the one whose blocks the
 * weights fill exactly. Hyper-parameters the weights cannot show (heads, LayerNorm eps) come from config.json.
 * DINOv2 is not supported (no dinov2 architecture is defined in @alsatian/models).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { HostTensor, JsonObject, ModelManifest } from '@alsatian/core';
import { BadInputError, float32Tensor, jsonObject, parseJson, printable } from '@alsatian/core';
import type { Family } from '@alsatian/models';
import { describeArchitecture } from '@alsatian/models';
import { readSafetensors } from '../safetensors.ts';
import type { ModelStore } from '../store.ts';
import { folderFile } from './folder-file.ts';
import { bertKey, resnetKey, vitKey } from './hf-names.ts';
import type { StateDict } from './state-dict.ts';
import { matchArchitecture } from './state-dict.ts';

interface HfConfig {
  model_type?: string;
  num_attention_heads?: number;
  layer_norm_eps?: number;
  hidden_act?: string;
  downsample_in_bottleneck?: boolean;
  _name_or_path?: string;
}

interface Importer {
  readonly family: Family;
  readonly prefix: string;
  rename(key: string): string | undefined;
  attrs(config: HfConfig): (kind: string) => JsonObject;
  check?(config: HfConfig, source: string): void;
}

const IMPORTERS: Record<string, Importer> = {
  resnet: {
    family: 'resnet',
    prefix: 'resnet.',
    rename: resnetKey,
    attrs: () => () => ({}),
    check(config, source) {
      if (config.downsample_in_bottleneck)
        throw new BadInputError(
          `${source}: downsample_in_bottleneck=true (ResNet v1 strides) differs from torchvision's v1.5 ` +
            `blocks; such checkpoints cannot be imported.`,
        );
    },
  },
  vit: {
    family: 'vit',
    prefix: 'vit.',
    rename: vitKey,
    attrs:
      (c) =>
      (kind): JsonObject =>
        kind === 'vit_encoder_block'
          ? { heads: c.num_attention_heads!, eps: c.layer_norm_eps ?? 1e-12 }
          : kind === 'layer_norm'
            ? { eps: c.layer_norm_eps ?? 1e-12 }
            : {},
    check: checkGelu,
  },
  bert: {
    family: 'bert',
    prefix: 'bert.',
    rename: bertKey,
    attrs:
      (c) =>
      (kind): JsonObject =>
        kind === 'bert_encoder_block'
          ? { heads: c.num_attention_heads!, eps: c.layer_norm_eps ?? 1e-12 }
          : kind === 'bert_embeddings'
            ? { eps: c.layer_norm_eps ?? 1e-12 }
            : {},
    check: checkGelu,
  },
};

function checkGelu(config: HfConfig, source: string): void {
  if ((config.hidden_act ?? 'gelu') !== 'gelu')
    throw new BadInputError(
      `${source}: hidden_act '${config.hidden_act}' is not supported; our blocks use exact GELU ('gelu').`,
    );
  if (!config.num_attention_heads) throw new BadInputError(`${source}: config.json lacks num_attention_heads.`);
}

export async function importHfFolder(
  store: ModelStore,
  dir: string,
  options: { name?: string } = {},
): Promise<ModelManifest> {
  const configFile = await folderFile(dir, 'config.json', dir);
  const config = checkConfig(await readJson(configFile, 'a Hugging Face config.json'), configFile);
  const importer = Object.hasOwn(IMPORTERS, config.model_type ?? '') ? IMPORTERS[config.model_type!] : undefined;
  if (!importer)
    throw new BadInputError(
      `${configFile}: model_type '${printable(String(config.model_type))}' cannot be imported; supported: ` +
        `${Object.keys(IMPORTERS).join(', ')} (dinov2 is not).`,
    );
  importer.check?.(config, configFile);
  const raw = await readCheckpoint(dir);
  const dict = renameAll(raw, importer, dir);
  const match = matchArchitecture(importer.family, dict, dir, importer.attrs(config));
  const info = describeArchitecture(match.architecture);
  return store.putModel(
    {
      id: options.name,
      architecture: match.architecture,
      featureDim: info.featureDim,
      params: info.featureParams,
      source: 'huggingface',
      metadata: {
        importedFrom: basename(dir),
        hfName: config._name_or_path ?? null,
        modelType: config.model_type ?? null,
      },
    },
    match.blocks,
  );
}

/** Strips the task model's prefix, renames, drops what the feature extractor does not hold, merges ViT q/k/v. */
function renameAll(raw: StateDict, importer: Importer, source: string): StateDict {
  const out = new Map<string, HostTensor>();
  const parts = new Map<string, Partial<Record<'query' | 'key' | 'value', HostTensor>>>();
  for (const [key, tensor] of raw) {
    const renamed = importer.rename(key.startsWith(importer.prefix) ? key.slice(importer.prefix.length) : key);
    if (renamed === undefined) continue;
    const qkv = /^(.*)\.(query|key|value)_part\.(weight|bias)$/.exec(renamed);
    if (!qkv) {
      out.set(renamed, tensor);
      continue;
    }
    const target = `${qkv[1]}.in_proj_${qkv[3]}`;
    const entry = parts.get(target) ?? {};
    entry[qkv[2] as 'query' | 'key' | 'value'] = tensor;
    parts.set(target, entry);
  }
  for (const [target, { query, key, value }] of parts) {
    if (!query || !key || !value)
      throw new BadInputError(`${source}: the checkpoint lacks one of query/key/value for ${target}.`);
    if (
      ![key, value].every(
        (t) => t.dtype === 'float32' && query.dtype === 'float32' && t.shape.join() === query.shape.join(),
      )
    ) {
      throw new BadInputError(
        `${source}: query, key and value for ${target} differ in shape or type ([${query.shape.join(', ')}], ` +
          `[${key.shape.join(', ')}], [${value.shape.join(', ')}]).`,
      );
    }
    const data = new Float32Array(query.data.length * 3);
    [query, key, value].forEach((t, i) => data.set(t.data as Float32Array, i * query.data.length));
    out.set(target, float32Tensor([query.shape[0] * 3, ...query.shape.slice(1)], data));
  }
  return out;
}

async function readCheckpoint(dir: string): Promise<StateDict> {
  const single = await folderFile(dir, 'model.safetensors', dir);
  const indexFile = await folderFile(dir, 'model.safetensors.index.json', dir);
  try {
    return (await readSafetensors(single)).tensors;
  } catch (error) {
    if (!existsSync(indexFile))
      throw new BadInputError(
        `${dir}: neither model.safetensors nor model.safetensors.index.json is readable (PyTorch .bin ` +
          `checkpoints must be converted to safetensors first). ${(error as Error).message}`,
        { cause: error },
      );
    const out = new Map<string, HostTensor>();
    for (const shard of await shardNames(indexFile))
      for (const [k, t] of (await readSafetensors(await folderFile(dir, shard, indexFile))).tensors) out.set(k, t);
    return out;
  }
}

/** The shard file names of a sharded checkpoint's index, each once. */
async function shardNames(indexFile: string): Promise<Set<string>> {
  const index = jsonObject(
    await readJson(indexFile, 'a safetensors shard index'),
    indexFile,
    'a safetensors shard index',
  );
  const map = jsonObject(index.weight_map, indexFile, 'weight_map');
  const names = new Set<string>();
  for (const [key, shard] of Object.entries(map)) {
    if (typeof shard !== 'string')
      throw new BadInputError(
        `${indexFile}: weight_map['${printable(key)}'] must be a file name, got ${JSON.stringify(shard)}.`,
      );
    names.add(shard);
  }
  return names;
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new BadInputError(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseJson(text, file, what);
}

/** config.json's fields we use, type-checked (a wrong type is a BadInputError naming the field). */
function checkConfig(value: unknown, file: string): HfConfig {
  const config = jsonObject(value, file, 'a Hugging Face config.json');
  const expect = (key: keyof HfConfig, ok: (v: unknown) => boolean, what: string) => {
    if (config[key] !== undefined && !ok(config[key]))
      throw new BadInputError(
        `${file}: ${key} must be ${what}, got ${printable(JSON.stringify(config[key]) ?? String(config[key]))}.`,
      );
  };
  const string = (v: unknown) => typeof v === 'string';
  expect('model_type', string, 'a string');
  expect('hidden_act', string, 'a string');
  expect('_name_or_path', (v) => v === null || typeof v === 'string', 'a string');
  expect('num_attention_heads', (v) => Number.isSafeInteger(v) && (v as number) > 0, 'a positive integer');
  expect('layer_norm_eps', (v) => typeof v === 'number' && v > 0 && v < 1, 'a number between 0 and 1');
  expect('downsample_in_bottleneck', (v) => typeof v === 'boolean', 'true or false');
  return config as HfConfig;
}
