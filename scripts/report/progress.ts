/**
 * `npm run reproduce`'s display on stderr: one overall bar over all experiments (the running one counted by its
 * finished fraction of units) and, beneath it, the running experiment's own bar (units, cell, time left), fed by
 * the progress events its child process sends. Finished experiments are logged as lines above the bars.
 */
import { MultiBar, Presets } from 'cli-progress';
import type { SingleBar } from 'cli-progress';
import type { RunProgressEvent } from '@alsatian/bench';
import { formatSeconds } from '@alsatian/bench';

/** What the two bars show; kept apart from the drawing so it can be tested without a terminal. */
export class ReproduceState {
  private done = 0;
  private current: { name: string; event?: RunProgressEvent } | undefined;

  constructor(readonly total: number) {}

  start(name: string): void {
    this.current = { name };
  }

  progress(event: RunProgressEvent): void {
    if (this.current !== undefined) this.current.event = event;
  }

  finish(): void {
    this.done++;
    this.current = undefined;
  }

  /** Experiments finished, plus the running one's fraction of units. */
  overall(): number {
    const e = this.current?.event;
    return this.done + (e === undefined || e.totalUnits === 0 ? 0 : e.doneUnits / e.totalUnits);
  }

  experimentLine(): { name: string; done: number; total: number; unit: string; left: string } | undefined {
    if (this.current === undefined) return undefined;
    const e = this.current.event;
    if (e === undefined) return { name: this.current.name, done: 0, total: 1, unit: 'starting', left: '?' };
    const cell = Object.entries(e.cell).map(([k, v]) => `${k}=${v}`).join(' ');
    return { name: this.current.name, done: e.doneUnits, total: e.totalUnits, unit: `${cell} rep ${e.repetition + 1}/${e.repetitions}`, left: e.estimatedRemainingSeconds === undefined ? '?' : formatSeconds(e.estimatedRemainingSeconds) };
  }
}

export class ReproduceProgress {
  private readonly state: ReproduceState;
  private readonly bars: MultiBar;
  private readonly overall: SingleBar;
  private experiment: SingleBar | undefined;
  private readonly started = performance.now();

  constructor(total: number, stream: NodeJS.WritableStream = process.stderr) {
    this.state = new ReproduceState(total);
    this.bars = new MultiBar({ stream, hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000, clearOnComplete: false }, Presets.shades_classic);
    this.overall = this.bars.create(total, 0, { what: 'all experiments', detail: '' }, { format: 'reproduce  [{bar}] {value}/{total} experiments | elapsed {elapsed}' });
  }

  start(name: string): void {
    this.state.start(name);
    this.experiment = this.bars.create(1, 0, {}, { format: '  {name} [{bar}] {value}/{total} units | {unit} | left {left}' });
    this.redraw();
  }

  progress(event: RunProgressEvent): void {
    this.state.progress(event);
    this.redraw();
  }

  /** Logs a finished experiment above the bars and drops its bar. */
  finish(line: string): void {
    this.state.finish();
    if (this.experiment !== undefined) this.bars.remove(this.experiment);
    this.experiment = undefined;
    this.bars.log(`${line}\n`);
    this.redraw();
  }

  log(line: string): void {
    this.bars.log(`${line}\n`);
  }

  stop(): void {
    this.redraw();
    this.bars.stop();
  }

  private redraw(): void {
    this.overall.update(Number(this.state.overall().toFixed(2)), { elapsed: formatSeconds((performance.now() - this.started) / 1000) });
    const line = this.state.experimentLine();
    if (line !== undefined && this.experiment !== undefined) {
      this.experiment.setTotal(line.total);
      this.experiment.update(line.done, line);
    }
  }
}
