import { readFileSync } from 'node:fs';
import type { FeatureBatch } from '@alsatian/core';

/** A batch as stored in the JSON fixtures (plain arrays). */
export interface BatchJson {
  readonly rows: number;
  readonly dim: number;
  readonly features: number[];
  readonly labels: number[];
}

export function readFixture<T>(name: string): T[] {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return (JSON.parse(text) as { cases: T[] }).cases;
}

export function toBatches(batches: readonly BatchJson[]): FeatureBatch[] {
  return batches.map((b) => ({
    rows: b.rows,
    dim: b.dim,
    features: Float32Array.from(b.features),
    labels: Int32Array.from(b.labels),
  }));
}
