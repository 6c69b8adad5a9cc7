/**
 * Runs one iteration's jobs through BullMQ, stage after stage, longest jobs enqueued first. A job whose result
 * file exists (finished before a coordinator was killed) is not enqueued again; an enqueued job's id is its
 * content key, so re-adding one that is still waiting or running (from a killed coordinator) joins it.
 */
import type { Queue, QueueEvents } from 'bullmq';
import type { Logger, ProgressListener } from '@alsatian/core';
import { AlsatianError } from '@alsatian/core';
import type { ResultBook } from './exchange.ts';
import { jobKey, type JobResult, type JobSpec } from './job.ts';

export interface StageRunner {
  readonly queue: Queue<JobSpec, JobResult>;
  readonly events: QueueEvents;
  readonly results: ResultBook;
  readonly queueUrl: string;
  readonly logger: Logger;
  readonly onProgress?: ProgressListener;
  /** Largest number of live workers seen. */
  workersSeen: number;
}

/** A job's result and, when this coordinator saw it finish, seconds from the worker's end to seeing it. */
export interface FinishedJob {
  readonly result: JobResult;
  /** Undefined for a result read back from the exchange (finished before a re-run). */
  readonly returned?: number;
}

/** Jobs in the order they are enqueued within each stage (the partition sorts them longest first). */
export async function runStages(runner: StageRunner, specs: readonly JobSpec[], task: string): Promise<FinishedJob[]> {
  const stages = [...new Set(specs.map((s) => s.stage))].sort((a, b) => a - b);
  const out: FinishedJob[] = [];
  let done = 0;
  const total = specs.length;
  let live = await runner.queue.getWorkersCount();
  const report = () => runner.onProgress?.({ task, done, total, detail: `jobs, ${live} live worker(s)` });
  const poll = setInterval(() => {
    void runner.queue.getWorkersCount().then(
      (n) => {
        live = n;
        runner.workersSeen = Math.max(runner.workersSeen, n);
        report();
      },
      () => {},
    );
  }, 1000);
  const warn = setInterval(() => {
    if (live === 0)
      runner.logger.warn(
        `No live workers on ${runner.queueUrl}: start some with 'alsatian worker --queue ${runner.queueUrl}'; waiting.`,
      );
  }, 10_000);
  runner.workersSeen = Math.max(runner.workersSeen, live);
  if (live === 0)
    runner.logger.warn(
      `No live workers on ${runner.queueUrl}: start some with 'alsatian worker --queue ${runner.queueUrl}'; waiting.`,
    );
  report();
  try {
    for (const stage of stages) {
      const waits = specs
        .filter((s) => s.stage === stage)
        .map(async (spec) => {
          const result = await runOne(runner, spec);
          out.push(result);
          done++;
          report();
        });
      await Promise.all(waits);
    }
  } finally {
    clearInterval(poll);
    clearInterval(warn);
  }
  return out;
}

async function runOne(runner: StageRunner, spec: JobSpec): Promise<FinishedJob> {
  const key = jobKey(spec);
  const finished = await runner.results.read(key);
  if (finished) return { result: finished };
  const job = await runner.queue.add(spec.label, spec, {
    jobId: key,
    removeOnComplete: true,
    removeOnFail: true,
    attempts: 1,
  });
  let result: JobResult;
  try {
    result = await job.waitUntilFinished(runner.events);
  } catch (error) {
    // A job that finished and was removed (removeOnComplete) before this began waiting is reported by BullMQ as a
    // missing key; its worker wrote the result file before completing it. A failed job wrote none.
    const written = await runner.results.read(key);
    if (!written)
      throw new AlsatianError(`Job ${key} (${spec.label}) failed on a worker: ${(error as Error).message}`, {
        cause: error,
      });
    result = written;
  }
  // The worker's clock against this one's: exact on one machine, off by the clocks' skew across machines.
  const returned = (Date.now() - result.timings.endedAt) / 1000;
  // The worker wrote the result file already; writing it here too keeps resuming independent of that worker's disk.
  if (!(await runner.results.read(key))) await runner.results.write(result);
  return { result, returned };
}
