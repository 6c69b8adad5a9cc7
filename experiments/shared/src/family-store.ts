import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@alsatian/core';
import { BadInputError, canonicalJson, sha256Hex, writeFileAtomic } from '@alsatian/core';
import type { Json } from '@alsatian/core';
import { generateHfFamily, importHfFolder, openStore } from '@alsatian/store';
import type { ModelStore } from '@alsatian/store';
import { familySeed, paperFamily } from './hf-families.ts';

const READY = 'families.json';

/** One family of a stand-in store: which family, on which architecture, how many models (base included). */
export interface FamilyRequest {
  readonly key: string;
  readonly architecture: string;
  readonly count: number;
}

export interface FamilyStore {
  readonly dir: string;
  /** Model ids per family key, in generation order (base first). */
  readonly models: Readonly<Record<string, readonly string[]>>;
  /** Weight bytes stored once (what a block cache would need to hold every model). */
  readonly uniqueBytes: number;
}

/**
 * A store with the stand-in families (generated once under `storesDir`, then reused). Several families in one
 * store are Fig 15's combined set: blocks equal across families would be stored and shared once.
 */
export async function ensureFamilyStore(
  storesDir: string,
  families: readonly FamilyRequest[],
  seed: number,
  logger: Logger,
): Promise<FamilyStore> {
  const key =
    `hf-${families.length === 1 ? families[0].key : 'combined'}-` +
    `${sha256Hex(canonicalJson({ families, seed } as unknown as Json)).slice(0, 10)}`;
  return ensureStore(storesDir, key, logger, async (store) => {
    const models: Record<string, string[]> = {};
    for (const f of families) {
      const family = paperFamily(f.key);
      logger.info(
        `generating ${f.count} ${family.label} stand-in models (${family.pattern} overlap on ` +
          `${f.architecture}; not part of any measured time)`,
      );
      const manifests = await generateHfFamily(store, {
        family: family.pattern,
        seed: familySeed(seed, f.key),
        count: f.count,
        architecture: f.architecture,
      });
      models[f.key] = manifests.map((m) => m.id);
    }
    return models;
  });
}

/** A store with the real checkpoints under `hfDir/<family key>/<model folder>/` (importHfFolder), imported once. */
export async function ensureImportedStore(
  storesDir: string,
  hfDir: string,
  keys: readonly string[],
  logger: Logger,
): Promise<FamilyStore> {
  const folders: Record<string, string[]> = {};
  for (const key of keys) {
    const root = join(hfDir, key);
    const names = await readdir(root).catch(() => {
      throw new BadInputError(
        `--hf-dir: ${root} is missing; put each family's downloaded Hugging Face folders in DIR/<family>/ ` +
          `(families: ${keys.join(', ')}).`,
      );
    });
    folders[key] = [];
    for (const name of names.sort())
      if ((await stat(join(root, name))).isDirectory()) folders[key].push(join(root, name));
    if (folders[key].length === 0)
      throw new BadInputError(`--hf-dir: ${root} holds no model folder (config.json + model.safetensors).`);
  }
  const key =
    `hf-real-${keys.length === 1 ? keys[0] : 'combined'}-` +
    `${sha256Hex(canonicalJson(folders as unknown as Json)).slice(0, 10)}`;
  return ensureStore(storesDir, key, logger, async (store) => {
    const models: Record<string, string[]> = {};
    for (const [family, paths] of Object.entries(folders)) {
      logger.info(
        `importing ${paths.length} ${family} checkpoints from ${join(hfDir, family)} (not part of any measured time)`,
      );
      models[family] = [];
      for (const path of paths)
        models[family].push(
          (
            await importHfFolder(store, path, {
              name: `${family}-${path
                .split(/[\\/]/)
                .pop()!
                .replace(/[^A-Za-z0-9._-]/g, '_')}`,
            })
          ).id,
        );
    }
    return models;
  });
}

async function ensureStore(
  storesDir: string,
  key: string,
  logger: Logger,
  fill: (store: ModelStore) => Promise<Record<string, string[]>>,
): Promise<FamilyStore> {
  const dir = join(storesDir, key);
  if (existsSync(join(dir, READY))) return JSON.parse(await readFile(join(dir, READY), 'utf8')) as FamilyStore;
  await mkdir(storesDir, { recursive: true });
  const temp = join(storesDir, `.tmp-${key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const store = await openStore(temp, { logger });
    const models = await store.batch(() => fill(store));
    const info: FamilyStore = { dir, models, uniqueBytes: store.stats().uniqueBytes };
    await writeFileAtomic(join(temp, READY), `${JSON.stringify(info, null, 2)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(temp, dir);
    return info;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
