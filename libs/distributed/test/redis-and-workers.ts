/**
 * Test helpers: a real redis-server on a free localhost port (started and stopped by the tests) and real
 * `alsatian` processes (workers, searches) through the CLI's bin, as users run them.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { execa, type ResultPromise } from 'execa';
import type { JobTimings } from '../src/job-timings.ts';

export const BIN = new URL('../../cli/bin/alsatian.mjs', import.meta.url).pathname;
export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const proc = execa(
    REDIS_SERVER!,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { reject: false },
  );
  await waitForLine(proc, /Ready to accept connections/, 'redis-server to start');
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      proc.kill('SIGTERM');
      await proc;
    },
  };
}

/** A process whose stderr lines are kept, so tests can wait for what it says. */
export interface Watched {
  readonly proc: ResultPromise;
  readonly lines: string[];
  waitFor(pattern: RegExp, what: string): Promise<RegExpMatchArray>;
}

export function watch(proc: ResultPromise): Watched {
  const lines: string[] = [];
  let buffer = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split(/\r?\n|\r/);
    buffer = parts.pop()!;
    lines.push(...parts);
    for (const l of listeners) l();
  };
  proc.stderr?.on('data', onData);
  proc.stdout?.on('data', () => {});
  return {
    proc,
    lines,
    waitFor(pattern, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const line of lines) {
            const match = line.match(pattern);
            if (match) {
              listeners.delete(check);
              resolve(match);
              return true;
            }
          }
          return false;
        };
        if (check()) return;
        listeners.add(check);
        void proc.then(() => {
          if (!check()) reject(new Error(`process exited before ${what}; stderr:\n${lines.join('\n')}`));
        });
      });
    },
  };
}

function waitForLine(proc: ResultPromise, pattern: RegExp, what: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let seen = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve(undefined);
    });
    void proc.then((r) => reject(new Error(`${what}: exited (${r.exitCode}) with ${seen}${r.stderr ?? ''}`)));
  });
}

/**
 * An `alsatian worker`; `retry: 'quick'` (tests) gives it short lock and stalled-check times, so a killed worker's
 * job is retried quickly. A benchmark wants the defaults: on the 2 busy development cores the short lock expired
 * during the first, session-compiling jobs of a search, which then ran twice (attempt 2 in the job list).
 */
export function startWorkerProcess(
  url: string,
  extra: readonly string[] = [],
  retry: 'quick' | 'default' = 'quick',
): Watched {
  const quick = retry === 'quick' ? ['--lock-duration', '2000', '--stalled-interval', '500'] : [];
  const proc = execa('node', [BIN, 'worker', '--queue', url, '--workers', '0', ...quick, ...extra], {
    reject: false,
  });
  return watch(proc);
}

export async function stopAll(workers: readonly Watched[]): Promise<void> {
  for (const w of workers) w.proc.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.proc));
}

export async function runSearch(args: readonly string[]): Promise<SearchJson> {
  const r = await execa('node', [BIN, 'search', ...args, '--json'], { reject: false });
  if (r.exitCode !== 0) throw new Error(`search failed (${r.exitCode}): ${r.stderr}`);
  return JSON.parse(r.stdout) as SearchJson;
}

export interface SearchJson {
  ranking: { model: string; score: number; iteration: number }[];
  iterations: { ranking: { model: string; score: number }[] }[];
  measurements: { total: number; planning: number };
  distributed?: {
    workersSeen: number;
    wallSeconds: number;
    planningSeconds: number;
    iterations: { mode: string; jobs: number }[];
    jobs: {
      key: string;
      label: string;
      attempt: number;
      worker: string;
      seconds: number;
      timings: JobTimings;
      returnedSeconds?: number;
    }[];
    jobOverheadSeconds?: number;
  };
  sessions: { created: number; reused: number };
}
