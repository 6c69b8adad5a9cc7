import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { cpus, availableParallelism, totalmem, freemem, platform, release, arch, hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** GPUs found on the machine, and how they were looked for (a run's report says so from this record). */
export interface GpuInfo {
  readonly names: readonly string[];
  /** 'nvidia-smi', '/proc/driver/nvidia', or 'none' with `reason` saying why no GPU could be named. */
  readonly source: 'nvidia-smi' | '/proc/driver/nvidia' | 'none';
  readonly reason?: string;
}

/** The machine and software a run was measured on, as the paper's result files record it (`system_info`). */
export interface SystemInfo {
  readonly os: { platform: string; release: string; arch: string; hostname: string };
  readonly cpu: { model: string; logicalCores: number; availableParallelism: number };
  readonly memory: { totalBytes: number; freeBytesAtStart: number };
  readonly node: string;
  readonly gpu: GpuInfo;
}

export interface SourceInfo {
  /** null when git is missing or this is not a checkout; `gitError` then says why. */
  readonly gitCommit: string | null;
  readonly gitDirty: boolean | null;
  readonly gitError?: string;
  /** Installed versions of the root package.json's dependencies (onnxruntime-node, vega, ...). */
  readonly packages: Readonly<Record<string, string>>;
}

export async function systemInfo(): Promise<SystemInfo> {
  const list = cpus();
  return {
    os: { platform: platform(), release: release(), arch: arch(), hostname: hostname() },
    cpu: {
      model: list[0]?.model.trim() ?? 'unknown',
      logicalCores: list.length,
      availableParallelism: availableParallelism(),
    },
    memory: { totalBytes: totalmem(), freeBytesAtStart: freemem() },
    node: process.version,
    gpu: await gpuInfo(),
  };
}

/**
 * Names the machine's GPUs: nvidia-smi where installed, else the NVIDIA driver's /proc files. Other vendors' GPUs
 * are not named (the record then says so), since ONNX Runtime's WebGPU provider exposes no adapter name to Node.
 */
export async function gpuInfo(): Promise<GpuInfo> {
  const smi = await execa('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], {
    reject: false,
    timeout: 10_000,
  });
  if (smi.exitCode === 0) {
    const names = smi.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (names.length > 0) return { names, source: 'nvidia-smi' };
  }
  const root = '/proc/driver/nvidia/gpus';
  const dirs = await readdir(root).catch(() => [] as string[]);
  const names: string[] = [];
  for (const dir of dirs) {
    const text = await readFile(join(root, dir, 'information'), 'utf8').catch(() => '');
    const model = /^Model:\s*(.+)$/m.exec(text)?.[1]?.trim();
    if (model) names.push(model);
  }
  if (names.length > 0) return { names, source: '/proc/driver/nvidia' };
  const missing = (smi as { code?: string }).code === 'ENOENT';
  const why = missing
    ? 'nvidia-smi is not installed'
    : smi.timedOut
      ? 'nvidia-smi timed out'
      : `nvidia-smi named no GPU (${smi.stderr.trim() || `exit ${smi.exitCode}`})`;
  return { names: [], source: 'none', reason: `${why} and ${root} lists none` };
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
  const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: repoRoot,
    reject: false,
  });
  return {
    gitCommit: head.stdout.trim(),
    gitDirty: status.exitCode === 0 ? status.stdout.trim() !== '' : null,
    packages,
  };
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
      const manifest = JSON.parse(await readFile(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
        version?: string;
      };
      versions[name] = manifest.version ?? 'unknown';
    } catch {
      versions[name] = 'not installed';
    }
  }
  return versions;
}
