/**
 * Compiled units on disk: a unit's model as ONNX Runtime optimised it (blocked CPU layout, batch norms folded),
 * saved once, with its weights in a file of their own that ORT maps into memory when it loads the model.
 *
 * Why: a session created from a lowered unit holds 3.5-4x the unit's weights (measured on resnet18 units: 63-72
 * MiB for 18 MiB of weights) and touches all of that memory fresh, which on the development machine costs ~2.8 ms
 * per MiB; a session loaded from its compiled file maps the 18 MiB of the file and optimises nothing (2 ms). So
 * every CPU unit is compiled in a short-lived session and loaded from its file.
 *
 * Entries are keyed by the unit's content key and the engine's fingerprint. Without a directory of the caller's
 * (`persistent`), entries live in a temporary directory and each is deleted when its last session is released;
 * with one, they stay for later searches, which then prepare nothing but loads.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
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

  private constructor(readonly dir: string, readonly persistent: boolean) {}

  /** `dir`: keep compiled units there across processes; otherwise in a temporary directory removed by `dispose`. */
  static async open(dir?: string): Promise<CompiledUnits> {
    if (dir) {
      await mkdir(dir, { recursive: true });
      return new CompiledUnits(dir, true);
    }
    return new CompiledUnits(await mkdtemp(join(tmpdir(), 'alsatian-compiled-')), false);
  }

  /** The entry of `key` (a file-name-safe hash), or a fresh one-off entry when the unit has no key. */
  entry(key: string | undefined): CompiledEntry {
    const name = key ?? `once-${randomUUID()}`;
    return { key: name, modelPath: join(this.dir, `${name}.onnx`), weightsFile: `${name}.weights` };
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
      if (await stat(stagedWeights).catch(() => undefined)) await rename(stagedWeights, join(this.dir, entry.weightsFile));
      await rename(stagedModel, entry.modelPath);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** A session now uses `entry`. */
  acquire(entry: CompiledEntry): void {
    this.users.set(entry.key, (this.users.get(entry.key) ?? 0) + 1);
  }

  /** A session using `entry` was released; a temporary entry no session uses is deleted. */
  async release(entry: CompiledEntry): Promise<void> {
    const left = (this.users.get(entry.key) ?? 1) - 1;
    if (left > 0) {
      this.users.set(entry.key, left);
      return;
    }
    this.users.delete(entry.key);
    if (!this.persistent) await removeEntry(this.dir, entry);
  }

  async dispose(): Promise<void> {
    if (!this.persistent) await rm(this.dir, { recursive: true, force: true });
  }
}

async function removeEntry(dir: string, entry: CompiledEntry): Promise<void> {
  await rm(entry.modelPath, { force: true });
  await rm(join(dir, entry.weightsFile), { force: true });
}
