import { describe, expect, it } from 'vitest';
import { imagePath, markdownTable, parseCliArgs, runDirOf, storesDirFor } from '../src/index.ts';

describe('experiment CLI helpers', () => {
  it('parses scale, results dir and in-process, with quick and results as defaults', () => {
    expect(parseCliArgs([])).toMatchObject({ scale: 'quick', inProcess: false });
    expect(parseCliArgs([]).resultsDir).toMatch(/\/results$/);
    const args = parseCliArgs(['--scale', 'paper', '--results-dir', '/tmp/r', '--in-process']);
    expect(args).toEqual({ scale: 'paper', resultsDir: '/tmp/r', inProcess: true, verbose: false });
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
