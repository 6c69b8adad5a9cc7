import { describe, expect, it } from 'vitest';
import { tokenBucket } from '../src/index.ts';

/** A fake clock: sleeping advances time, so pacing is checked without waiting. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (s: number) => {
      sleeps.push(s);
      t += s;
    },
  };
}

describe('tokenBucket', () => {
  it('paces reads to the rate: 1000 MB at 200 MB/s takes 5 s less the initial burst', async () => {
    const clock = fakeClock();
    const limiter = tokenBucket(200e6, clock);
    for (let i = 0; i < 250; i++) await limiter.take(4e6);
    const slept = clock.sleeps.reduce((s, x) => s + x, 0);
    expect(slept).toBeCloseTo(5 - 0.05, 6);
    expect(clock.now()).toBeCloseTo(slept, 9);
  });

  it('does not bank more than a short burst while idle', async () => {
    const clock = fakeClock();
    const limiter = tokenBucket(100, clock);
    await clock.sleep(1000);
    clock.sleeps.length = 0;
    await limiter.take(105);
    expect(clock.sleeps).toEqual([1]);
  });

  it('serves concurrent callers in order without overdrawing', async () => {
    const clock = fakeClock();
    const limiter = tokenBucket(10, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((i) => limiter.take(10).then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock.now()).toBeCloseTo(3 - 0.05, 9);
  });

  it('rejects a non-positive rate', () => {
    expect(() => tokenBucket(0)).toThrow(RangeError);
  });
});
