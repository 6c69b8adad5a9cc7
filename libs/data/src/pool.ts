import { Piscina } from 'piscina';
import type { DataTask, DataTaskResult } from './worker/data-tasks.mjs';

/**
 * Runs decode/render tasks: on a pool of worker threads, or in the calling thread when `workers` is 0. A task's
 * `transfer` buffers move to the worker (and come back in the result) instead of being copied. An aborted signal stops
 * tasks from starting; a task already started runs to the end and its result is returned, so the caller can account
 * for work that was done.
 */
export interface TaskRunner {
  run(task: DataTask, signal: AbortSignal, transfer?: readonly ArrayBuffer[]): Promise<DataTaskResult>;
  /** Starts the worker threads now (each loads the decoder as it starts) instead of on the first task. */
  start(): void;
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
      start() {},
      async close() {},
    };
  }
  // Started on first use or by start(): opening a dataset to read its labels costs no threads.
  let pool: Piscina | undefined;
  const inFlight = new Set<Promise<unknown>>();
  // sharp decodes on libuv's thread pool, asynchronously: a worker that awaited one image at a time would leave
  // those threads idle. Four tasks per worker kept up with in-process decoding in measurements on 2 cores.
  const started = (): Piscina =>
    (pool ??= new Piscina({
      filename: WORKER_FILE,
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: 4,
      idleTimeout: 60_000,
    }));
  return {
    start() {
      started();
    },
    run(task, signal, transfer) {
      // The signal is checked before the task, not handed to piscina: aborting a task that shares its worker with
      // others (concurrentTasksPerWorker) terminates that worker, and the results of its other tasks then reach
      // the pool as 'Unexpected message from Worker', an uncaught exception. An abandoned task costs its own work.
      signal.throwIfAborted();
      const running = started().run(task, transfer ? { transferList: [...transfer] } : {}) as Promise<DataTaskResult>;
      inFlight.add(running);
      running.then(
        () => inFlight.delete(running),
        () => inFlight.delete(running),
      );
      return running;
    },
    async close() {
      const p = pool;
      pool = undefined;
      // Tasks abandoned by an early break or an abort are still running: destroying the pool under them makes their
      // results arrive for tasks piscina no longer knows, which it raises as an uncaught error. Let them finish.
      await Promise.allSettled([...inFlight]);
      await p?.destroy();
    },
  };
}
