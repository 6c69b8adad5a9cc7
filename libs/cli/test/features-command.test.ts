import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { scanEntries } from '@alsatian/cache';
import { snapshotStore } from '@alsatian/store/testing';

const BIN = new URL('../bin/alsatian.mjs', import.meta.url).pathname;
const DATASET = 'synthetic:classes=3,train=16,test=8,size=32,seed=2';
const cli = (args: string[]) => execa('node', [BIN, ...args], { reject: false });

describe('alsatian search --feature-store and alsatian features', () => {
  it('stores features, reuses them, and stats / verify / prune the store', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2], { chained: true });
    const dir = join(await mkdtemp(join(tmpdir(), 'alsatian-cli-features-')), 'features');
    const args = [
      'search',
      '--store',
      store.dir,
      '--dataset',
      DATASET,
      '--batch-size',
      '4',
      '--deterministic',
      '--json',
      '--workers',
      '0',
      '--feature-store',
      dir,
    ];
    const first = JSON.parse((await cli(args)).stdout);
    expect(first.featureStore).toMatchObject({ reads: 0, corrupt: 0 });
    expect(first.featureStore.writes).toBeGreaterThan(0);

    const stats = JSON.parse((await cli(['features', 'stats', '--feature-store', dir, '--json'])).stdout);
    expect(stats.entries).toBe(first.featureStore.writes);
    expect(stats.bytes).toBe(first.featureStore.writtenBytes);

    // The smallest entry holds a model's pooled features, which every later search of these models reads.
    const [victim] = (await scanEntries(dir)).sort((a, b) => a.bytes - b.bytes);
    const bytes = await readFile(victim.file);
    bytes[bytes.length - 1] ^= 0x10;
    await writeFile(victim.file, bytes);
    const verify = await cli(['features', 'verify', '--feature-store', dir]);
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout).toContain(victim.file);
    expect(verify.stdout).toMatch(/1 corrupt/);
    const warm = await cli(args);
    expect(warm.stderr).toMatch(/warning: 1 corrupt feature-store entries were deleted and recomputed/);
    const reused = JSON.parse(warm.stdout);
    expect(reused.ranking).toEqual(first.ranking);
    expect(reused.featureStore).toMatchObject({ writes: 1, corrupt: 1 }); // only the corrupt entry was computed again
    expect(reused.work.unitItems).toBeLessThan(first.work.unitItems);

    const limit = `${Math.floor(stats.bytes / 2)}B`;
    const prune = await cli(['features', 'prune', '--feature-store', dir, '--limit', limit, '--json']);
    const pruned = JSON.parse(prune.stdout);
    expect(pruned.removed).toBeGreaterThan(0);
    expect(pruned.keptBytes).toBeLessThanOrEqual(stats.bytes / 2);
  });

  it('names the path and the fix for a directory that is not a store, and rejects bad options', async () => {
    const notStore = await mkdtemp(join(tmpdir(), 'alsatian-cli-notstore-'));
    await writeFile(join(notStore, 'notes.txt'), 'mine');
    const stats = await cli(['features', 'stats', '--feature-store', notStore]);
    expect(stats.exitCode).not.toBe(0);
    expect(stats.stderr).toContain(`${notStore} is not a feature store`);
    const limit = await cli(['features', 'prune', '--feature-store', notStore, '--limit', 'huge']);
    expect(limit.exitCode).not.toBe(0);
    expect(limit.stderr).toMatch(/Invalid --limit 'huge'/);
    const { store } = await snapshotStore('tiny_resnet', [1], {});
    const search = await cli(['search', '--store', store.dir, '--dataset', DATASET, '--feature-store', notStore]);
    expect(search.exitCode).not.toBe(0);
    expect(search.stderr).toMatch(/not a feature store.*new or empty directory/);
    expect(search.stderr).not.toMatch(/\n\s+at /);
  });
});
