import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BadInputError, InvalidArgumentError } from '@alsatian/core';
import {
  castField,
  defineExperiment,
  formatSeconds,
  median,
  medianBy,
  readCsvRows,
  scaleArg,
  terminalProgress,
} from '../src/index.ts';

describe('scaleArg', () => {
  it('accepts the three scales', () => {
    expect(['quick', 'small', 'paper'].map((s) => scaleArg(s))).toEqual(['quick', 'small', 'paper']);
  });
  it('names the option and the valid scales', () => {
    expect(() => scaleArg('huge')).toThrow(InvalidArgumentError);
    expect(() => scaleArg('huge')).toThrow("--scale 'huge' is not a scale. Valid: quick, small, paper.");
    expect(() => scaleArg(undefined)).toThrow('--scale needs a value: one of quick, small, paper.');
  });
});

describe('median and medianBy', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(InvalidArgumentError);
  });
  it('collapses repetitions per group', () => {
    const rows = [
      { strategy: 'Base', repetition: 0, seconds: 9 },
      { strategy: 'Alsatian', repetition: 0, seconds: 1 },
      { strategy: 'Base', repetition: 1, seconds: 3 },
      { strategy: 'Base', repetition: 2, seconds: 5 },
      { strategy: 'Alsatian', repetition: 1, seconds: 2 },
    ];
    expect(medianBy(rows, ['strategy'], 'seconds')).toEqual([
      { strategy: 'Base', seconds: 5 },
      { strategy: 'Alsatian', seconds: 1.5 },
    ]);
  });
});

describe('readCsvRows', () => {
  it('casts numbers, booleans and empty fields, and keeps ids and text as strings', async () => {
    expect([
      castField('12'),
      castField('-1.5e-3'),
      castField('true'),
      castField(''),
      castField('c1e5'),
      castField('1.2.3'),
    ]).toEqual([12, -0.0015, true, null, 'c1e5', '1.2.3']);
    const dir = await mkdtemp(join(tmpdir(), 'bench-csv-'));
    try {
      const path = join(dir, 'r.csv');
      await writeFile(path, 'strategy,items,seconds\nBase,2000,1.25\n"Als, atian",8000,\n');
      expect(await readCsvRows(path)).toEqual([
        { strategy: 'Base', items: 2000, seconds: 1.25 },
        { strategy: 'Als, atian', items: 8000, seconds: null },
      ]);
      const schema = z.object({ strategy: z.string(), items: z.number(), seconds: z.number() });
      await expect(readCsvRows(path, schema)).rejects.toThrow(BadInputError);
      await expect(readCsvRows(path, schema)).rejects.toThrow(/r\.csv, line 3/);
      await expect(readCsvRows(join(dir, 'missing.csv'))).rejects.toThrow(/Cannot read result CSV .*missing\.csv/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('defineExperiment', () => {
  const one = { repetitions: 1, reductions: [] };
  const base = {
    name: 'x',
    figure: 'f',
    description: 'd',
    scales: { quick: one, small: one, paper: one },
    grid: () => [],
    runCell: async () => [],
  };
  it('refuses reserved, repeated columns and unsafe names', () => {
    expect(() => defineExperiment({ ...base, columns: ['repetition'] })).toThrow(/column 'repetition' is reserved/);
    expect(() => defineExperiment({ ...base, columns: ['a', 'a'] })).toThrow(/'a' is listed twice/);
    expect(() => defineExperiment({ ...base, name: '../up', columns: [] })).toThrow(/folder-safe/);
  });
  it('needs every scale, each with a positive whole number of repetitions', () => {
    expect(() => defineExperiment({ ...base, columns: [], scales: { quick: one, small: one } as never })).toThrow(
      /scales has no 'paper' entry/,
    );
    expect(() =>
      defineExperiment({
        ...base,
        columns: [],
        scales: { quick: one, small: one, paper: { repetitions: 0, reductions: [] } },
      }),
    ).toThrow(/scales.paper.repetitions is 0/);
  });
});

describe('terminalProgress', () => {
  it('shows the cell, repetition, count and times on the given stream', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    const progress = terminalProgress(stream);
    const event = {
      experiment: 'fig10',
      cell: { strategy: 'baseline', items: 2000 },
      cellId: 'c1',
      repetitions: 3,
      totalUnits: 6,
      elapsedSeconds: 75,
    };
    progress.onProgress({
      ...event,
      kind: 'unit-start',
      repetition: 1,
      doneUnits: 2,
      estimatedRemainingSeconds: undefined,
    });
    progress.onProgress({ ...event, kind: 'unit-done', repetition: 1, doneUnits: 3, estimatedRemainingSeconds: 3725 });
    progress.stop();
    expect(text).toContain('fig10');
    expect(text).toContain('3/6 units');
    expect(text).toContain('strategy=baseline items=2000 rep 2/3');
    expect(text).toContain('elapsed 1m15s');
    expect(text).toContain('left 1h02m');
    expect(formatSeconds(42)).toBe('42s');
  });
});
