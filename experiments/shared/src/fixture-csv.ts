import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '@alsatian/core';
import type { RowValue } from '@alsatian/bench';

/**
 * Writes rows as a result CSV the way the runner does (header = union of keys in first-seen order, null as an
 * empty field), for tests that render charts and reports from a fixture instead of a real run.
 */
export async function writeFixtureCsv(
  path: string,
  rows: readonly Readonly<Record<string, RowValue>>[],
): Promise<void> {
  const header: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!header.includes(key)) header.push(key);
  const records = rows.map((row) => header.map((k) => row[k] ?? null).map((v) => (v === null ? '' : v)));
  await writeFileAtomic(path, stringify([header, ...records]));
}
