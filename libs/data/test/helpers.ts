import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Batch, ItemRange } from '@alsatian/core';
import type { DataBatch, DataSplit } from '../src/index.ts';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh directory under the OS temp dir, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'alsatian-data-'));
  made.push(dir);
  return dir;
}

export async function collect(split: DataSplit, range: ItemRange, batchSize: number): Promise<DataBatch[]> {
  const out: DataBatch[] = [];
  for await (const batch of split.batches(range, { batchSize })) out.push(batch);
  return out;
}

/** Row `i` of the first input of a batch. */
export function row(batch: Batch, i: number, input = 0): ArrayLike<number | bigint> {
  const t = batch.inputs[input];
  const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return t.data.subarray(i * per, (i + 1) * per);
}
