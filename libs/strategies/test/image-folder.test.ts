import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '@alsatian/core';
import { openDataset, writeSyntheticImageFolder } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import { search } from '../src/index.ts';
import { snapshotStore } from '@alsatian/store/testing';

/** A JPEG image folder with one corrupt file, read through the real decoding path (sharp in worker threads). */
async function folderWithCorruptImage(): Promise<{ dir: string; bad: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'alsatian-folder-'));
  await writeSyntheticImageFolder(dir, { classes: 3, train: 18, test: 9, seed: 4, size: 40 });
  const classDir = join(dir, 'train', (await readdir(join(dir, 'train')))[0]);
  const bad = join(classDir, (await readdir(classDir))[0]);
  await writeFile(bad, Buffer.from('not a jpeg at all'));
  return { dir, bad };
}

describe('search on an image folder', () => {
  it('names the corrupt file, fails without --skip-bad; with it skips, lists the file, ranks every model', async () => {
    const { dir, bad } = await folderWithCorruptImage();
    const { store, ids } = await snapshotStore('tiny_resnet', [1, 2, 3], { chained: true });
    const engine = await createEngine({ threads: 1 });
    try {
      const strict = await openDataset(dir, { imageSize: 32, workers: 1 });
      const failure = search({
        store,
        dataset: strict,
        strategy: 'alsatian',
        engine,
        proxy: createProxy('linear', { epochs: 3 }),
        batchSize: 4,
      });
      await expect(failure).rejects.toThrow(BadInputError);
      await expect(failure).rejects.toThrow(bad);
      await strict.close();

      const lenient = await openDataset(dir, { imageSize: 32, workers: 1, skipBad: true });
      const result = await search({
        store,
        dataset: lenient,
        strategy: 'alsatian',
        engine,
        proxy: createProxy('linear', { epochs: 3 }),
        batchSize: 4,
        deterministic: true,
      });
      expect(result.ranking.map((r) => r.model).sort()).toEqual([...ids].sort());
      expect(lenient.skipped().map((s) => s.file)).toEqual([bad]);
      await lenient.close();
    } finally {
      await engine.dispose();
    }
  });
});
