/** Model ids, shard names and symbolic links from outside never make the store read or write outside its folders. */
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError, float32Tensor, InvalidArgumentError } from '@alsatian/core';
import { architecture, buildModel } from '@alsatian/models';
import { importHfFolder, openStore, storeLayout, writeSafetensors } from '../src/index.ts';
import { makeBlock, modelInput, tempDir } from './helpers.ts';

describe('path safety: model ids', () => {
  it('ids with separators, "..", absolute paths or odd characters stay one file inside models/', async () => {
    const root = await tempDir('ids-');
    const dir = join(root, 'store');
    const store = await openStore(dir);
    const ids = [
      '../../escaped',
      '/etc/passwd',
      'org/name',
      '..\\..\\win',
      '.hidden',
      'a%2F..',
      'ünïcode/😀',
      `${'x'.repeat(60)}/${'y'.repeat(60)}`,
    ];
    for (const [i, id] of ids.entries()) await store.putModel(modelInput(id, 1), [makeBlock(i)]);
    expect(await readdir(root)).toEqual(['store']);
    const files = await readdir(storeLayout(dir).modelsDir);
    expect(files).toHaveLength(ids.length);
    for (const f of files) expect(f).not.toMatch(/[/\\]|^\.\.?\.json$/);
    const back = await openStore(dir, { rebuildIndex: true });
    expect(
      back
        .listModels()
        .map((m) => m.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect((await back.verify()).ok).toBe(true);
  });

  it('refuses ids that cannot be one safe file name', async () => {
    const store = await openStore(await tempDir());
    const bad = ['', '.', '..', 'a\u0000b', 'line\nbreak', 'x'.repeat(201), '\ud800lone', '😀'.repeat(30)];
    for (const id of bad) {
      await expect(store.putModel(modelInput(id, 1), [makeBlock(1)])).rejects.toThrow(InvalidArgumentError);
    }
    // A refused model leaves nothing behind: its block was removed with it.
    expect(store.listModels()).toEqual([]);
    expect(store.listBlocks()).toEqual([]);
    expect((await store.verify()).ok).toBe(true);
  });
});

describe('path safety: Hugging Face folders', () => {
  async function bertFolder(): Promise<{
    root: string;
    dir: string;
    tensors: Map<string, ReturnType<typeof float32Tensor>>;
  }> {
    const root = await tempDir('hf-paths-');
    const dir = join(root, 'model');
    await mkdir(dir);
    const def = architecture('tiny_bert');
    const tensors = new Map();
    buildModel('tiny_bert', { seed: 1 }).blocks.forEach((b, j) =>
      b.weights.forEach((t, name) => tensors.set(`bert.${def.features[j].sourcePrefix}${name}`, t)),
    );
    await writeFile(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', num_attention_heads: 2 }));
    return { root, dir, tensors };
  }

  it('shard names that leave the folder are refused, naming the index file', async () => {
    const { root, dir, tensors } = await bertFolder();
    await writeSafetensors(join(root, 'outside.safetensors'), tensors);
    const store = await openStore(join(root, 'store'));
    for (const shard of [
      '../outside.safetensors',
      join(root, 'outside.safetensors'),
      'sub/../../outside.safetensors',
      'a\u0000b',
    ]) {
      const weightMap = Object.fromEntries([...tensors.keys()].map((k) => [k, shard]));
      await writeFile(join(dir, 'model.safetensors.index.json'), JSON.stringify({ weight_map: weightMap }));
      const error = await importHfFolder(store, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadInputError);
      expect((error as Error).message).toMatch(/model\.safetensors\.index\.json: the file name .* leaves the folder/);
    }
    expect(store.listModels()).toEqual([]);
  });

  it('a symbolic link out of the folder is not followed; one inside it is', async () => {
    const { root, dir, tensors } = await bertFolder();
    await writeSafetensors(join(root, 'elsewhere.safetensors'), tensors);
    await symlink(join(root, 'elsewhere.safetensors'), join(dir, 'model.safetensors'));
    const store = await openStore(join(root, 'store'));
    await expect(importHfFolder(store, dir)).rejects.toThrow(BadInputError);
    await expect(importHfFolder(store, dir)).rejects.toThrow(
      /model\.safetensors is a symbolic link to .*elsewhere\.safetensors, outside the folder/,
    );

    const inside = (await bertFolder()).dir;
    await writeSafetensors(join(inside, 'weights.bin'), tensors);
    await symlink('weights.bin', join(inside, 'model.safetensors'));
    expect((await importHfFolder(store, inside)).architecture).toBe('tiny_bert');

    const linkedConfig = (await bertFolder()).dir;
    await writeFile(join(root, 'config.json'), '{"model_type":"bert"}');
    await rm(join(linkedConfig, 'config.json'));
    await symlink(join(root, 'config.json'), join(linkedConfig, 'config.json'));
    await expect(importHfFolder(store, linkedConfig)).rejects.toThrow(/config\.json is a symbolic link/);
  });
});
