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
    const cell = Object.entries(e.cell)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    return {
      name: this.current.name,
      done: e.doneUnits,
      total: e.totalUnits,
      unit: `${cell} rep ${e.repetition + 1}/${e.repetitions}`,
      left: e.estimatedRemainingSeconds === undefined ? '?' : formatSeconds(e.estimatedRemainingSeconds),
    };
  }
}

/** Text bar of `width` cells for value / total. */
export function textBar(value: number, total: number, width = 30): string {
  const filled = total <= 0 ? 0 : Math.max(0, Math.min(width, Math.round((value / total) * width)));
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/**
 * Draws the state: on a terminal as two live cli-progress bars; elsewhere (a log, CI) as the same two lines printed
 * at most every `intervalSeconds` and at each start and finish.
 */
export class ReproduceProgress {
  private readonly state: ReproduceState;
  private readonly started = performance.now();
  private readonly tty: boolean;
  private bars: MultiBar | undefined;
  private overall: SingleBar | undefined;
  private experiment: SingleBar | undefined;
  private lastPrint = -Infinity;

  constructor(
    total: number,
    private readonly stream: NodeJS.WritableStream = process.stderr,
    private readonly intervalSeconds = 10,
  ) {
    this.state = new ReproduceState(total);
    this.tty = (stream as { isTTY?: boolean }).isTTY === true;
    if (this.tty) {
      this.bars = new MultiBar({ stream, hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
      this.overall = this.bars.create(
        total,
        0,
        { elapsed: '0s' },
        { format: 'reproduce  [{bar}] {value}/{total} experiments | elapsed {elapsed}' },
      );
    }
  }

  start(name: string): void {
    this.state.start(name);
    if (this.bars !== undefined)
      this.experiment = this.bars.create(
        1,
        0,
        { name, unit: 'starting', left: '?' },
        { format: '  {name} [{bar}] {value}/{total} units | {unit} | left {left}' },
      );
    this.redraw(true);
  }

  progress(event: RunProgressEvent): void {
    this.state.progress(event);
    this.redraw(false);
  }

  /** Logs a finished experiment above the bars and drops its bar. */
  finish(line: string): void {
    this.state.finish();
    if (this.bars !== undefined && this.experiment !== undefined) this.bars.remove(this.experiment);
    this.experiment = undefined;
    this.log(line);
    this.redraw(true);
  }

  log(line: string): void {
    if (this.bars !== undefined) this.bars.log(`${line}\n`);
    else this.stream.write(`${line}\n`);
  }

  stop(): void {
    this.redraw(true);
    this.bars?.stop();
  }

  /** The two lines as a log shows them. */
  lines(): string[] {
    const elapsed = formatSeconds((performance.now() - this.started) / 1000);
    const overall = this.state.overall();
    const out = [
      `reproduce  ${textBar(overall, this.state.total)} ${Number(overall.toFixed(2))}/${this.state.total} experiments | elapsed ${elapsed}`,
    ];
    const e = this.state.experimentLine();
    if (e !== undefined)
      out.push(`  ${e.name} ${textBar(e.done, e.total)} ${e.done}/${e.total} units | ${e.unit} | left ${e.left}`);
    return out;
  }

  private redraw(force: boolean): void {
    if (this.bars === undefined) {
      const now = performance.now() / 1000;
      if (!force && now - this.lastPrint < this.intervalSeconds) return;
      this.lastPrint = now;
      this.stream.write(`${this.lines().join('\n')}\n`);
      return;
    }
    this.overall!.update(Number(this.state.overall().toFixed(2)), {
      elapsed: formatSeconds((performance.now() - this.started) / 1000),
    });
    const line = this.state.experimentLine();
    if (line !== undefined && this.experiment !== undefined) {
      this.experiment.setTotal(line.total);
      this.experiment.update(line.done, line);
    }
  }
}
