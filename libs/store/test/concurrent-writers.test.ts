/**
 * Two processes writing one store at once (the same blocks, different model names): both succeed, each waiting
 * for the index lock in turn, and the store verifies clean with every model of both.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index.ts';
import { tempDir } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../cli/bin/alsatian.mjs', import.meta.url));
const generate = (store: string, name: string) =>
  execa(
    'node',
    [
      BIN,
      'snapshots',
      'generate',
      '--arch',
      'tiny_resnet',
      '--count',
      '6',
      '--distribution',
      'top-layers',
      '--seed',
      '7',
      '--name',
      name,
      '--store',
      store,
    ],
    { reject: false },
  );

describe('concurrent writers', () => {
  it('two processes generating into one store both succeed; verify is clean afterwards', async () => {
    const store = await tempDir('concurrent-');
    const [a, b] = await Promise.all([generate(store, 'first'), generate(store, 'second')]);
    expect([a.exitCode, b.exitCode], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    const verify = await execa('node', [BIN, 'store', 'verify', '--store', store], { reject: false });
    expect(verify.exitCode, verify.stderr).toBe(0);
    const models = (await openStore(store)).listModels().map((m) => m.id);
    expect(models.filter((id) => id.startsWith('first'))).toHaveLength(6);
    expect(models.filter((id) => id.startsWith('second'))).toHaveLength(6);
  });
});
