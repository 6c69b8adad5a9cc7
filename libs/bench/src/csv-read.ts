import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { BadInputError } from '@alsatian/core';
import type { RowValue } from './experiment.ts';

/** Anything with zod's `safeParse` (kept structural so callers choose their zod version and schema). */
export interface RowSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Turns a CSV field back into the value the runner wrote: numbers, booleans, and '' for null. */
export function castField(field: string): RowValue {
  if (field === '') return null;
  if (field === 'true') return true;
  if (field === 'false') return false;
  if (NUMBER.test(field)) return Number(field);
  return field;
}

/**
 * Reads a tidy CSV (header line + records) into rows keyed by column. Without a schema the rows are cast
 * field by field (see castField); with one, each row must pass it, and a failure names the file and line.
 */
export async function readCsvRows(path: string): Promise<Record<string, RowValue>[]>;
export async function readCsvRows<T>(path: string, schema: RowSchema<T>): Promise<T[]>;
export async function readCsvRows<T>(path: string, schema?: RowSchema<T>): Promise<(T | Record<string, RowValue>)[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BadInputError(`Cannot read result CSV ${path}: ${(error as Error).message}`, { cause: error });
  }
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    throw new BadInputError(`Result CSV ${path} is not valid CSV: ${(error as Error).message}`, { cause: error });
  }
  return records.map((record, index) => {
    const row: Record<string, RowValue> = {};
    for (const [column, field] of Object.entries(record)) row[column] = castField(field);
    if (schema === undefined) return row;
    const result = schema.safeParse(row);
    if (!result.success) {
      // Line numbers count the header as line 1.
      throw new BadInputError(`Result CSV ${path}, line ${index + 2}: ${result.error.message}`);
    }
    return result.data;
  });
}
