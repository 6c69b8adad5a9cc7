/**
 * The coordinator's job overhead (queue round trip + job start-up), refined from the jobs it saw finish: the cost
 * model starts from a prior (DEFAULT_COSTS, or the caller's costs) and, once jobs have reported their timings,
 * partitions later iterations with the median measured overhead instead. A median, because one job delayed by
 * something else on its machine should not move the estimate.
 */
import type { CostModel } from './cost-model.ts';
import { jobOverhead, median, type JobTimings } from './job-timings.ts';

/** Jobs measured before the median replaces the prior: one job alone may be a first, cold one. */
const MIN_JOBS = 2;

export class OverheadEstimate {
  private readonly seen: number[] = [];

  constructor(private readonly prior: CostModel) {}

  /** A job this coordinator saw finish (`returned`: seconds from the worker's end to seeing the result). */
  add(timings: JobTimings, returned: number): void {
    this.seen.push(jobOverhead(timings, returned));
  }

  /** Measured seconds per job so far, or undefined before enough jobs finished. */
  get measured(): number | undefined {
    return this.seen.length >= MIN_JOBS ? median(this.seen) : undefined;
  }

  costs(): CostModel {
    const measured = this.measured;
    return measured === undefined ? this.prior : { ...this.prior, jobOverheadSeconds: measured };
  }
}
