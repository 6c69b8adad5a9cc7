import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '@alsatian/core';
import { readCsvRows, readMeta } from '@alsatian/bench';
import {
  buildSection,
  defaultResultsDir,
  findRepositoryRoot,
  imagePath,
  loadExperiment,
  markdownTable,
  runDirOf,
  storesDirFor,
} from '../src/index.ts';

/** This file is experiments/shared/test/main.test.ts: the repository root is three folders up. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MAIN = join(REPO_ROOT, 'experiments', 'shared', 'src', 'main.ts');
const TOY = fileURLToPath(new URL('./fixtures/toy-package', import.meta.url));

const main = (args: readonly string[], cwd = REPO_ROOT) =>
  execa(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd, reject: false });

describe('the shared run/plot entry point', () => {
  it("runs a package's experiment with its options, records them, renders its charts; plot re-renders", async () => {
    const results = await mkdtemp(join(tmpdir(), 'exp-main-'));
    try {
      const notes = await mkdtemp(join(tmpdir(), 'exp-notes-'));
      const run = await main([
        'run',
        TOY,
        '--scale',
        'quick',
        '--results-dir',
        results,
        '--in-process',
        '--notes',
        notes,
      ]);
      expect(run.stderr).toContain('toy-package: results and charts in');
      expect(run.exitCode).toBe(0);
      const runDir = runDirOf(results, 'toy-package', 'quick');
      const rows = await readCsvRows(join(runDir, 'results.csv'));
      expect(rows.map((r) => [r.strategy, r.seconds, r.ep, r.note])).toEqual([
        ['baseline', 4, 'cpu', notes],
        ['alsatian', 2, 'cpu', notes],
      ]);
      const meta = await readMeta(join(runDir, 'meta.json'));
      expect(meta).toMatchObject({
        executionProvider: 'cpu',
        inputs: { notes },
        provenance: { dataset: { kind: 'real', what: `files in ${notes}` } },
        reductions: ['2 items instead of 10'],
      });
      for (const ext of ['vl.json', 'svg', 'png']) expect(existsSync(join(runDir, `toy-chart.${ext}`))).toBe(true);

      await rm(join(runDir, 'toy-chart.png'));
      const plot = await main(['plot', TOY, '--results-dir', results]);
      expect(plot.exitCode).toBe(0);
      expect(existsSync(join(runDir, 'toy-chart.png'))).toBe(true);

      const { experiment } = await loadExperiment(TOY);
      const section = await buildSection(experiment, runDir);
      expect(section).toMatchObject({ id: 'toy-package', title: 'Toy: one number per strategy', figure: 'figT' });
      expect(section.charts.map((c) => c.image)).toEqual(['toy-package/quick/toy-chart.png']);
      expect(section.markdown).toContain('| baseline | 4 |');
      expect(section.facts.join('\n')).toContain(`real, files in ${notes}`);
      await rm(notes, { recursive: true, force: true });
    } finally {
      await rm(results, { recursive: true, force: true });
    }
  });

  it('names the bad flag, scale, provider or package', async () => {
    expect((await main(['run', TOY, '--scale', 'huge'])).stderr).toMatch(
      /--scale 'huge' is not a scale. Valid: quick, small, paper/,
    );
    expect((await main(['run', TOY, '--ep', 'tpu'])).stderr).toMatch(
      /--ep 'tpu' is not an execution provider. Valid: cpu, webgpu, cuda/,
    );
    expect((await main(['run', TOY, '--checkpoints', 'x'])).stderr).toMatch(/--checkpoints/);
    const missing = await main(['run', join(TOY, 'nowhere')]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\/src\/experiment\.ts is missing/);
    expect((await main(['walk', TOY])).stderr).toMatch(/usage: main\.ts run\|plot/);
  });
});

describe('results layout', () => {
  it("defaults the results folder to the repository root's results/ whatever the cwd", async () => {
    expect(existsSync(join(REPO_ROOT, 'nx.json'))).toBe(true);
    const elsewhere = await realpath(await mkdtemp(join(tmpdir(), 'cli-cwd-')));
    const before = process.cwd();
    try {
      process.chdir(elsewhere);
      expect(defaultResultsDir()).toBe(join(REPO_ROOT, 'results'));
    } finally {
      process.chdir(before);
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

  it('run, store and image paths follow the results layout', () => {
    const runDir = runDirOf('/r', 'fig10-end-to-end', 'quick');
    expect(runDir).toBe('/r/fig10-end-to-end/quick');
    expect(storesDirFor(runDir)).toBe('/r/_stores');
    expect(imagePath(runDir, 'a.png')).toBe('fig10-end-to-end/quick/a.png');
    expect(markdownTable(['a', 'b'], [[1, 'x|y']])).toBe('| a | b |\n|---|---|\n| 1 | x\\|y |');
  });
});
