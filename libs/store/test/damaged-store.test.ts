/** Repairs of a damaged store: what the error messages tell the user to do must work. */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '@alsatian/core';
import { openStore, storeLayout } from '../src/index.ts';
import { makeBlock, modelInput, tempDir } from './helpers.ts';

describe('damaged store files', () => {
  it('a damaged manifest is reported by verifyModels and repaired by adding the same model again', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.putModel(modelInput('m', 2), [makeBlock(1), makeBlock(2)]);
    const file = storeLayout(dir).modelFile('m');
    await writeFile(file, '{"id": "m", "blocks": [');
    expect((await store.verifyModels(['m'])).map((p) => p.kind)).toEqual(['manifest-mismatch']);
    await store.putModel(modelInput('m', 2), [makeBlock(1), makeBlock(2)]);
    expect(await store.verifyModels(['m'])).toEqual([]);
    expect((await (await openStore(dir)).verify()).ok).toBe(true);
  });

  it('a damaged index.json is an error naming it and the repair; opening with rebuildIndex repairs it', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.putModel(modelInput('m', 1), [makeBlock(1)]);
    const index = storeLayout(dir).index;
    const good = await readFile(index, 'utf8');
    await writeFile(index, good.replace(/"bytes":\d+/, '"bytes":-1'));
    await expect(openStore(dir)).rejects.toThrow(BadInputError);
    await expect(openStore(dir)).rejects.toThrow(
      new RegExp(
        /index\.json \(block '[0-9a-f]{12}.*bytes must be a non-negative integer, got -1\./.source +
          / Run 'alsatian store verify --rebuild-index/.source,
      ),
    );
    const repaired = await openStore(dir, { rebuildIndex: true });
    expect(repaired.listModels().map((m) => m.id)).toEqual(['m']);
    expect((await (await openStore(dir)).verify()).ok).toBe(true);
  });
});
