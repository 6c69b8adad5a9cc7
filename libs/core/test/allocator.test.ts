import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { ALLOCATOR_TUNABLES, allocatorEnv, allocatorSettingsApplied } from '../src/index.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('allocator settings', () => {
  it('adds the tunables to what GLIBC_TUNABLES already holds, without overriding a value the user set', () => {
    expect(allocatorEnv({}).GLIBC_TUNABLES).toBe(ALLOCATOR_TUNABLES.join(':'));
    const merged = allocatorEnv({
      GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=1',
    }).GLIBC_TUNABLES!.split(':');
    expect(merged).toContain('glibc.malloc.arena_max=2');
    expect(merged).toContain('glibc.malloc.trim_threshold=1');
    expect(merged.filter((t) => t.startsWith('glibc.malloc.trim_threshold'))).toHaveLength(1);
    expect(merged).toContain(ALLOCATOR_TUNABLES[0]);
  });

  it('counts a tunable the user set to another value as applied, so an entry point relaunches at most once', () => {
    const user = allocatorEnv({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=1' });
    expect(allocatorSettingsApplied(user)).toBe(true);
    expect(allocatorSettingsApplied({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=1' })).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'relaunches an entry point once with the settings, passing arguments and the exit status through',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'alsatian-allocator-'));
      dirs.push(dir);
      const script = join(dir, 'entry.mts');
      const core = join(import.meta.dirname, '..', 'src', 'allocator.ts');
      await writeFile(
        script,
        `import { relaunchWithAllocatorSettings } from ${JSON.stringify(core)};\nawait ` +
          `relaunchWithAllocatorSettings();\nconsole.log(JSON.stringify({ tunables: ` +
          `process.env.GLIBC_TUNABLES, args: process.argv.slice(2) }));\nprocess.exit(7);\n`,
      );
      const env = { ...process.env, GLIBC_TUNABLES: '' };
      const out = await execa(process.execPath, ['--import', 'tsx', script, 'a', 'b'], { env, reject: false });
      expect(out.exitCode).toBe(7);
      const lines = out.stdout.trim().split('\n');
      expect(lines).toHaveLength(1); // the parent printed nothing: it only waited for its relaunch
      const printed = JSON.parse(lines[0]);
      expect(printed.args).toEqual(['a', 'b']);
      expect(allocatorSettingsApplied({ GLIBC_TUNABLES: printed.tunables })).toBe(true);
    },
  );

  it.runIf(process.platform === 'linux')('takes its relaunch with it when killed with SIGKILL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alsatian-allocator-'));
    dirs.push(dir);
    const script = join(dir, 'entry.mts');
    const core = join(import.meta.dirname, '..', 'src', 'allocator.ts');
    await writeFile(
      script,
      `import { relaunchWithAllocatorSettings } from ${JSON.stringify(core)};\nawait ` +
        `relaunchWithAllocatorSettings();\nconsole.log(process.pid);\nsetInterval(() => {}, 1000);\n`,
    );
    const parent = execa(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, GLIBC_TUNABLES: '' },
      reject: false,
    });
    const childPid = await new Promise<number>((resolve) =>
      parent.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
    );
    expect(childPid).not.toBe(parent.pid);
    parent.kill('SIGKILL');
    await parent;
    const alive = () => {
      try {
        process.kill(childPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 200 && alive(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(alive()).toBe(false);
  });
});
