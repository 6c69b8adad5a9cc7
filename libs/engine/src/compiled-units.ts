/**
 * Compiled units on disk: a unit's model as ONNX Runtime optimised it (blocked CPU layout, batch norms folded),
 * saved once, with its weights in a file of their own that ORT maps into memory when it loads the model.
 *
 * Why: a session loaded from its compiled file maps the file and optimises nothing (2-6 ms for 18 MiB of weights),
 * and needs no weights read from the store, so a unit prepared again (in a later step or SH iteration, or a later
 * search) is only loaded. Compiling costs the file write over creating the session directly, so the engine compiles
 * only units that will be loaded again (see `worthCompiling` in ort-engine.ts).
 *
 * Entries are keyed by the unit's content and the engine's fingerprint and kept for reuse, least recently used
 * first out once their files exceed the budget. A unit nobody will load again is not compiled at all (the engine
 * creates its session directly). Without a directory of the caller's, everything lives in a temporary directory
 * removed by `dispose`; with one (`persistent`), entries stay for later processes.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CompiledEntry {
  readonly key: string;
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

  /** The entry of `key` (a file-name-safe hash). */
  entry(key: string): CompiledEntry {
    return { key, modelPath: join(this.dir, `${key}.onnx`), weightsFile: `${key}.weights` };
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
    const known = this.kept.get(entry.key);
    this.kept.delete(entry.key);
    const bytes = known ?? (await entryBytes(this.dir, entry));
    this.kept.set(entry.key, bytes);
    if (known === undefined) this.keptBytes += bytes;
    // Other processes sharing a persistent directory evict by modification time: mark this entry as recently used.
    if (this.persistent) await utimes(entry.modelPath, new Date(), new Date()).catch(() => undefined);
    await this.evictOverBudget();
  }

  /** A session using `entry` was released; entries no session uses may be evicted. */
  async release(entry: CompiledEntry): Promise<void> {
    const left = (this.users.get(entry.key) ?? 1) - 1;
    if (left > 0) {
      this.users.set(entry.key, left);
      return;
    }
    this.users.delete(entry.key);
    await this.evictOverBudget();
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
    // Names starting 'once-' were one-off units of earlier versions, deleted with their session; never adopted.
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
