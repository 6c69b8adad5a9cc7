/**
 * A full disk, simulated: `faultyFs` wraps node:fs/promises so that writes to paths a test picks fail with
 * ENOSPC after writing part of their data, as a real full disk does. Test files install it with
 *
 *   vi.mock('node:fs/promises', async (original) => (await import('@alsatian/core/testing/disk-full')).faultyFs(await
 *   original()));
 *
 * and pick the victims with `failWrites(...)`. Every library module that imports node:fs/promises then sees it.
 */
import type * as Fs from 'node:fs/promises';

interface Plan {
  readonly matches: (path: string) => boolean;
  /** Fail from this matching write on (1 = the first). */
  readonly from: number;
  seen: number;
  readonly hits: string[];
}

let plan: Plan | undefined;

/** Writes to paths matching `pattern` fail with ENOSPC from the `from`-th one on; returns the paths that failed. */
export function failWrites(pattern: RegExp, from = 1): string[] {
  plan = { matches: (path) => pattern.test(path), from, seen: 0, hits: [] };
  return plan.hits;
}

/** The disk has room again. */
export function freeDisk(): void {
  plan = undefined;
}

function shouldFail(path: unknown): boolean {
  if (!plan || !plan.matches(String(path))) return false;
  plan.seen++;
  if (plan.seen < plan.from) return false;
  plan.hits.push(String(path));
  return true;
}

export function enospc(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
    path,
  });
}

/** The first half of what writeFile was given (a string, bytes, or a list of byte parts). */
function firstHalf(data: unknown): string | Uint8Array {
  if (typeof data === 'string') return data.slice(0, Math.floor(data.length / 2));
  const bytes = data instanceof Uint8Array ? data : Buffer.concat([...(data as Iterable<Uint8Array>)]);
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}

export function faultyFs(real: typeof Fs): typeof Fs {
  const writeFile = (async (
    path: Parameters<typeof Fs.writeFile>[0],
    data: Parameters<typeof Fs.writeFile>[1],
    options?: Parameters<typeof Fs.writeFile>[2],
  ) => {
    if (!shouldFail(path)) return real.writeFile(path, data, options);
    await real.writeFile(path, firstHalf(data));
    throw enospc(String(path));
  }) as typeof Fs.writeFile;

  const open = (async (
    path: Parameters<typeof Fs.open>[0],
    flags?: Parameters<typeof Fs.open>[1],
    mode?: Parameters<typeof Fs.open>[2],
  ) => {
    const handle = await real.open(path, flags, mode);
    const failing = async (write: () => Promise<unknown>, data: string | Uint8Array) => {
      if (!shouldFail(path)) return write();
      await handle.write(firstHalf(data) as Uint8Array);
      throw enospc(String(path));
    };
    return new Proxy(handle, {
      get(target, prop) {
        if (prop === 'write')
          return (buffer: Uint8Array, offset = 0, length = buffer.length - offset, position?: number) =>
            failing(() => target.write(buffer, offset, length, position), buffer.subarray(offset, offset + length));
        if (prop === 'writeFile')
          return (data: string | Uint8Array, options?: object) =>
            failing(() => target.writeFile(data, options as never), data);
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }) as typeof Fs.open;

  const overrides = { ...real, writeFile, open };
  return { ...overrides, default: overrides } as typeof Fs;
}
