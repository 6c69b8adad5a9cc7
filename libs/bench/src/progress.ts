import type { Cell } from './experiment.ts';

/** Where a run stands, reported before and after each unit (a cell and one repetition). */
export interface RunProgressEvent {
  readonly kind: 'unit-start' | 'unit-done' | 'unit-skipped';
  readonly experiment: string;
  readonly cell: Cell;
  readonly cellId: string;
  /** 0-based. */
  readonly repetition: number;
  readonly repetitions: number;
  /** Units finished so far, counting those found done in the CSV. */
  readonly doneUnits: number;
  readonly totalUnits: number;
  /** Seconds since this invocation started. */
  readonly elapsedSeconds: number;
  /** Mean seconds of the units run in this invocation times the units left; undefined before the first one. */
  readonly estimatedRemainingSeconds: number | undefined;
}

export type RunProgressListener = (event: RunProgressEvent) => void;

type UnitFields = Pick<RunProgressEvent, 'experiment' | 'cell' | 'cellId' | 'repetition' | 'repetitions'>;

/** Counts units and estimates the time left from the units this invocation ran (skipped ones cost nothing). */
export class ProgressClock {
  private readonly started = performance.now();
  private measuredSeconds = 0;
  private measuredUnits = 0;
  private done: number;

  constructor(
    private readonly total: number,
    alreadyDone: number,
  ) {
    this.done = alreadyDone;
  }

  unitFinished(seconds: number): void {
    this.measuredSeconds += seconds;
    this.measuredUnits++;
    this.done++;
  }

  event(kind: RunProgressEvent['kind'], unit: UnitFields): RunProgressEvent {
    const left = this.total - this.done;
    return {
      kind,
      ...unit,
      doneUnits: this.done,
      totalUnits: this.total,
      elapsedSeconds: (performance.now() - this.started) / 1000,
      estimatedRemainingSeconds:
        this.measuredUnits === 0 ? undefined : (this.measuredSeconds / this.measuredUnits) * left,
    };
  }
}
