/** Temp files of writers killed before their rename are removed when a store is opened; live writers' are kept. */
import { spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processAlive, tempFileOwner } from '@alsatian/core';
import { openStore, storeLayout } from '../src/index.ts';
import { makeBlock, modelInput, tempDir } from './helpers.ts';

/** The pid of a process that has exited: what a SIGKILLed writer leaves in its temp file names. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid!;
  expect(processAlive(pid)).toBe(false);
  return pid;
}

describe('stale temp files', () => {
  it("opening a store removes dead writers' temp files in every folder and keeps live ones", async () => {
    const dir = await tempDir();
    const manifest = await (await openStore(dir)).putModel(modelInput('m', 1), [makeBlock(1)]);
    const layout = storeLayout(dir);
    const dead = deadPid();
    const stale = [
      `${layout.index}.${dead}.0a1b2c3d.tmp`,
      `${layout.modelFile('m')}.${dead}.0a1b2c3d.tmp`,
      `${layout.weightsFile(manifest.blocks[0])}.${dead}.0a1b2c3d.tmp`,
      `${layout.descriptorFile(manifest.blocks[0])}.${dead}.deadbeef.tmp`,
    ];
    const live = `${layout.modelFile('other')}.${process.pid}.0a1b2c3d.tmp`;
    for (const file of [...stale, live]) await writeFile(file, 'half-written');
    await openStore(dir);
    const left = (await readdir(dir, { recursive: true })).filter((f) => tempFileOwner(f) !== undefined);
    expect(left).toEqual([join('models', `other.json.${process.pid}.0a1b2c3d.tmp`)]);
    expect((await (await openStore(dir)).verify()).ok).toBe(true);
  });
});
