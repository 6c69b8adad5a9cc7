/**
 * A search killed with SIGKILL cannot remove its work directory (features on disk); the next search removes it
 * before starting, so temporary files never pile up.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { snapshotStore } from '@alsatian/store/testing';

const BIN = new URL('../bin/alsatian.mjs', import.meta.url).pathname;

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a search killed with SIGKILL', () => {
  it('leaves its work directory, which the next search removes', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2]);
    const temp = await mkdtemp(join(tmpdir(), 'killed-search-'));
    const env = { ...process.env, TMPDIR: temp };
    const args = (train: number) => [
      'search',
      '--store',
      store.dir,
      '--dataset',
      `synthetic:classes=2,train=${train},test=8,size=32,seed=1`,
      '--strategy',
      'baseline',
      '--batch-size',
      '4',
      '--workers',
      '0',
      '--json',
    ];
    const workDirs = async () => (await readdir(temp)).filter((name) => name.startsWith('alsatian-search-'));

    const doomed = execa('node', [BIN, ...args(4000)], { env, reject: false });
    // The CLI relaunches itself with allocator settings, so the directory carries the relaunched process's pid.
    const mine = await waitFor(async () => (await workDirs())[0], 'the search work directory');
    const searchPid = Number(/^alsatian-search-(\d+)-/.exec(mine)?.[1]);
    doomed.kill('SIGKILL');
    expect((await doomed).signal).toBe('SIGKILL');
    await waitFor(async () => (isAlive(searchPid) ? undefined : true), 'the killed search to exit');
    expect(await workDirs()).toContain(mine);

    const next = await execa('node', [BIN, ...args(8)], { env, reject: false });
    expect(next.exitCode, next.stderr).toBe(0);
    expect(await workDirs()).toEqual([]);
  });
});
