import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, describeArchitecture } from '@alsatian/models';
import { diskModel, openStore, type RateLimiter } from '../src/index.ts';

const slowDisk: RateLimiter = { bytesPerSecond: 1, take: async () => undefined };

describe('the I/O model: a slow disk behind a page cache', () => {
  it('paces the first read of a file and serves re-reads from the page cache', () => {
    const disk = diskModel(slowDisk);
    expect(disk.pacingFor('a', 10)).toBe(slowDisk);
    expect(disk.pacingFor('a', 10)).toBeUndefined();
    expect(disk.pacingFor('b', 5)).toBe(slowDisk);
    expect(disk.stats()).toEqual({ fromDisk: { reads: 2, bytes: 15 }, fromPageCache: { reads: 1, bytes: 10 } });
  });

  it('evicts the least recently read files when the page cache is full, so they come from the disk again', () => {
    const disk = diskModel(slowDisk, 25);
    disk.pacingFor('a', 10);
    disk.pacingFor('b', 10);
    expect(disk.pacingFor('a', 10)).toBeUndefined(); // a is now the most recent
    disk.pacingFor('c', 10); // 30 > 25: b leaves
    expect(disk.pacingFor('b', 10)).toBe(slowDisk);
    expect(disk.pacingFor('a', 10)).toBe(slowDisk); // b's return pushed out a (then c)
    // A file larger than the whole page cache never stays.
    expect(disk.pacingFor('huge', 30)).toBe(slowDisk);
    expect(disk.pacingFor('huge', 30)).toBe(slowDisk);
  });

  it('without a slow disk every read is at memory speed', () => {
    const disk = diskModel(undefined);
    expect(disk.pacingFor('a', 10)).toBeUndefined();
    expect(disk.stats().fromDisk.reads).toBe(0);
  });
});

describe('a throttled store', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('counts block reads by where the model says they came from, per store handle (each starts cold)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alsatian-disk-model-'));
    dirs.push(dir);
    const writer = await openStore(dir);
    const blocks = buildModel('tiny_resnet', { seed: 1 }).blocks;
    await writer.putModel(
      {
        id: 'm',
        architecture: 'tiny_resnet',
        source: 'synthetic',
        featureDim: 32,
        params: describeArchitecture('tiny_resnet').featureParams,
      },
      blocks,
    );
    const ids = writer.getModel('m').blocks;
    const store = await openStore(dir, { readLimitBytesPerSec: 1e9 });
    for (const id of ids) await store.getBlock(id);
    for (const id of ids) await store.getBlock(id);
    const stats = store.readStats();
    expect(stats.fromDisk.reads).toBe(new Set(ids).size);
    expect(stats.fromPageCache.reads).toBe(ids.length * 2 - new Set(ids).size);
    const again = await openStore(dir, { readLimitBytesPerSec: 1e9, pageCacheBytes: 0 });
    for (const id of ids) await again.getBlock(id);
    for (const id of ids) await again.getBlock(id);
    expect(again.readStats().fromDisk.reads).toBe(ids.length * 2);
  });
});
