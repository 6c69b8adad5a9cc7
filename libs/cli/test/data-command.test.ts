/** Runs the real `alsatian` binary (tsx, no build) for the data verbs. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/alsatian.mjs', import.meta.url));
const alsatian = (...args: string[]) => execa('node', [BIN, ...args], { reject: false });
const dirs: string[] = [];
const temp = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'alsatian-cli-data-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe.concurrent('alsatian data', () => {
  it('synth writes an image folder that info describes', async () => {
    const out = join(await temp(), 'img');
    const synth = await alsatian(
      'data',
      'synth',
      '--out',
      out,
      '--classes',
      '3',
      '--train',
      '6',
      '--test',
      '3',
      '--size',
      '32',
      '--seed',
      '2',
    );
    expect(synth.exitCode).toBe(0);
    expect(synth.stdout).toContain('wrote 9 images (3 classes)');
    const info = await alsatian('data', 'info', out, '--json', '--image-size', '24');
    expect(info.exitCode).toBe(0);
    const json = JSON.parse(info.stdout);
    expect(json.classes).toEqual(['class00', 'class01', 'class02']);
    expect(json.train).toEqual({ items: 6, perClass: { class00: 2, class01: 2, class02: 2 } });
    expect(json.test.items).toBe(3);
    expect(json.inputs).toEqual([{ name: 'pixels', dtype: 'float32', shape: [3, 24, 24] }]);
    expect(json.skipped).toEqual([]);
  });

  it('synth --text writes reviews and a vocab; info shows int64 token inputs', async () => {
    const out = join(await temp(), 'txt');
    expect(
      (await alsatian('data', 'synth', '--text', '--out', out, '--classes', '2', '--train', '4', '--test', '2'))
        .exitCode,
    ).toBe(0);
    const info = await alsatian('data', 'info', out, '--max-length', '32');
    expect(info.stdout).toMatch(/classes {2}2/);
    expect(info.stdout).toContain('input    input_ids int64 [32]');
    expect(info.stdout).toContain('  neg (2/1)');
  });

  it('info lists skipped items with --skip-bad and fails with one line without it', async () => {
    const out = join(await temp(), 'img');
    await alsatian('data', 'synth', '--out', out, '--classes', '2', '--train', '2', '--test', '2', '--size', '16');
    await writeFile(join(out, 'train', 'class00', 'empty.jpg'), '');
    const failed = await alsatian('data', 'info', out);
    expect(failed.exitCode).not.toBe(0);
    expect(failed.stderr.trim()).toMatch(/^alsatian: .*empty\.jpg: empty file \(0 bytes\)/);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    const skipped = JSON.parse((await alsatian('data', 'info', out, '--skip-bad', '--json')).stdout);
    expect(skipped.skipped).toEqual([
      { file: join(out, 'train', 'class00', 'empty.jpg'), reason: 'empty file (0 bytes)' },
    ]);
  });

  it('rejects unknown spec keys and bad numbers with the valid choices', async () => {
    const bad = await alsatian('data', 'info', 'synthetic:clases=3');
    expect(bad.stderr.trim()).toMatch(
      /^alsatian: Unknown key 'clases'.*Valid keys for synthetic: classes, train, test, size, seed\.$/,
    );
    const nan = await alsatian('data', 'synth', '--out', join(await temp(), 'x'), '--classes', 'ten');
    expect(nan.stderr.trim()).toBe(`alsatian: --classes must be an integer >= 1, got 'ten'.`);
  });
});
