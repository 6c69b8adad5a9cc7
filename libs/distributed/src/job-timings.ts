/**
 * Where a job's wall time goes, beyond the executor's own categories (which are in the job's measurements): what
 * distribution adds to a piece of work. Workers fill them in; the coordinator adds the return leg and derives the
 * job overhead its cost model needs (queue round trip + job start-up) from them.
 */

/** Seconds of one job attempt as its worker saw them. */
export interface JobTimings {
  /**
   * From the moment the worker could have started the job (its enqueue time, or the end of the worker's previous
   * job if later) to its start: the queue's pick-up latency. Enqueue time is the coordinator's clock.
   */
  readonly pickup: number;
  /** From start to the executor being ready: the result check, a work directory, the store and dataset opened. */
  readonly startup: number;
  /** Reading other jobs' features, shared prefix outputs and labels from the exchange. */
  readonly exchangeRead: number;
  /** Writing this job's exported features, labels and result file to the exchange. */
  readonly exchangeWrite: number;
  /** The executor's steps (prepare, inference, proxy, data; the job's measurements say which). */
  readonly compute: number;
  /** Releasing sessions, clearing the job's cache and work directory. */
  readonly cleanup: number;
  /** Start to end of the attempt on the worker. */
  readonly wall: number;
  /** The worker's clock at the end (ms since the epoch): the coordinator's return leg is measured against it. */
  readonly endedAt: number;
}

/** A stopwatch that charges wall seconds to named parts. */
export class PartClock<P extends string> {
  private readonly seconds = new Map<P, number>();

  async time<T>(part: P, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.seconds.set(part, this.get(part) + (performance.now() - t) / 1000);
    }
  }

  get(part: P): number {
    return this.seconds.get(part) ?? 0;
  }
}

/**
 * The fixed cost one job adds on top of its work: the queue's pick-up, start-up, cleanup and the result's return
 * to the coordinator (`returned`: seconds from the worker's end to the coordinator seeing the result).
 */
export function jobOverhead(t: JobTimings, returned: number): number {
  return t.pickup + t.startup + t.cleanup + Math.max(0, returned);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
