/** Runs the real `alsatian` binary (tsx, no build) for the models verbs. */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { architectureNames, describeArchitecture } from '@alsatian/models';

const BIN = fileURLToPath(new URL('../bin/alsatian.mjs', import.meta.url));
const alsatian = (...args: string[]) => execa('node', [BIN, ...args], { reject: false });

describe('alsatian models', () => {
  it('list shows every full-size architecture, and the tiny ones only with --all', async () => {
    const plain = await alsatian('models', 'list');
    expect(plain.exitCode).toBe(0);
    const full = architectureNames();
    const tiny = architectureNames({ includeTiny: true }).filter((n) => !full.includes(n));
    expect(full.length).toBeGreaterThan(0);
    for (const name of full) expect(plain.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    for (const name of tiny) expect(plain.stdout).not.toContain(name);
    const all = await alsatian('models', 'list', '--all');
    for (const name of tiny) expect(all.stdout).toContain(`${name} (tiny)`);
  });

  it('info --json gives the architecture, its parameter counts and every block', async () => {
    const name = architectureNames()[0];
    const { stdout, exitCode } = await alsatian('models', 'info', name, '--json');
    expect(exitCode).toBe(0);
    const json = JSON.parse(stdout);
    const info = describeArchitecture(name);
    expect(Object.keys(json)).toEqual(['architecture', 'params', 'featureParams', 'featureDim', 'blocks']);
    expect(json).toMatchObject({
      architecture: name,
      params: info.params,
      featureParams: info.featureParams,
      featureDim: info.featureDim,
    });
    expect(json.params).toBeGreaterThan(json.featureParams);
    expect(json.blocks).toHaveLength(info.blocks.length);
    expect(Object.keys(json.blocks[0])).toEqual(['index', 'kind', 'params', 'outputShape', 'bytesPerItem', 'flops']);
    expect(json.blocks.reduce((s: number, b: { params: number }) => s + b.params, 0)).toBe(json.featureParams);
    expect(json.blocks.at(-1).outputShape.reduce((a: number, b: number) => a * b, 1)).toBe(json.featureDim);
  });

  it('info on an unknown architecture fails with one line listing the known ones', async () => {
    const { stderr, exitCode } = await alsatian('models', 'info', 'resnet9000');
    expect(exitCode).not.toBe(0);
    expect(stderr.trim()).toMatch(/^alsatian: Unknown architecture 'resnet9000'\. Known: .+\.$/);
    for (const name of architectureNames({ includeTiny: true })) expect(stderr).toContain(name);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
