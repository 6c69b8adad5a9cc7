import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '@alsatian/core';
import { findRepositoryRoot, imagePath, markdownTable, parseCliArgs, runDirOf, storesDirFor } from '../src/index.ts';

/** This file is experiments/shared/test/cli.test.ts: the repository root is three folders up. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Runs `fn` with the current directory set to `dir` (the forks pool gives each test file its own process). */
function inDirectory<T>(dir: string, fn: () => T): T {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return fn();
  } finally {
    process.chdir(before);
  }
}

describe('experiment CLI helpers', () => {
  it('parses scale, results dir and in-process, with quick and results as defaults', () => {
    expect(parseCliArgs([])).toMatchObject({ scale: 'quick', inProcess: false });
    expect(parseCliArgs([]).resultsDir).toMatch(/\/results$/);
    const args = parseCliArgs(['--scale', 'paper', '--results-dir', 'out/r', '--in-process']);
    expect(args).toEqual({ scale: 'paper', resultsDir: resolve('out/r'), inProcess: true, verbose: false });
  });

  it('defaults --results-dir to the repository root\'s results/ whatever the cwd; an explicit one is relative to the cwd', async () => {
    expect(existsSync(join(REPO_ROOT, 'nx.json'))).toBe(true);
    const expected = join(REPO_ROOT, 'results');
    // Under nx the cwd is the package folder; under npm run reproduce it is the root.
    expect(inDirectory(join(REPO_ROOT, 'experiments', 'main', 'fig13-trained'), () => parseCliArgs([]).resultsDir)).toBe(expected);
    expect(inDirectory(REPO_ROOT, () => parseCliArgs(['--scale', 'small']).resultsDir)).toBe(expected);
    const elsewhere = await realpath(await mkdtemp(join(tmpdir(), 'cli-cwd-')));
    try {
      expect(inDirectory(elsewhere, () => parseCliArgs([]).resultsDir)).toBe(expected);
      expect(inDirectory(elsewhere, () => parseCliArgs(['--results-dir', 'out']).resultsDir)).toBe(join(elsewhere, 'out'));
      expect(inDirectory(elsewhere, () => parseCliArgs(['--results-dir=../r']).resultsDir)).toBe(join(dirname(elsewhere), 'r'));
      expect(storesDirFor(runDirOf(inDirectory(elsewhere, () => parseCliArgs([]).resultsDir), 'fig10-end-to-end', 'quick'))).toBe(join(expected, '_stores'));
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('finds the nearest folder holding nx.json, and names nx.json and --results-dir when there is none', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cli-root-'));
    try {
      const deep = join(root, 'experiments', 'main', 'x', 'src');
      await mkdir(deep, { recursive: true });
      expect(() => findRepositoryRoot(deep)).toThrow(UnavailableError);
      expect(() => findRepositoryRoot(deep)).toThrow(/nx\.json.*--results-dir/);
      await writeFile(join(root, 'nx.json'), '{}');
      expect(findRepositoryRoot(deep)).toBe(root);
      expect(findRepositoryRoot(root)).toBe(root);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('names the flag and the valid scales on a bad scale, and rejects unknown flags', () => {
    expect(() => parseCliArgs(['--scale', 'huge'])).toThrow(/--scale 'huge' is not a scale. Valid: quick, small, paper/);
    expect(() => parseCliArgs(['--scal', 'quick'])).toThrow(/--scal/);
  });

  it('run, store and image paths follow the results layout', () => {
    const runDir = runDirOf('/r', 'fig10-end-to-end', 'quick');
    expect(runDir).toBe('/r/fig10-end-to-end/quick');
    expect(storesDirFor(runDir)).toBe('/r/_stores');
    expect(imagePath(runDir, 'a.png')).toBe('fig10-end-to-end/quick/a.png');
    expect(markdownTable(['a', 'b'], [[1, 'x|y']])).toBe('| a | b |\n|---|---|\n| 1 | x\\|y |');
  });
});
