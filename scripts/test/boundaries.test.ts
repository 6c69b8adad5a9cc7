/**
 * The dependency rules of DESIGN.md section 3, checked on the sources: core imports no other lib; only the engine
 * imports onnxruntime-node; libraries never import experiments or the CLI; and imports between libs follow the
 * allowed direction (cli -> distributed -> strategies; cli, experiments -> strategies -> executor -> planner, cache, engine, data, proxies -> models,
 * store -> core, plus bench/plot for experiments).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Which @alsatian libs each lib's *source* may import. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  models: ['core'],
  store: ['core', 'models'],
  engine: ['core', 'models'],
  data: ['core'],
  planner: ['core'],
  cache: ['core'],
  proxies: ['core'],
  executor: ['core', 'cache', 'planner'],
  strategies: ['core', 'models', 'cache', 'planner', 'executor', 'store'],
  bench: ['core'],
  plot: ['core', 'bench'],
  distributed: ['core', 'models', 'store', 'engine', 'data', 'planner', 'cache', 'proxies', 'executor', 'strategies'],
  cli: ['core', 'models', 'store', 'engine', 'data', 'planner', 'cache', 'proxies', 'executor', 'strategies', 'distributed'],
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|mts|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('module boundaries', () => {
  for (const lib of Object.keys(ALLOWED)) {
    it(`libs/${lib}/src imports only what it may`, () => {
      const problems: string[] = [];
      for (const file of sources(join(ROOT, 'libs', lib, 'src'))) {
        for (const spec of imports(file)) {
          const where = relative(ROOT, file);
          if (spec === 'onnxruntime-node' && lib !== 'engine') problems.push(`${where} imports onnxruntime-node (only libs/engine may)`);
          const m = /^@alsatian\/([a-z-]+)/.exec(spec);
          if (!m || m[1] === lib) continue;
          if (m[1].startsWith('exp-')) problems.push(`${where} imports experiment package ${spec}`);
          else if (!ALLOWED[lib].includes(m[1])) problems.push(`${where} imports ${spec}; libs/${lib} may import ${ALLOWED[lib].join(', ') || 'no other lib'}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('knows every lib', () => {
    const libs = readdirSync(join(ROOT, 'libs')).filter((d) => statSync(join(ROOT, 'libs', d)).isDirectory());
    expect(libs.sort()).toEqual(Object.keys(ALLOWED).sort());
  });
});
