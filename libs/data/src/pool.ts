import { Piscina } from 'piscina';
import type { DataTask, DataTaskResult } from './worker/data-tasks.mjs';

/** Runs decode/render tasks: on a pool of worker threads, or in the calling thread when `workers` is 0. */
export interface TaskRunner {
  run(task: DataTask, signal: AbortSignal): Promise<DataTaskResult>;
  close(): Promise<void>;
}

const WORKER_FILE = new URL('./worker/data-worker.mjs', import.meta.url).href;

export function createTaskRunner(workers: number): TaskRunner {
  if (workers === 0) {
    return {
      async run(task, signal) {
        signal.throwIfAborted();
        const { runDataTask } = await import('./worker/data-tasks.mjs');
        return runDataTask(task);
      },
      async close() {},
    };
  }
  let pool: Piscina | undefined; // started on first use: opening a dataset to read its labels costs no threads
  return {
    run(task, signal) {
      // sharp decodes on libuv's thread pool, asynchronously: a worker that awaited one image at a time would leave
      // those threads idle. Four tasks per worker kept up with in-process decoding in measurements on 2 cores.
      pool ??= new Piscina({ filename: WORKER_FILE, minThreads: workers, maxThreads: workers, concurrentTasksPerWorker: 4, idleTimeout: 60_000 });
      return pool.run(task, { signal }) as Promise<DataTaskResult>;
    },
    async close() {
      const p = pool;
      pool = undefined;
      await p?.destroy();
    },
  };
}
