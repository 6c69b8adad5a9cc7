import { Presets, SingleBar } from 'cli-progress';
import type { RunProgressEvent, RunProgressListener } from './progress.ts';

/**
 * A progress bar on stderr for experiment entry points (programs, not libraries): the unit count, the running
 * cell and repetition, elapsed and estimated remaining time. Results never go to this stream.
 */
export function terminalProgress(stream: NodeJS.WritableStream = process.stderr): {
  onProgress: RunProgressListener;
  stop(): void;
} {
  const bar = new SingleBar(
    {
      format: '{experiment} [{bar}] {value}/{total} units | {unit} | elapsed {elapsed} | left {left}',
      stream,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(event: RunProgressEvent) {
      const payload = {
        experiment: event.experiment,
        unit:
          `${describeCell(event)} rep ${event.repetition + 1}/${event.repetitions}` +
          `${event.kind === 'unit-start' ? ' running' : ''}`,
        elapsed: formatSeconds(event.elapsedSeconds),
        left: event.estimatedRemainingSeconds === undefined ? '?' : formatSeconds(event.estimatedRemainingSeconds),
      };
      if (!started) {
        bar.start(event.totalUnits, event.doneUnits, payload);
        started = true;
      } else bar.update(event.doneUnits, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function describeCell(event: RunProgressEvent): string {
  return Object.entries(event.cell)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** 75 -> '1m15s', 3725 -> '1h02m'. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
