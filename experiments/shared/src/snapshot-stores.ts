import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { canonicalJson, sha256Hex, writeFileAtomic } from '@alsatian/core';
import type { Json, Logger } from '@alsatian/core';
import { generateSnapshotSet, openStore } from '@alsatian/store';
import type { DistributionName, SetStructure } from '@alsatian/store';

/** What defines a synthetic snapshot set; equal requests share one store under results/_stores/. */
export interface SnapshotSetRequest {
  readonly architecture: string;
  /** Input side for image architectures (architectureAt); default the architecture's own. */
  readonly imageSize?: number;
  /** Models in the set, the base included (the paper: 35). */
  readonly count: number;
  readonly distribution?: DistributionName;
  readonly retrainIndices?: readonly number[];
  /** The reference's exact 35-model retrain lists (where it has one). */
  readonly paperIndices?: boolean;
  readonly structure?: SetStructure;
  readonly seed: number;
}

export interface SnapshotStoreInfo {
  readonly dir: string;
  readonly key: string;
  /** True when an existing store was used; false when this call generated it. */
  readonly reused: boolean;
  /** Seconds spent generating (0 when reused). Never part of a measured search time, as in the paper. */
  readonly generationSeconds: number;
  readonly models: readonly string[];
}

const READY_FILE = 'snapshot-set.json';

/** The stores folder of a results root: `<results>/_stores`. A cell's runDir is `<results>/<experiment>/<runId>`. */
export function storesDirFor(runDir: string): string {
  return resolve(runDir, '..', '..', '_stores');
}

/** A readable, collision-free folder name for a set request. */
export function snapshotSetKey(request: SnapshotSetRequest): string {
  const kind = request.retrainIndices
    ? 'custom'
    : request.paperIndices
      ? `${request.distribution}-paper`
      : (request.distribution ?? 'none');
  const size = request.imageSize === undefined ? 'native' : `${request.imageSize}px`;
  const hash = sha256Hex(canonicalJson(request as unknown as Json)).slice(0, 10);
  return (
    `${request.architecture}-${size}-${kind}-${request.structure ?? 'chained'}-n${request.count}-s` +
    `${request.seed}-${hash}`
  );
}

/**
 * Returns the store holding the requested set, generating it first if no finished one exists. Generation writes
 * into a temp folder and renames it into place only when complete, so concurrent callers never see half a store;
 * if two generate at once, the first rename wins and the other's copy is discarded.
 */
export async function ensureSnapshotStore(
  storesDir: string,
  request: SnapshotSetRequest,
  logger?: Logger,
): Promise<SnapshotStoreInfo> {
  const key = snapshotSetKey(request);
  const dir = join(storesDir, key);
  const ready = await readReady(dir);
  if (ready !== undefined) return { dir, key, reused: true, generationSeconds: 0, models: ready };

  await mkdir(storesDir, { recursive: true });
  const temp = join(storesDir, `.tmp-${key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  const started = performance.now();
  try {
    logger?.info(`generating snapshot set ${key} (not part of any measured time)`);
    const store = await openStore(temp);
    const set = await generateSnapshotSet(store, { ...request, retrainIndices: request.retrainIndices });
    const models = set.models.map((m) => m.id);
    await writeFileAtomic(join(temp, READY_FILE), `${JSON.stringify({ request, key, models }, null, 2)}\n`);
    const generationSeconds = (performance.now() - started) / 1000;
    try {
      await rename(temp, dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
      await rm(temp, { recursive: true, force: true });
      const theirs = await readReady(dir);
      if (theirs === undefined) throw error;
      return { dir, key, reused: true, generationSeconds: 0, models: theirs };
    }
    return { dir, key, reused: false, generationSeconds, models };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

async function readReady(dir: string): Promise<string[] | undefined> {
  const path = join(dir, READY_FILE);
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(await readFile(path, 'utf8')) as { models: string[] };
  return parsed.models;
}
