/**
 * A token bucket on bytes, to reproduce the paper's I/O-limited model store (an HDD capped at 200 MB/s). Reads
 * take tokens in chunks, so a large block streams at the rate instead of arriving after one long pause.
 */
export interface RateLimiter {
  readonly bytesPerSecond: number;
  /** Resolves once `bytes` may be read; concurrent callers are served in call order. */
  take(bytes: number): Promise<void>;
}

/** Bursts are capped at this many seconds of the rate, so an idle store cannot bank a large burst. */
const BURST_SECONDS = 0.05;

/** `clock` is injectable so tests can check the pacing without waiting. */
export function tokenBucket(
  bytesPerSecond: number,
  clock: { now(): number; sleep(seconds: number): Promise<void> } = realClock,
): RateLimiter {
  const now = () => clock.now();
  if (!(bytesPerSecond > 0) || !Number.isFinite(bytesPerSecond))
    throw new RangeError(`tokenBucket: rate must be a positive number of bytes per second, got ${bytesPerSecond}`);
  const capacity = bytesPerSecond * BURST_SECONDS;
  let tokens = capacity;
  let last = now();
  let queue: Promise<void> = Promise.resolve();
  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + (t - last) * bytesPerSecond);
    last = t;
  };
  return {
    bytesPerSecond,
    take(bytes: number): Promise<void> {
      // Chained on `queue` so callers are served in order and never overdraw together.
      const turn = queue.then(async () => {
        refill();
        tokens -= bytes;
        if (tokens < 0) await clock.sleep(-tokens / bytesPerSecond);
      });
      queue = turn;
      return turn;
    },
  };
}

const realClock = {
  now: () => performance.now() / 1000,
  sleep: (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000)),
};
