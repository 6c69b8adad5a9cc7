import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, availableParallelism, totalmem, freemem, platform, release, arch, hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** The machine and software a run was measured on, as the paper's result files record it (`system_info`). */
export interface SystemInfo {
  readonly os: { platform: string; release: string; arch: string; hostname: string };
  readonly cpu: { model: string; logicalCores: number; availableParallelism: number };
  readonly memory: { totalBytes: number; freeBytesAtStart: number };
  readonly node: string;
}

export interface SourceInfo {
  /** null when git is missing or this is not a checkout; `gitError` then says why. */
  readonly gitCommit: string | null;
  readonly gitDirty: boolean | null;
  readonly gitError?: string;
  /** Installed versions of the root package.json's dependencies (onnxruntime-node, vega, ...). */
  readonly packages: Readonly<Record<string, string>>;
}

export function systemInfo(): SystemInfo {
  const list = cpus();
  return {
    os: { platform: platform(), release: release(), arch: arch(), hostname: hostname() },
    cpu: { model: list[0]?.model.trim() ?? 'unknown', logicalCores: list.length, availableParallelism: availableParallelism() },
    memory: { totalBytes: totalmem(), freeBytesAtStart: freemem() },
    node: process.version,
  };
}

/** The monorepo root: the nearest folder above `from` whose package.json declares workspaces. */
export async function findRepoRoot(from = dirname(fileURLToPath(import.meta.url))): Promise<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(await readFile(manifest, 'utf8')) as { workspaces?: unknown };
      if (parsed.workspaces !== undefined) return dir;
    }
    if (dirname(dir) === dir) return from;
  }
}

export async function sourceInfo(repoRoot: string): Promise<SourceInfo> {
  const packages = await installedVersions(repoRoot);
  const head = await execa('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, reject: false });
  if (head.exitCode !== 0) {
    const why = head.failed && head.exitCode === undefined ? head.shortMessage : head.stderr.trim();
    return { gitCommit: null, gitDirty: null, gitError: why || 'git rev-parse failed', packages };
  }
  const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, reject: false });
  return { gitCommit: head.stdout.trim(), gitDirty: status.exitCode === 0 ? status.stdout.trim() !== '' : null, packages };
}

async function installedVersions(repoRoot: string): Promise<Record<string, string>> {
  const root = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const names = [...Object.keys(root.dependencies ?? {}), ...Object.keys(root.devDependencies ?? {})].sort();
  const versions: Record<string, string> = {};
  for (const name of names) {
    try {
      const manifest = JSON.parse(await readFile(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
      versions[name] = manifest.version ?? 'unknown';
    } catch {
      versions[name] = 'not installed';
    }
  }
  return versions;
}
