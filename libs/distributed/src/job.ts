/**
 * What travels through Redis: a job is a slice of one SH iteration's plan (the plan's own steps, filtered and
 * possibly cut by items) plus the settings every job of the search shares. Never tensors: features and
 * intermediates go through the exchange directory (exchange.ts), keyed by content.
 */
import type { Json, Measurements, ModelId } from '@alsatian/core';
import { canonicalJson, sha256Hex } from '@alsatian/core';
import type { NodeId, PlanStep } from '@alsatian/planner';
import type { JobTimings } from './job-timings.ts';

/** How a worker opens the dataset: the search's --dataset spec and the options the CLI derived for it. */
export interface DatasetSpec {
  readonly spec: string;
  readonly imageSize?: number;
  readonly maxLength?: number;
  readonly skipBad?: boolean;
  readonly vocabFile?: string;
}

/** Settings shared by every job of one search. Paths must be valid on every worker (a shared filesystem). */
export interface JobContext {
  readonly storeDir: string;
  readonly exchangeDir: string;
  readonly dataset: DatasetSpec;
  readonly proxy: string;
  readonly batchSize: number;
  readonly seed: number;
  readonly deterministic: boolean;
  readonly featuresOnDisk: boolean;
  readonly reusePrepared: boolean;
  readonly prefetchBlocks: boolean;
}

export interface JobSpec {
  readonly context: JobContext;
  readonly iteration: number;
  /** Jobs of one stage run in parallel; a stage starts when the one before it finished. */
  readonly stage: number;
  /** For people: what the job computes. */
  readonly label: string;
  /** A node whose output this job reads from the exchange instead of computing it (a shared prefix); null: raw data. */
  readonly source: NodeId | null;
  /** Infer / release / score steps of the iteration's plan, in plan order; ranges may be a slice of the plan's. */
  readonly steps: readonly PlanStep[];
  /** Nodes whose outputs over this job's ranges are written to the exchange (for later jobs and iterations). */
  readonly exportNodes: readonly NodeId[];
  /** Write the labels of the batches this job reads from raw data to the exchange. */
  readonly exportLabels: boolean;
}

export interface JobScore {
  readonly node: NodeId;
  readonly models: readonly ModelId[];
  readonly score: number;
}

export interface JobResult {
  readonly key: string;
  readonly scores: readonly JobScore[];
  /** Seconds by category of the attempt that produced this result (a killed attempt reports nothing). */
  readonly measurements: Measurements;
  readonly sessions: { readonly created: number; readonly reused: number };
  /** 1 for the first attempt; more when a worker died or failed on it before. */
  readonly attempt: number;
  readonly worker: string;
  /** Where the attempt's wall time went (start-up, exchange, compute, ...), for the cost model and for people. */
  readonly timings: JobTimings;
}

/** The job's content key: same inputs, same key, same result (every write is keyed by content too). */
export function jobKey(spec: JobSpec): string {
  return `j${sha256Hex(canonicalJson(spec as unknown as Json)).slice(0, 40)}`;
}

/** Key of what features and labels depend on: the dataset as opened and the batch partition. */
export function dataKey(context: JobContext): string {
  return sha256Hex(canonicalJson({ dataset: context.dataset, batchSize: context.batchSize } as unknown as Json)).slice(
    0,
    24,
  );
}
