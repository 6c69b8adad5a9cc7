import { InvalidArgumentError } from '@alsatian/core';
import type { RowValue } from './experiment.ts';

/** The median (mean of the two middle values for an even count); the paper reports medians of 3 to 5 runs. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new InvalidArgumentError('median of an empty list: no repetitions were measured.');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Collapses repetitions: groups rows by the `keys` columns and replaces `value` by its median within each group.
 * The output keeps only the key columns and the value, in order of first appearance.
 */
export function medianBy<R extends Readonly<Record<string, RowValue>>>(
  rows: readonly R[],
  keys: readonly string[],
  value: string,
): Record<string, RowValue>[] {
  const groups = new Map<string, { key: Record<string, RowValue>; values: number[] }>();
  for (const row of rows) {
    const x = row[value];
    if (typeof x !== 'number')
      throw new InvalidArgumentError(`medianBy: column '${value}' holds ${JSON.stringify(x)}, not a number.`);
    const key: Record<string, RowValue> = {};
    for (const k of keys) key[k] = row[k] ?? null;
    const id = JSON.stringify(keys.map((k) => key[k]));
    const group = groups.get(id) ?? { key, values: [] };
    group.values.push(x);
    groups.set(id, group);
  }
  return [...groups.values()].map(({ key, values }) => ({ ...key, [value]: median(values) }));
}
