import { open, readFile, truncate } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { BadInputError, DiskFullError, isDiskFull } from '@alsatian/core';
import type { RowValue } from './experiment.ts';

/** One unit of work already in the CSV: a cell and one of its repetitions. */
export interface UnitKey {
  readonly cellId: string;
  readonly repetition: number;
}

export function unitKey(cellId: string, repetition: number): string {
  return JSON.stringify([cellId, repetition]);
}

/**
 * An append-only tidy CSV that survives being killed. Each unit's rows go out as ONE write of complete lines
 * (a write to a local file is not cut short by a signal, only by a full disk), so a unit is either wholly in the
 * file or not at all. Opening repairs the one thing a crash can leave behind, a trailing partial line, and reports
 * which units are done so the runner skips them.
 */
export class CsvLog {
  private constructor(
    readonly path: string,
    readonly header: readonly string[],
    private readonly done: Set<string>,
  ) {}

  static async open(path: string, header: readonly string[]): Promise<CsvLog> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await appendAll(path, stringify([header as string[]]));
      return new CsvLog(path, header, new Set());
    }
    const complete = await dropPartialLastLine(path, text);
    if (complete === '') {
      await appendAll(path, stringify([header as string[]]));
      return new CsvLog(path, header, new Set());
    }
    return new CsvLog(path, header, doneUnits(path, complete, header));
  }

  isDone(cellId: string, repetition: number): boolean {
    return this.done.has(unitKey(cellId, repetition));
  }

  get doneCount(): number {
    return this.done.size;
  }

  /** Appends one unit's rows (already complete records in header order) in a single write. */
  async appendUnit(unit: UnitKey, records: readonly (readonly RowValue[])[]): Promise<void> {
    const text = stringify(records as RowValue[][], { cast: { boolean: (v) => String(v) } });
    await appendAll(this.path, text);
    this.done.add(unitKey(unit.cellId, unit.repetition));
  }
}

/**
 * Appends `text` and syncs it. A failed write (a full disk) may have put part of it in the file: the file is cut
 * back to its length before, so the CSV holds whole units only, and the error says so.
 */
async function appendAll(path: string, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  const handle = await open(path, 'a');
  const before = (await handle.stat()).size;
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    // The next unit may start a fresh process and drop the page cache; rows must be on disk by then.
    await handle.datasync();
  } catch (error) {
    await handle.truncate(before).catch(() => undefined);
    if (!isDiskFull(error)) throw error;
    throw new DiskFullError(
      path,
      `No space left on the device (${(error as NodeJS.ErrnoException).code}) while appending ${bytes.length}` +
        ` bytes of results to ${path}; the file was cut back to its ${before} bytes before the write, so it ` +
        `holds whole units only. Free space and rerun: the run resumes after the last complete unit.`,
      { cause: error },
    );
  } finally {
    await handle.close();
  }
}

/** A process killed mid-write leaves a last line without its newline: cut it off so the unit is redone. */
async function dropPartialLastLine(path: string, text: string): Promise<string> {
  if (text === '' || text.endsWith('\n')) return text;
  const keep = text.slice(0, text.lastIndexOf('\n') + 1);
  await truncate(path, Buffer.byteLength(keep, 'utf8'));
  return keep;
}

function doneUnits(path: string, text: string, header: readonly string[]): Set<string> {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false }) as string[][];
  } catch (error) {
    throw new BadInputError(`Result CSV ${path} is not valid CSV: ${(error as Error).message}`, { cause: error });
  }
  const found = records[0] ?? [];
  if (found.join(',') !== header.join(',')) {
    throw new BadInputError(
      `Result CSV ${path} has columns [${found.join(', ')}] but this experiment writes [${header.join(', ')}]. ` +
        'It was written by another version of the experiment: move it away or choose another run id.',
    );
  }
  const cellColumn = header.indexOf('cellId');
  const repetitionColumn = header.indexOf('repetition');
  const done = new Set<string>();
  for (const record of records.slice(1)) done.add(unitKey(record[cellColumn], Number(record[repetitionColumn])));
  return done;
}
