/**
 * glibc malloc settings for processes that run searches, and the relaunch that applies them (they are read once,
 * when a process starts).
 *
 * Why: by default glibc hands allocations above 32 MiB (ONNX Runtime's activation arenas, a unit's weights while
 * it is compiled) to mmap and returns them to the system when freed, and trims freed memory at the top of the heap;
 * the next session then touches fresh pages again. On the development machine a fresh 4 KiB page costs ~12 us, so
 * every new resnet18 session paid ~35,000 page faults to create and as many over its first runs (~1 s in all).
 * With large blocks kept in the heap and no trimming, freed memory is reused: the same session created 0-2,300
 * faults and ran at its steady speed from the first batch. The process keeps its peak memory until it exits.
 *
 * `hugetlb=1` has malloc ask for transparent huge pages where the kernel leaves that to the program (THP mode
 * `madvise`; a no-op under `never`, the default under `always`): first touching 2 GiB took 3.7 s instead of 5.3 s,
 * and fewer TLB misses made compute cheaper too. The Alsatian search on the paper's configuration (35 resnet18,
 * Top-Layers, 320 items) took 0.95x the wall time and 0.94x the user CPU (whole process, median of 5 alternating
 * pairs, range 0.93-0.99x), at 11% more peak memory.
 */
import { spawn } from 'node:child_process';
import { Socket } from 'node:net';

export const ALLOCATOR_TUNABLES = [
  'glibc.malloc.mmap_threshold=1073741824',
  'glibc.malloc.trim_threshold=68719476736',
  'glibc.malloc.hugetlb=1',
] as const;

/** `env` with our tunables added to any GLIBC_TUNABLES already there. */
export function allocatorEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const present = (env.GLIBC_TUNABLES ?? '').split(':').filter(Boolean);
  const names = new Set(present.map((t) => t.split('=')[0]));
  return {
    ...env,
    GLIBC_TUNABLES: [...present, ...ALLOCATOR_TUNABLES.filter((t) => !names.has(t.split('=')[0]))].join(':'),
  };
}

/**
 * Whether this process started with every one of our tunables set (or the platform has no glibc, where they mean
 * nothing). A value the user gave a tunable counts as set: relaunching would not change it.
 */
export function allocatorSettingsApplied(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform !== 'linux') return true;
  const names = new Set((env.GLIBC_TUNABLES ?? '').split(':').map((t) => t.split('=')[0]));
  return ALLOCATOR_TUNABLES.every((t) => names.has(t.split('=')[0]));
}

/**
 * Runs this same process again (same Node flags and arguments, inherited stdio) with the allocator settings and
 * exits with its status; resolves at once when the settings are already applied. Await it first thing in an entry
 * point. The parent forwards SIGINT/SIGTERM/SIGHUP and relays IPC messages both ways when it has a parent channel
 * (npm run reproduce talks to its experiments that way). If the parent dies without a word (SIGKILL), the relaunch
 * sees its lifeline pipe close and kills itself the same way, so a killed command never leaves a process running.
 */
export async function relaunchWithAllocatorSettings(): Promise<void> {
  if (allocatorSettingsApplied()) {
    holdLifeline();
    return;
  }
  const relay = process.send !== undefined;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe', ...(relay ? (['ipc'] as const) : [])],
    env: { ...allocatorEnv(), [LIFELINE_ENV]: '3' },
  });
  const started = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!started) return; // could not relaunch: run as we are, only slower
  for (const signal of FORWARDED_SIGNALS) process.on(signal, () => child.kill(signal));
  if (relay) {
    child.on('message', (message) => process.send?.(message));
    process.on('message', (message) => child.send?.(message as never));
    child.on('disconnect', () => process.connected && process.disconnect());
  }
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('exit', (code, sig) => resolve([code, sig])),
  );
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(status ?? 1);
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const LIFELINE_ENV = 'ALSATIAN_LIFELINE_FD';

/** In a relaunched process: die with SIGKILL when the parent's end of the lifeline closes (the parent is gone). */
function holdLifeline(): void {
  const fd = Number(process.env[LIFELINE_ENV]);
  delete process.env[LIFELINE_ENV]; // processes this one starts have no such pipe
  if (!Number.isInteger(fd) || fd < 3) return;
  const lifeline = new Socket({ fd, readable: true, writable: false });
  lifeline.on('error', () => {});
  lifeline.once('close', () => process.kill(process.pid, 'SIGKILL'));
  lifeline.resume();
  lifeline.unref();
}
