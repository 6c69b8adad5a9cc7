/**
 * No line of TypeScript or JavaScript source in libs/ and experiments/ is longer than 120 characters. Prettier
 * wraps code at that width but not strings or comments; this catches those. Data files (CSV, JSON fixtures) are
 * not sources and are not checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const WIDTH = 120;
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

describe('line length', () => {
  for (const top of ['libs', 'experiments']) {
    it(`no source line in ${top}/ exceeds ${WIDTH} characters`, () => {
      const long: string[] = [];
      for (const file of sources(join(ROOT, top))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (line.length > WIDTH) long.push(`${relative(ROOT, file)}:${i + 1} (${line.length})`);
          });
      }
      expect(long).toEqual([]);
    });
  }
});
