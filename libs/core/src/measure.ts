/**
 * Time accounting. A search's wall time is split into exactly one category at every instant: the meter always
 * has a current category, and switching charges the elapsed time to the one that was current. Nesting
 * (`meter.measure('proxy', fn)` inside 'inference') pauses the outer category, so nothing is counted twice.
 */
export const CATEGORIES = ['prepareData', 'prepareModel', 'inference', 'proxy', 'cache', 'planning'] as const;
export type Category = (typeof CATEGORIES)[number];

export type Measurements = Record<Category, number> & { total: number };

export function emptyMeasurements(): Measurements {
  return { prepareData: 0, prepareModel: 0, inference: 0, proxy: 0, cache: 0, planning: 0, total: 0 };
}

export function addMeasurements(a: Measurements, b: Measurements): Measurements {
  const out = emptyMeasurements();
  for (const c of CATEGORIES) out[c] = a[c] + b[c];
  out.total = a.total + b.total;
  return out;
}

/** a - b per category: the time spent between two snapshots of one meter. */
export function subtractMeasurements(a: Measurements, b: Measurements): Measurements {
  const out = emptyMeasurements();
  for (const c of CATEGORIES) out[c] = a[c] - b[c];
  out.total = a.total - b.total;
  return out;
}

export class Meter {
  private current: Category;
  private since: number;
  private readonly seconds = emptyMeasurements();
  private readonly startedAt: number;

  constructor(initial: Category = 'planning', private readonly now: () => number = defaultNow) {
    this.current = initial;
    this.since = now();
    this.startedAt = this.since;
  }

  /** Charges the time since the last switch to the current category and makes `next` current. Returns the previous one. */
  switchTo(next: Category): Category {
    const t = this.now();
    this.seconds[this.current] += t - this.since;
    this.since = t;
    const previous = this.current;
    this.current = next;
    return previous;
  }

  /** Runs `fn` with `category` current, then restores the previous category. */
  async measure<T>(category: Category, fn: () => Promise<T> | T): Promise<T> {
    const previous = this.switchTo(category);
    try {
      return await fn();
    } finally {
      this.switchTo(previous);
    }
  }

  measureSync<T>(category: Category, fn: () => T): T {
    const previous = this.switchTo(category);
    try {
      return fn();
    } finally {
      this.switchTo(previous);
    }
  }

  /** Seconds per category so far (the current category included up to now); `total` is their sum. */
  snapshot(): Measurements {
    const t = this.now();
    const out = { ...this.seconds };
    out[this.current] += t - this.since;
    out.total = CATEGORIES.reduce((s, c) => s + out[c], 0);
    return out;
  }

  /** Wall seconds since construction; equals `snapshot().total` up to rounding. */
  elapsed(): number {
    return this.now() - this.startedAt;
  }
}

function defaultNow(): number {
  return performance.now() / 1000;
}
