/**
 * The coordinator prices partitions with its prior job overhead until jobs have reported timings, then with the
 * median overhead they measured: the queue's pick-up, start-up, cleanup and the result's return, not the work.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../src/index.ts';
import { jobOverhead, median, type JobTimings } from '../src/job-timings.ts';
import { OverheadEstimate } from '../src/overhead-estimate.ts';

const timings = (over: Partial<JobTimings>): JobTimings => ({
  pickup: 0,
  startup: 0,
  exchangeRead: 0,
  exchangeWrite: 0,
  compute: 0,
  cleanup: 0,
  wall: 0,
  endedAt: 0,
  ...over,
});

describe('job overhead', () => {
  it('counts pick-up, start-up, cleanup and the return leg, not compute or the exchange', () => {
    const t = timings({ pickup: 0.01, startup: 0.02, cleanup: 0.03, compute: 5, exchangeRead: 1, exchangeWrite: 1 });
    expect(jobOverhead(t, 0.04)).toBeCloseTo(0.1, 12);
    // A negative return leg (clocks of two machines) counts as none.
    expect(jobOverhead(t, -1)).toBeCloseTo(0.06, 12);
  });

  it('keeps the prior until two jobs finished, then uses their median overhead', () => {
    const estimate = new OverheadEstimate(DEFAULT_COSTS);
    expect(estimate.measured).toBeUndefined();
    estimate.add(timings({ startup: 0.5 }), 0);
    expect(estimate.costs()).toBe(DEFAULT_COSTS);
    estimate.add(timings({ startup: 0.01 }), 0.01);
    estimate.add(timings({ pickup: 0.03 }), 0);
    expect(estimate.measured).toBeCloseTo(0.03, 12);
    expect(estimate.costs()).toEqual({ ...DEFAULT_COSTS, jobOverheadSeconds: estimate.measured });
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
