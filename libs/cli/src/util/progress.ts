import { Presets, SingleBar } from 'cli-progress';
import type { ProgressEvent } from '@alsatian/core';

/** A progress bar on stderr fed by library progress events; restarts when the task changes. */
export function progressBar(stream: NodeJS.WritableStream = process.stderr): {
  update: (event: ProgressEvent) => void;
  stop: () => void;
} {
  const bar = new SingleBar(
    {
      format: '{task} [{bar}] {value}/{total} {detail}',
      stream,
      hideCursor: true,
      noTTYOutput: false,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let task: string | undefined;
  return {
    update(event) {
      if (event.task !== task) {
        if (task !== undefined) bar.stop();
        task = event.task;
        bar.start(event.total ?? 0, event.done, { task: event.task, detail: event.detail ?? '' });
      } else bar.update(event.done, { task: event.task, detail: event.detail ?? '' });
    },
    stop() {
      if (task !== undefined) bar.stop();
    },
  };
}
