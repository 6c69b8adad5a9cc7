/**
 * Time accounting. A search's wall time is split into exactly one category at every instant: the meter always
 * has a current category, and switching charges the elapsed time to the one that was current. Nesting
 * (`meter.measure('proxy', fn)` inside 'inference') pauses the outer category, so nothing is counted twice.
 */
export const CATEGORIES = ['prepareData', 'prepareModel', 'inference', 'proxy', 'cache', 'planning'] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * The parts of 'prepareModel': reading blocks from the store, building the unit's graph, and creating its
 * runtime session (compiling and loading it). Every second of 'prepareModel' is in exactly one part.
 */
export const PREPARE_MODEL_PARTS = ['read', 'lower', 'session'] as const;
export type PrepareModelPart = (typeof PREPARE_MODEL_PARTS)[number];

export type Measurements = Record<Category, number> & {
  total: number;
  /** 'prepareModel' split into its parts (they sum to it). */
  prepareModelParts: Record<PrepareModelPart, number>;
};

export function emptyMeasurements(): Measurements {
  return {
    prepareData: 0,
    prepareModel: 0,
    inference: 0,
    proxy: 0,
    cache: 0,
    planning: 0,
    total: 0,
    prepareModelParts: { read: 0, lower: 0, session: 0 },
  };
}

function combine(a: Measurements, b: Measurements, sign: 1 | -1): Measurements {
  const out = emptyMeasurements();
  for (const c of CATEGORIES) out[c] = a[c] + sign * b[c];
  for (const p of PREPARE_MODEL_PARTS)
    out.prepareModelParts[p] = a.prepareModelParts[p] + sign * b.prepareModelParts[p];
  out.total = a.total + sign * b.total;
  return out;
}

export function addMeasurements(a: Measurements, b: Measurements): Measurements {
  return combine(a, b, 1);
}

/** a - b per category: the time spent between two snapshots of one meter. */
export function subtractMeasurements(a: Measurements, b: Measurements): Measurements {
  return combine(a, b, -1);
}

export class Meter {
  private current: Category;
  /** The part of 'prepareModel' being timed while `current` is 'prepareModel'. */
  private part: PrepareModelPart = 'session';
  private since: number;
  private readonly seconds = emptyMeasurements();

  constructor(
    initial: Category = 'planning',
    private readonly now: () => number = defaultNow,
  ) {
    this.current = initial;
    this.since = now();
  }

  /**
   * Charges the time since the last switch to the current category and makes `next` current. Returns the previous one.
   */
  switchTo(next: Category): Category {
    this.charge();
    const previous = this.current;
    this.current = next;
    return previous;
  }

  /** While in 'prepareModel', charges what came before to the current part and times `part` from now on. */
  switchPart(part: PrepareModelPart): void {
    this.charge();
    this.part = part;
  }

  /**
   * Runs `fn` with `category` current, then restores the previous category. For 'prepareModel', `part` says which
   * part the time belongs to (default 'session'; `switchPart` may move on inside `fn`).
   */
  async measure<T>(category: Category, fn: () => Promise<T> | T, part: PrepareModelPart = 'session'): Promise<T> {
    const previousPart = this.part;
    this.charge();
    const previous = this.current;
    this.current = category;
    this.part = part;
    try {
      return await fn();
    } finally {
      this.charge();
      this.current = previous;
      this.part = previousPart;
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
    const out = { ...this.seconds, prepareModelParts: { ...this.seconds.prepareModelParts } };
    out[this.current] += t - this.since;
    if (this.current === 'prepareModel') out.prepareModelParts[this.part] += t - this.since;
    out.total = CATEGORIES.reduce((s, c) => s + out[c], 0);
    return out;
  }

  private charge(): void {
    const t = this.now();
    this.seconds[this.current] += t - this.since;
    if (this.current === 'prepareModel') this.seconds.prepareModelParts[this.part] += t - this.since;
    this.since = t;
  }
}

function defaultNow(): number {
  return performance.now() / 1000;
}
