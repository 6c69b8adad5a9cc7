import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '@alsatian/core';
import { BadInputError, sha256Hex, writeFileAtomic } from '@alsatian/core';
import { describeArchitecture } from '@alsatian/models';
import { blocksFromStateDict, importHfFolder, openStore, readSafetensors } from '@alsatian/store';
import type { ModelStore } from '@alsatian/store';

const READY = 'checkpoints.json';

/** Keys a torchvision state dict may hold besides the feature blocks: BatchNorm counters and the classifier. */
const IGNORABLE = /(^|\.)num_batches_tracked$|^(fc|classifier|heads)\./;

/**
 * The checkpoints of one architecture under `dir/<architecture>/`: torchvision state dicts (`*.safetensors`) and
 * Hugging Face folders (with config.json), in name order. Throws when there are none.
 */
export async function checkpointEntries(dir: string, architecture: string): Promise<string[]> {
  const root = join(dir, architecture);
  const names = await readdir(root).catch(() => {
    throw new BadInputError(
      `--checkpoints: ${root} is missing; put each architecture's fine-tuned checkpoints in ` +
        `DIR/<architecture>/ (e.g. ${join(dir, 'resnet18')}).`,
    );
  });
  const entries: string[] = [];
  for (const name of names.sort()) {
    const path = join(root, name);
    if (name.endsWith('.safetensors') || ((await stat(path)).isDirectory() && existsSync(join(path, 'config.json'))))
      entries.push(path);
  }
  if (entries.length === 0)
    throw new BadInputError(
      `--checkpoints: ${root} holds no *.safetensors state dict and no Hugging Face folder (config.json + ` +
        `model.safetensors).`,
    );
  return entries;
}

/** Imports one checkpoint; the model must be of `architecture` (its blocks filled exactly, the head ignored). */
export async function importCheckpoint(store: ModelStore, path: string, architecture: string): Promise<string> {
  const id = basename(path)
    .replace(/\.safetensors$/, '')
    .replace(/[^A-Za-z0-9._-]/g, '_');
  if (!path.endsWith('.safetensors')) {
    const manifest = await importHfFolder(store, path, { name: id });
    if (manifest.architecture !== architecture)
      throw new BadInputError(
        `${path} is a ${manifest.architecture}, not a ${architecture}; move it to DIR/${manifest.architecture}/.`,
      );
    return manifest.id;
  }
  const { tensors } = await readSafetensors(path);
  const match = blocksFromStateDict(architecture, tensors);
  if (typeof match === 'string')
    throw new BadInputError(`${path} is not a torchvision ${architecture} state dict: ${match}.`);
  const unexpected = match.unused.filter((k) => !IGNORABLE.test(k));
  if (unexpected.length > 0)
    throw new BadInputError(
      `${path}: tensors no ${architecture} block uses: ${unexpected.slice(0, 5).join(', ')}` +
        `${unexpected.length > 5 ? ', ...' : ''}.`,
    );
  const info = describeArchitecture(architecture);
  const manifest = await store.putModel(
    {
      id,
      architecture,
      featureDim: info.featureDim,
      params: info.featureParams,
      source: 'torchvision',
      metadata: { importedFrom: basename(path) },
    },
    match.blocks,
  );
  return manifest.id;
}

/**
 * A store holding every checkpoint of `architecture`, imported once under `storesDir` (keyed by the folder and its
 * file names) and reused by later cells; importing is not part of any measured time.
 */
export async function ensureCheckpointStore(
  storesDir: string,
  dir: string,
  architecture: string,
  logger: Logger,
): Promise<{ dir: string; models: string[] }> {
  const entries = await checkpointEntries(dir, architecture);
  const key = `checkpoints-${architecture}-${sha256Hex(JSON.stringify(entries)).slice(0, 10)}`;
  const target = join(storesDir, key);
  if (existsSync(join(target, READY)))
    return {
      dir: target,
      models: (JSON.parse(await readFile(join(target, READY), 'utf8')) as { models: string[] }).models,
    };
  await mkdir(storesDir, { recursive: true });
  const temp = join(storesDir, `.tmp-${key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    logger.info(
      `importing ${entries.length} ${architecture} checkpoints from ${join(dir, architecture)} (not part of ` +
        `any measured time)`,
    );
    const store = await openStore(temp);
    const models: string[] = [];
    await store.batch(async () => {
      for (const path of entries) models.push(await importCheckpoint(store, path, architecture));
    });
    await writeFileAtomic(join(temp, READY), `${JSON.stringify({ dir, entries, models }, null, 2)}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(temp, target);
    return { dir: target, models };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
