/**
 * Imports a Hugging Face checkpoint folder (`config.json` + `model.safetensors`, or sharded
 * `model.safetensors.index.json`) as one model: microsoft/resnet-* (ResNetModel), google/vit-* (ViTModel, no
 * classifier) and bert-base-uncased (BertModel). Keys are renamed to our blocks' names (hf-names.ts), ViT's
 * separate q/k/v are concatenated into torchvision's in_proj, and the architecture is the one whose blocks the
 * weights fill exactly. Hyper-parameters the weights cannot show (heads, LayerNorm eps) come from config.json.
 * DINOv2 is not supported (no dinov2 architecture is defined in @alsatian/models).
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { HostTensor, JsonObject, ModelManifest } from '@alsatian/core';
import { BadInputError, float32Tensor, InvalidArgumentError } from '@alsatian/core';
import type { Family } from '@alsatian/models';
import { describeArchitecture } from '@alsatian/models';
import { readSafetensors } from '../safetensors.ts';
import type { ModelStore } from '../store.ts';
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
      if (config.downsample_in_bottleneck) throw new BadInputError(`${source}: downsample_in_bottleneck=true (ResNet v1 strides) differs from torchvision's v1.5 blocks; such checkpoints cannot be imported.`);
    },
  },
  vit: {
    family: 'vit',
    prefix: 'vit.',
    rename: vitKey,
    attrs: (c) => (kind): JsonObject => (kind === 'vit_encoder_block' ? { heads: c.num_attention_heads!, eps: c.layer_norm_eps ?? 1e-12 } : kind === 'layer_norm' ? { eps: c.layer_norm_eps ?? 1e-12 } : {}),
    check: checkGelu,
  },
  bert: {
    family: 'bert',
    prefix: 'bert.',
    rename: bertKey,
    attrs: (c) => (kind): JsonObject => (kind === 'bert_encoder_block' ? { heads: c.num_attention_heads!, eps: c.layer_norm_eps ?? 1e-12 } : kind === 'bert_embeddings' ? { eps: c.layer_norm_eps ?? 1e-12 } : {}),
    check: checkGelu,
  },
};

function checkGelu(config: HfConfig, source: string): void {
  if ((config.hidden_act ?? 'gelu') !== 'gelu') throw new BadInputError(`${source}: hidden_act '${config.hidden_act}' is not supported; our blocks use exact GELU ('gelu').`);
  if (!config.num_attention_heads) throw new BadInputError(`${source}: config.json lacks num_attention_heads.`);
}

export async function importHfFolder(store: ModelStore, dir: string, options: { name?: string } = {}): Promise<ModelManifest> {
  const configFile = join(dir, 'config.json');
  const config = await readJson<HfConfig>(configFile);
  const importer = IMPORTERS[config.model_type ?? ''];
  if (!importer) throw new InvalidArgumentError(`${configFile}: model_type '${config.model_type}' cannot be imported; supported: ${Object.keys(IMPORTERS).join(', ')} (dinov2 is not).`);
  importer.check?.(config, configFile);
  const raw = await readCheckpoint(dir);
  const dict = renameAll(raw, importer);
  const match = matchArchitecture(importer.family, dict, dir, importer.attrs(config));
  const info = describeArchitecture(match.architecture);
  return store.putModel(
    {
      id: options.name,
      architecture: match.architecture,
      featureDim: info.featureDim,
      params: info.featureParams,
      source: 'huggingface',
      metadata: { importedFrom: basename(dir), hfName: config._name_or_path ?? null, modelType: config.model_type ?? null },
    },
    match.blocks,
  );
}

/** Strips the task model's prefix, renames, drops what the feature extractor does not hold, merges ViT q/k/v. */
function renameAll(raw: StateDict, importer: Importer): StateDict {
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
    if (!query || !key || !value) throw new BadInputError(`Checkpoint lacks one of query/key/value for ${target}.`);
    const data = new Float32Array(query.data.length * 3);
    [query, key, value].forEach((t, i) => data.set(t.data as Float32Array, i * query.data.length));
    out.set(target, float32Tensor([query.shape[0] * 3, ...query.shape.slice(1)], data));
  }
  return out;
}

async function readCheckpoint(dir: string): Promise<StateDict> {
  const single = join(dir, 'model.safetensors');
  const indexFile = join(dir, 'model.safetensors.index.json');
  try {
    return (await readSafetensors(single)).tensors;
  } catch (error) {
    const index = await readJson<{ weight_map?: Record<string, string> }>(indexFile).catch(() => undefined);
    if (!index?.weight_map) throw new BadInputError(`${dir}: neither model.safetensors nor model.safetensors.index.json is readable (PyTorch .bin checkpoints must be converted to safetensors first). ${(error as Error).message}`, { cause: error });
    const out = new Map<string, HostTensor>();
    for (const shard of new Set(Object.values(index.weight_map))) for (const [k, t] of (await readSafetensors(join(dir, shard))).tensors) out.set(k, t);
    return out;
  }
}

async function readJson<T>(file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    throw new BadInputError(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}
