/**
 * The layering of docs/DESIGN.md §2 is enforced by lint (eslint.config.mjs: nx's
 * module-boundary rule on the tags in each package.json, plus restricted import patterns). These tests check that
 * the lint really fails on what it must refuse (so a missing project graph, which makes nx skip its rule silently,
 * cannot pass unnoticed) and that every lib has a layer.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

let eslint: ESLint;

beforeAll(() => {
  // nx's rule reads the cached project graph; compute it as `npm run lint` does.
  const nx = join(ROOT, 'node_modules', 'nx');
  const bin = JSON.parse(readFileSync(join(nx, 'package.json'), 'utf8')).bin.nx;
  execFileSync(process.execPath, [join(nx, bin), 'show', 'projects'], {
    cwd: ROOT,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'ignore',
  });
  eslint = new ESLint({ cwd: ROOT });
});

/** The rules that `code`, placed at `file` (relative to the root), breaks. */
async function broken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const BOUNDARY = /^@nx\/enforce-module-boundaries: /;
const RESTRICTED = /^no-restricted-imports: /;

describe('module boundaries (lint)', () => {
  it('refuses an upward import between libs', async () => {
    expect(await broken('libs/core/src/probe.ts', "export { search } from '@alsatian/strategies';\n")).toEqual([
      expect.stringMatching(BOUNDARY),
    ]);
    expect(await broken('libs/planner/src/probe.ts', "export { Executor } from '@alsatian/executor';\n")).toEqual([
      expect.stringMatching(BOUNDARY),
    ]);
  });

  it('refuses a sideways import the layering does not allow', async () => {
    expect(await broken('libs/executor/src/probe.ts', "export { createEngine } from '@alsatian/engine';\n")).toEqual([
      expect.stringMatching(BOUNDARY),
    ]);
  });

  it('accepts a downward import', async () => {
    expect(await broken('libs/strategies/src/probe.ts', "export { Executor } from '@alsatian/executor';\n")).toEqual(
      [],
    );
  });

  it('refuses imports of experiments from libs, and of onnxruntime-node outside the engine', async () => {
    expect(await broken('libs/bench/src/probe.ts', "export * from '@alsatian/exp-shared';\n")).toEqual([
      expect.stringMatching(BOUNDARY),
    ]);
    expect(await broken('libs/store/src/probe.ts', "export * from 'onnxruntime-node';\n")).toEqual([
      expect.stringMatching(BOUNDARY),
    ]);
    expect(await broken('libs/engine/src/probe.ts', "export * from 'onnxruntime-node';\n")).toEqual([]);
  });

  it('refuses deep imports across libs, relative or by package path, in sources and tests', async () => {
    expect(await broken('libs/store/src/probe.ts', "export * from '../../models/src/lower.ts';\n")).toEqual([
      expect.stringMatching(BOUNDARY),
    ]);
    expect(await broken('libs/store/src/probe.ts', "export * from '@alsatian/models/src/lower.ts';\n")).toEqual([
      expect.stringMatching(RESTRICTED),
    ]);
    expect(await broken('libs/data/test/probe.test.ts', "export * from '../../core/test/fuzz.ts';\n")).toEqual([
      expect.stringMatching(BOUNDARY),
    ]);
    expect(await broken('libs/data/test/probe.test.ts', "export * from '@alsatian/core/testing';\n")).toEqual([]);
  });

  it('keeps test helpers out of production code', async () => {
    expect(await broken('libs/data/src/probe.ts', "export * from '@alsatian/core/testing';\n")).toEqual([
      expect.stringMatching(RESTRICTED),
    ]);
  });

  it('gives every lib a layer', async () => {
    const config = await eslint.calculateConfigForFile(join(ROOT, 'libs/core/src/index.ts'));
    const [, options] = config?.rules?.['@nx/enforce-module-boundaries'] as [
      unknown,
      { depConstraints: { sourceTag: string }[] },
    ];
    const layered = new Set(options.depConstraints.map((c) => c.sourceTag));
    for (const lib of readdirSync(join(ROOT, 'libs'))) {
      if (!statSync(join(ROOT, 'libs', lib)).isDirectory()) continue;
      const tags: string[] = JSON.parse(readFileSync(join(ROOT, 'libs', lib, 'package.json'), 'utf8')).nx.tags;
      expect(tags, `libs/${lib}`).toEqual(['type:lib', `scope:${lib}`]);
      expect(layered.has(`scope:${lib}`), `libs/${lib} has no entry in eslint.config.mjs LAYERS`).toBe(true);
    }
  });
});
