/**
 * Compiled units on disk: a unit's model as ONNX Runtime optimised it (blocked CPU layout, batch norms folded),
 * saved once, with its weights in a file of their own that ORT maps into memory when it loads the model.
 *
 * Why: a session created from a lowered unit holds 3.5-4x the unit's weights (measured on resnet18 units: 63-72
 * MiB for 18 MiB of weights) and touches that memory fresh, which on the development machine costs ~12 us per 4 KiB
 * page; a session loaded from its compiled file maps the file and optimises nothing (2-6 ms for 18 MiB). So every
 * CPU unit is compiled in a short-lived session and run from its file, and a unit prepared again (in a later step
 * or SH iteration, or a later search) is only loaded.
 *
 * Entries with a key (the unit's content and the engine's fingerprint) are kept for reuse, least recently used
 * first out once their files exceed the budget; entries without a key are one-off and deleted when their session
 * is released. Without a directory of the caller's, everything lives in a temporary directory removed by
 * `dispose`; with one (`persistent`), kept entries stay for later processes.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CompiledEntry {
  readonly key: string;
  /** Kept for reuse (it has a content key) or deleted when its session is released. */
  readonly kept: boolean;
  /** The optimised model; its weights are in `weightsFile` beside it. */
  readonly modelPath: string;
  readonly weightsFile: string;
}

export class CompiledUnits {
  private readonly users = new Map<string, number>();
  /** Kept entries on disk with their bytes, least recently used first. */
  private readonly kept = new Map<string, number>();
  private keptBytes = 0;

  private constructor(
    readonly dir: string,
    readonly persistent: boolean,
    readonly budgetBytes: number,
  ) {}

  /**
   * `dir`: keep compiled units there across processes (entries already there count toward the budget); otherwise
   * in a temporary directory removed by `dispose`. `budgetBytes` bounds the kept entries' files.
   */
  static async open(options: { dir?: string; budgetBytes?: number } = {}): Promise<CompiledUnits> {
    const budget = options.budgetBytes ?? Number.POSITIVE_INFINITY;
    if (!(budget >= 0)) throw new RangeError(`CompiledUnits: the budget must be >= 0 bytes, got ${budget}`);
    if (!options.dir) return new CompiledUnits(await mkdtemp(join(tmpdir(), 'alsatian-compiled-')), false, budget);
    await mkdir(options.dir, { recursive: true });
    const units = new CompiledUnits(options.dir, true, budget);
    await units.adoptExisting();
    return units;
  }

  /** The entry of `key` (a file-name-safe hash), or a fresh one-off entry when the unit has no key. */
  entry(key: string | undefined): CompiledEntry {
    const name = key ?? `once-${randomUUID()}`;
    return {
      key: name,
      kept: key !== undefined,
      modelPath: join(this.dir, `${name}.onnx`),
      weightsFile: `${name}.weights`,
    };
  }

  /** Whether `entry` is complete on disk (the model is renamed into place last). */
  async has(entry: CompiledEntry): Promise<boolean> {
    return (await stat(entry.modelPath).catch(() => undefined))?.isFile() === true;
  }

  /**
   * Writes `entry` through `write(modelPath, weightsFile)` into a private temporary folder, then renames the
   * weights and the model into place, so a reader never sees a model without its weights (or half a file).
   */
  async write(entry: CompiledEntry, write: (modelPath: string, weightsFile: string) => Promise<void>): Promise<void> {
    const staging = join(this.dir, `.staging-${randomUUID()}`);
    await mkdir(staging);
    try {
      const stagedModel = join(staging, `${entry.key}.onnx`);
      await write(stagedModel, entry.weightsFile);
      // A unit whose weights are all small keeps them inside the model, and ORT writes no weights file.
      const stagedWeights = join(staging, entry.weightsFile);
      if (await stat(stagedWeights).catch(() => undefined))
        await rename(stagedWeights, join(this.dir, entry.weightsFile));
      await rename(stagedModel, entry.modelPath);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** A session now uses `entry` (written or found on disk). */
  async acquire(entry: CompiledEntry): Promise<void> {
    this.users.set(entry.key, (this.users.get(entry.key) ?? 0) + 1);
    if (!entry.kept) return;
    const known = this.kept.get(entry.key);
    this.kept.delete(entry.key);
    const bytes = known ?? (await entryBytes(this.dir, entry));
    this.kept.set(entry.key, bytes);
    if (known === undefined) this.keptBytes += bytes;
    // Other processes sharing a persistent directory evict by modification time: mark this entry as recently used.
    if (this.persistent) await utimes(entry.modelPath, new Date(), new Date()).catch(() => undefined);
    await this.evictOverBudget();
  }

  /** A session using `entry` was released; a one-off entry no session uses is deleted. */
  async release(entry: CompiledEntry): Promise<void> {
    const left = (this.users.get(entry.key) ?? 1) - 1;
    if (left > 0) {
      this.users.set(entry.key, left);
      return;
    }
    this.users.delete(entry.key);
    if (entry.kept) await this.evictOverBudget();
    else await removeEntry(this.dir, entry.key);
  }

  /** Bytes of kept entries on disk. */
  get bytes(): number {
    return this.keptBytes;
  }

  async dispose(): Promise<void> {
    if (!this.persistent) await rm(this.dir, { recursive: true, force: true });
  }

  /** Deletes unused kept entries, least recently used first, until the kept files fit the budget. */
  private async evictOverBudget(): Promise<void> {
    for (const [key, bytes] of [...this.kept]) {
      if (this.keptBytes <= this.budgetBytes) return;
      if (this.users.has(key)) continue;
      this.kept.delete(key);
      this.keptBytes -= bytes;
      await removeEntry(this.dir, key);
    }
  }

  /** A persistent directory's entries from earlier processes, oldest first. */
  private async adoptExisting(): Promise<void> {
    const models = (await readdir(this.dir)).filter((f) => f.endsWith('.onnx') && !f.startsWith('once-'));
    const found: { key: string; bytes: number; time: number }[] = [];
    for (const file of models) {
      const key = file.slice(0, -'.onnx'.length);
      const info = await stat(join(this.dir, file)).catch(() => undefined);
      if (info) found.push({ key, bytes: await entryBytes(this.dir, this.entry(key)), time: info.mtimeMs });
    }
    for (const f of found.sort((a, b) => a.time - b.time)) {
      this.kept.set(f.key, f.bytes);
      this.keptBytes += f.bytes;
    }
    await this.evictOverBudget();
  }
}

async function entryBytes(dir: string, entry: CompiledEntry): Promise<number> {
  const size = async (path: string) => (await stat(path).catch(() => undefined))?.size ?? 0;
  return (await size(entry.modelPath)) + (await size(join(dir, entry.weightsFile)));
}

async function removeEntry(dir: string, key: string): Promise<void> {
  // The model first: without it the entry is absent, whatever happens to the weights file.
  await rm(join(dir, `${key}.onnx`), { force: true });
  await rm(join(dir, `${key}.weights`), { force: true });
}
