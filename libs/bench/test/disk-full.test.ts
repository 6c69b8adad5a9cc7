/** A full disk while appending results: the CSV keeps whole units only, and the run resumes after the last one. */
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiskFullError } from '@alsatian/core';
import { failWrites, freeDisk } from '@alsatian/core/testing/disk-full';
import { CsvLog } from '../src/csv-log.ts';

vi.mock('node:fs/promises', async (original) =>
  (await import('@alsatian/core/testing/disk-full')).faultyFs(await original()),
);

afterEach(freeDisk);

const HEADER = ['cellId', 'repetition', 'seconds'];

describe('results CSV on a full disk', () => {
  it('a failed append is cut back, reported as a full disk, and the unit is redone on resume', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'csv-full-')), 'results.csv');
    const log = await CsvLog.open(path, HEADER);
    await log.appendUnit({ cellId: 'a', repetition: 0 }, [['a', 0, 1.5]]);
    const before = await readFile(path, 'utf8');

    const hits = failWrites(/results\.csv$/);
    const error = await log
      .appendUnit({ cellId: 'b', repetition: 0 }, [
        ['b', 0, 2.5],
        ['b', 0, 3.5],
      ])
      .catch((e: unknown) => e);
    expect(hits).toEqual([path]);
    expect(error).toBeInstanceOf(DiskFullError);
    expect((error as Error).message).toMatch(
      /while appending .* to .*results\.csv; the file was cut back .* whole units only/,
    );
    freeDisk();

    expect(await readFile(path, 'utf8')).toBe(before);
    const resumed = await CsvLog.open(path, HEADER);
    expect(resumed.isDone('a', 0)).toBe(true);
    expect(resumed.isDone('b', 0)).toBe(false);
    await resumed.appendUnit({ cellId: 'b', repetition: 0 }, [['b', 0, 2.5]]);
    expect((await CsvLog.open(path, HEADER)).doneCount).toBe(2);
  });
});
