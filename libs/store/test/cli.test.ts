/** Runs the real `alsatian` binary for the store and snapshots verbs. */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { float32Tensor } from '@alsatian/core';
import { GraphBuilder } from '@alsatian/models';
import { openStore, storeLayout } from '../src/index.ts';
import { tempDir } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../cli/bin/alsatian.mjs', import.meta.url));
const alsatian = (...args: string[]) => execa('node', [BIN, ...args], { reject: false });

describe('alsatian snapshots / store', () => {
  it('generates a set, reports stats, lists it; verify fails naming the damaged block, file and models', async () => {
    const dir = await tempDir();
    const gen = await alsatian(
      'snapshots',
      'generate',
      '--arch',
      'tiny_resnet',
      '--count',
      '5',
      '--retrain-indices',
      '1,2,0,1',
      '--structure',
      'from-base',
      '--seed',
      '3',
      '--store',
      dir,
    );
    expect(gen.exitCode).toBe(0);
    expect(gen.stdout).toMatch(/generated 5 models .*k = 1,2,0,1/);

    const stats = await alsatian('store', 'stats', '--store', dir, '--json');
    const json = JSON.parse(stats.stdout);
    expect(Object.keys(json)).toEqual([
      'models',
      'distinctModels',
      'blocks',
      'uniqueBlocks',
      'totalBytes',
      'uniqueBytes',
    ]);
    expect(json).toEqual((await openStore(dir)).stats());
    expect(json.uniqueBytes).toBeLessThan(json.totalBytes);

    const list = await alsatian('store', 'list', '--store', dir, '--json');
    expect(JSON.parse(list.stdout).map((m: { id: string }) => m.id)).toHaveLength(5);

    expect((await alsatian('store', 'verify', '--store', dir)).exitCode).toBe(0);
    const store = await openStore(dir);
    const model = store.listModels().find((m) => m.metadata.retrainIndex === 2)!;
    const block = model.blocks.at(-3)!;
    const file = storeLayout(dir).weightsFile(block);
    const bytes = await readFile(file);
    bytes[bytes.length - 1] ^= 0x80;
    await writeFile(file, bytes);
    const verify = await alsatian('store', 'verify', '--store', dir);
    expect(verify.exitCode).not.toBe(0);
    expect(verify.stderr).toMatch(/1 problem\(s\)/);
    expect(verify.stderr).toContain(block);
    expect(verify.stderr).toContain(file);
    expect(verify.stderr).toContain(model.id);
  });

  it('imports an ONNX file as a chain of blocks', async () => {
    const dir = await tempDir();
    const g = new GraphBuilder();
    const x = g.input('x', 'float32', ['batch', 6]);
    const h = g.op('Relu', [
      g.op(
        'Gemm',
        [
          x,
          g.initializer('w', float32Tensor([4, 6], new Float32Array(24).fill(0.1))),
          g.floats('b', [0, 0, 0, 0], [4]),
        ],
        { transB: 1 },
      ),
    ]);
    g.output(g.op('Add', [h, g.floats('one', [1])]), 'y', 'float32', ['batch', 4]);
    await writeFile(join(dir, 'mlp.onnx'), g.toBytes('mlp'));
    const run = await alsatian(
      'store',
      'import',
      '--store',
      join(dir, 'store'),
      '--onnx',
      join(dir, 'mlp.onnx'),
      '--name',
      'mlp',
    );
    expect(run.stderr).toBe('');
    // Gemm, Relu, Add and the Identity that names the output: each a block of its own.
    expect(run.stdout).toMatch(/imported mlp \(onnx:mlp, 4 blocks/);
    expect((await openStore(join(dir, 'store'))).getModel('mlp').featureDim).toBe(4);
    const both = await alsatian('store', 'import', '--store', dir, '--onnx', 'a', '--hf', 'b');
    expect(both.stderr).toMatch(/exactly one of --hf/);
  });

  it('rejects bad options with one line naming the option', async () => {
    const dir = await tempDir();
    const bad = await alsatian(
      'snapshots',
      'generate',
      '--arch',
      'tiny_resnet',
      '--count',
      '3',
      '--distribution',
      'top-99',
      '--store',
      dir,
    );
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toMatch(/Unknown distribution 'top-99'. Known: top-layers, top-25, top-50/);
    const none = await alsatian('store', 'stats', '--store', `${dir}/missing`);
    expect(none.stderr).toMatch(/--store .*missing does not exist/);
  });
});
