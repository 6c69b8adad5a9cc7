/**
 * Fuzzes the store's own JSON files as read back from disk (index.json, model manifests, block descriptor
 * records, the format marker): opening, rebuilding, listing, reading blocks and verifying either work or fail
 * with a BadInputError / IntegrityError naming the file, and never touch anything outside the store directory.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AlsatianError, BadInputError } from '@alsatian/core';
import { fuzz, fuzzRuns, mutatedJson, parsesOrRejects } from '@alsatian/core/testing';
import { openStore, storeLayout } from '../src/index.ts';
import { makeBlock, modelInput, tempDir } from './helpers.ts';

const RUNS = fuzzRuns(100);

let root: string;
let dir: string;
let valid: { index: string; manifest: string; record: string; marker: string };
let modelFile: string;
let recordFile: string;

beforeAll(async () => {
  root = await tempDir('fuzz-store-');
  dir = join(root, 'store');
  const store = await openStore(dir);
  const manifest = await store.putModel(modelInput('org/model-a', 2), [makeBlock(1), makeBlock(2)]);
  await store.putModel(modelInput('model-b', 1), [makeBlock(1)]);
  const layout = storeLayout(dir);
  modelFile = layout.modelFile(manifest.id);
  recordFile = layout.descriptorFile(manifest.blocks[1]);
  valid = {
    index: await readFile(layout.index, 'utf8'),
    manifest: await readFile(modelFile, 'utf8'),
    record: await readFile(recordFile, 'utf8'),
    marker: await readFile(layout.marker, 'utf8'),
  };
});

/** Puts the valid files back, then `file` with `text` (and no index when `dropIndex`). */
async function plant(file: string, text: string, dropIndex = false): Promise<void> {
  const layout = storeLayout(dir);
  await writeFile(layout.index, valid.index);
  await writeFile(modelFile, valid.manifest);
  await writeFile(recordFile, valid.record);
  await writeFile(layout.marker, valid.marker);
  await writeFile(file, text);
  if (dropIndex) await rm(layout.index);
}

/** Opens the store and exercises what a user would run; the store must stay inside its directory. */
async function exercise(file: string): Promise<void> {
  const store = await parsesOrRejects(file, () => openStore(dir));
  if (store) {
    for (const m of store.listModels())
      for (const b of m.blocks)
        await parsesOrRejects(dir, () => store.getBlock(b).then(() => undefined), AlsatianError);
    const report = await store.verify();
    expect(report.checkedModels).toBe(store.listModels().length);
    await store.verifyModels(store.listModels().map((m) => m.id));
  }
  expect(await readdir(root)).toEqual(['store']);
}

const json = (text: string) => JSON.parse(text) as unknown;

describe('fuzz: store files read back from disk', () => {
  it(`index.json: wrong types, hostile ids and paths, deep nesting, damaged bytes (${RUNS} cases)`, async () => {
    const index = storeLayout(dir).index;
    await fuzz(
      'store index.json',
      RUNS,
      fc.asyncProperty(mutatedJson(json(valid.index)), async (text) => {
        await plant(index, text);
        await exercise(index);
      }),
    );
  });

  it(`a model manifest, rebuilt into a missing index (${RUNS} cases)`, async () => {
    await fuzz(
      'store manifest (rebuild)',
      RUNS,
      fc.asyncProperty(mutatedJson(json(valid.manifest)), async (text) => {
        await plant(modelFile, text, true);
        await exercise(modelFile);
      }),
    );
  });

  it(`a model manifest under an intact index: verify and verifyModels report it (${RUNS} cases)`, async () => {
    await fuzz(
      'store manifest (indexed)',
      RUNS,
      fc.asyncProperty(mutatedJson(json(valid.manifest)), async (text) => {
        await plant(modelFile, text);
        const store = await openStore(dir);
        const problems = await store.verifyModels(['org/model-a']);
        const differs =
          text !== valid.manifest && JSON.stringify(json(valid.manifest)) !== JSON.stringify(safeParse(text));
        if (differs) expect(problems.map((p) => p.file)).toEqual([modelFile]);
        expect((await store.verify()).problems.some((p) => p.file === modelFile)).toBe(problems.length > 0);
      }),
    );
  });

  it(`a block descriptor record, indexed and rebuilt (${RUNS} cases)`, async () => {
    await fuzz(
      'store descriptor record',
      RUNS,
      fc.asyncProperty(mutatedJson(json(valid.record)), fc.boolean(), async (text, dropIndex) => {
        await plant(recordFile, text, dropIndex);
        await exercise(recordFile);
      }),
    );
  });

  it(`the format marker (${RUNS} cases)`, async () => {
    const marker = storeLayout(dir).marker;
    await fuzz(
      'store marker',
      RUNS,
      fc.asyncProperty(mutatedJson(json(valid.marker)), async (text) => {
        await plant(marker, text);
        await parsesOrRejects(marker, () => openStore(dir));
        expect(await readdir(root)).toEqual(['store']);
      }),
    );
  });

  it('an index naming paths outside the store is refused, not followed', async () => {
    const index = json(valid.index) as {
      models: Record<string, { id: string; blocks: string[] }>;
      blocks: Record<string, unknown>;
    };
    const escape = { ...index, models: { '../../outside': { ...index.models['model-b'], id: '../../outside' } } };
    await plant(storeLayout(dir).index, JSON.stringify(escape));
    const store = await openStore(dir);
    // '../../outside' is a legal id: it is percent-encoded into one file name inside models/.
    expect(storeLayout(dir).modelFile('../../outside')).toBe(join(dir, 'models', '..%2F..%2Foutside.json'));
    expect(store.listModels().map((m) => m.id)).toEqual(['../../outside']);
    const badBlock = {
      ...index,
      models: { 'model-b': { ...index.models['model-b'], blocks: ['../../../../etc/passwd'] } },
    };
    await plant(storeLayout(dir).index, JSON.stringify(badBlock));
    await expect(openStore(dir)).rejects.toThrow(BadInputError);
    await expect(openStore(dir)).rejects.toThrow(/blocks\[0\] must be a block id/);
    await mkdir(dir, { recursive: true });
    expect(await readdir(root)).toEqual(['store']);
  });
});

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
