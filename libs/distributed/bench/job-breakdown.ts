/**
 * Where a distributed search's job time went, summed over its jobs: what distribution adds (pick-up, start-up,
 * exchange reads and writes, cleanup, the result's return) next to the executor's own categories.
 */
import { jobOverhead, median } from '../src/job-timings.ts';
import type { SearchJson } from '../test/redis-and-workers.ts';

export interface Breakdown {
  readonly jobs: number;
  /** Attempts beyond the first (jobs run twice because a lock expired or a worker died). */
  readonly extraAttempts: number;
  readonly seconds: Record<string, number>;
  /** Median per-job overhead (queue round trip + start-up), as the coordinator's cost model counts it. */
  readonly jobOverheadSeconds: number;
}

export function breakdown(result: SearchJson): Breakdown {
  const jobs = result.distributed!.jobs;
  const sum = (f: (j: (typeof jobs)[number]) => number) => jobs.reduce((s, j) => s + f(j), 0);
  const m = result.measurements as unknown as Record<string, number>;
  return {
    jobs: jobs.length,
    extraAttempts: sum((j) => j.attempt - 1),
    seconds: {
      pickup: sum((j) => j.timings.pickup),
      startup: sum((j) => j.timings.startup),
      exchangeRead: sum((j) => j.timings.exchangeRead),
      exchangeWrite: sum((j) => j.timings.exchangeWrite),
      prepareModel: m.prepareModel,
      inference: m.inference,
      proxy: m.proxy,
      prepareData: m.prepareData,
      cleanup: sum((j) => j.timings.cleanup),
      returned: sum((j) => j.returnedSeconds ?? 0),
    },
    jobOverheadSeconds: median(jobs.map((j) => jobOverhead(j.timings, j.returnedSeconds ?? 0))),
  };
}

export function formatBreakdown(b: Breakdown): string {
  const parts = Object.entries(b.seconds).map(([k, v]) => `${k} ${v.toFixed(2)}`);
  return `${b.jobs} jobs (${b.extraAttempts} extra attempts), seconds summed over jobs: ${parts.join(', ')}`;
}
