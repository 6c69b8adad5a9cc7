/**
 * The three failures of issue 16, run through the real `alsatian` binary: each is now one line naming what the
 * user can act on (the manifest file and model, or the dataset option and the fix), with no stack trace and no
 * internal unit name.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { storeLayout } from '@alsatian/store';
import { snapshotStore } from '@alsatian/store/testing';

const BIN = new URL('../bin/alsatian.mjs', import.meta.url).pathname;
const alsatian = (...args: string[]) => execa('node', [BIN, ...args], { reject: false });
const DATASET = 'synthetic:classes=2,train=8,test=4,size=32,seed=1';

function expectUserError(run: { exitCode?: number; stderr: string }): void {
  expect(run.exitCode).not.toBe(0);
  expect(run.stderr).toMatch(/^alsatian: /);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(run.stderr).not.toMatch(/SyntaxError|TypeError|unit_[0-9a-f]/);
}

describe('untrusted store files and mismatched datasets, through the CLI', () => {
  it('store stats with index.json missing and a damaged manifest names the manifest, not a SyntaxError', async () => {
    const { store, ids } = await snapshotStore('tiny_resnet', [1]);
    const layout = storeLayout(store.dir);
    const manifest = layout.modelFile(ids[1]);
    await writeFile(manifest, (await readFile(manifest, 'utf8')).slice(0, 40));
    await rm(layout.index);
    const run = await alsatian('store', 'stats', '--store', store.dir);
    expectUserError(run);
    expect(run.stderr).toContain(`Cannot rebuild the index of the store ${store.dir}: ${manifest}: not valid JSON`);
    expect(run.stderr).toContain(
      `To go on, move the file out of ${layout.modelsDir} (this drops model '${ids[1]}'; re-import or ` +
        `regenerate it afterwards)`,
    );
  });

  it('search refuses a model whose manifest file is damaged or edited while index.json is intact', async () => {
    const { store, ids } = await snapshotStore('tiny_resnet', [1]);
    const manifest = storeLayout(store.dir).modelFile(ids[0]);
    const original = await readFile(manifest, 'utf8');
    await writeFile(manifest, original.slice(0, 30));
    const damaged = await alsatian('search', '--store', store.dir, '--dataset', DATASET, '--workers', '0');
    expectUserError(damaged);
    expect(damaged.stderr).toContain(`${manifest}: manifest of ${ids[0]} is damaged`);
    expect(damaged.stderr).toMatch(/do not match the store index, which search reads/);

    const edited = JSON.parse(original);
    edited.blocks = [...edited.blocks].reverse();
    await writeFile(manifest, JSON.stringify(edited));
    const run = await alsatian('search', '--store', store.dir, '--dataset', DATASET, '--workers', '0');
    expectUserError(run);
    expect(run.stderr).toContain(`${manifest}: manifest of ${ids[0]} differs from the index`);
    // The models whose manifests are intact can still be searched.
    const rest = await alsatian(
      'search',
      '--store',
      store.dir,
      '--dataset',
      DATASET,
      '--workers',
      '0',
      '--models',
      ids[1],
      '--json',
    );
    expect(rest.exitCode).toBe(0);
  });

  it('search with a synthetic size the models do not take names the option and the fix, not a unit', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1]);
    const run = await alsatian(
      'search',
      '--store',
      store.dir,
      '--dataset',
      'synthetic:classes=2,train=8,test=4,size=16,seed=1',
      '--workers',
      '0',
    );
    expectUserError(run);
    expect(run.stderr).toMatch(
      /take float32 pixels \[3, 32, 32\], but the dataset 'synthetic:.*size=16.*' gives float32 pixels \[3, 16, 16\]/,
    );
    expect(run.stderr).toContain("The store's models take 32x32 images: use size=32 in --dataset.");
  });
});
