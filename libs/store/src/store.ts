/**
 * The content-addressed block store (see layout.ts for the files and store-index.ts for the index and its
 * concurrency rules). A block is written once whatever the number of models using it; adding a model whose
 * blocks exist writes only its manifest. Every read checks the file's size and sha256 against the block id.
 */
import { mkdir, readFile } from 'node:fs/promises';
import type { Block, BlockDescriptor, BlockId, Json, Logger, ModelId, ModelManifest } from '@alsatian/core';
import {
  BadInputError,
  canonicalJson,
  DiskFullError,
  InvalidArgumentError,
  IntegrityError,
  parseJson,
  silentLogger,
  writeFileAtomic,
} from '@alsatian/core';
import { descriptorHash, encodeWeights, splitBlockId } from './block-id.ts';
import type { StoreLayout } from './layout.ts';
import { checkModelId, storeLayout } from './layout.ts';
import { contentModelId } from './model-id.ts';
import { diskModel, type DiskModel, type ReadStats } from './disk-model.ts';
import { tokenBucket } from './rate-limit.ts';
import { ReadBuffers } from './read-buffers.ts';
import { VerifiedFiles } from './verified-files.ts';
import { readVerified } from './read-verified.ts';
import { parseSafetensors } from './safetensors.ts';
import type { BlockEntry, IndexData } from './store-index.ts';
import { emptyIndex, mergeIntoIndex, readIndex, rebuildIndex } from './store-index.ts';
import { fileSize, removeFile, removeStaleTemps, writeMarker } from './store-files.ts';
import { checkBlockRecord } from './store-schema.ts';
import { verifyManifests, verifyStore } from './verify.ts';
import { WriteJournal } from './write-journal.ts';
import type { ModelFilter, ModelInput, ModelStore, StoreOptions, StoreStats, StoredBlockInfo } from './store-types.ts';
import type { StoreProblem, VerifyReport } from './verify.ts';

export type { ModelFilter, ModelInput, ModelStore, StoreOptions, StoreStats, StoredBlockInfo } from './store-types.ts';

export async function openStore(dir: string, options: StoreOptions = {}): Promise<ModelStore> {
  const layout = storeLayout(dir);
  await mkdir(dir, { recursive: true });
  await writeMarker(layout);
  await removeStaleTemps(layout);
  const existing = options.rebuildIndex ? undefined : await readIndex(layout);
  const view = existing ?? (await rebuildIndex(layout));
  const limiter = options.readLimitBytesPerSec ? tokenBucket(options.readLimitBytesPerSec) : undefined;
  const logger = options.logger ?? silentLogger;
  return new FileStore(
    layout,
    view,
    diskModel(limiter, options.pageCacheBytes),
    options.verifyReads ?? 'always',
    logger,
    new ReadBuffers(options.readBufferBytes ?? DEFAULT_READ_BUFFER_BYTES),
    await VerifiedFiles.open(options.keepVerified === false ? undefined : layout.verified, logger),
  );
}

/** Idle read buffers kept for reuse (see read-buffers.ts): a few units' blocks of the largest architectures. */
const DEFAULT_READ_BUFFER_BYTES = 2 ** 30;

class FileStore implements ModelStore {
  private pending: IndexData = emptyIndex();
  private readonly journal = new WriteJournal();
  private batchDepth = 0;
  private usage: Map<BlockId, ModelId[]> | undefined;

  constructor(
    private readonly layout: StoreLayout,
    private view: IndexData,
    private readonly disk: DiskModel,
    private readonly verifyReads: 'always' | 'once' | 'never',
    private readonly logger: Logger,
    private readonly readBuffers: ReadBuffers,
    /** Signature of each weights file when its hash last matched, kept across processes (verifyReads 'once'). */
    private readonly verified: VerifiedFiles,
  ) {}

  get dir(): string {
    return this.layout.dir;
  }

  putBlock(block: Block): Promise<BlockId> {
    return this.undoable(`Block ${block.descriptor.kind}`, () => this.writeBlock(block));
  }

  private async writeBlock(block: Block): Promise<BlockId> {
    const weights = encodeWeights(block);
    const id = descriptorHash(block.descriptor) + weights.sha256;
    const weightsFile = this.layout.weightsFile(id);
    const descriptorFile = this.layout.descriptorFile(id);
    const size = await fileSize(weightsFile);
    // An indexed block is written again only if its file is gone or has the wrong size (a repair by re-import).
    if (this.view.blocks[id] && size === weights.bytes) return id;
    const created = [
      ...(size === undefined ? [weightsFile] : []),
      ...((await fileSize(descriptorFile)) === undefined ? [descriptorFile] : []),
    ];
    // Recorded before writing, so a write that fails half-way is undone too.
    this.journal.record({ kind: 'block', id, files: created, added: !this.view.blocks[id] });
    // Weights first, descriptor second: a descriptor file present means its weights file is complete.
    await writeFileAtomic(weightsFile, weights.parts);
    await writeFileAtomic(descriptorFile, JSON.stringify({ descriptor: block.descriptor, bytes: weights.bytes }));
    const entry: BlockEntry = { bytes: weights.bytes, kind: block.descriptor.kind };
    this.view.blocks[id] = entry;
    this.pending.blocks[id] = entry;
    this.logger.debug(`store: wrote block ${id.slice(0, 12)} (${block.descriptor.kind}, ${weights.bytes} bytes)`);
    return id;
  }

  hasBlock(id: BlockId): boolean {
    return id in this.view.blocks;
  }

  async blockInfo(id: BlockId): Promise<StoredBlockInfo> {
    const entry = this.entry(id);
    return { id, bytes: entry.bytes, descriptor: await this.readDescriptor(id) };
  }

  listBlocks(): { id: BlockId; bytes: number; kind: string }[] {
    return Object.entries(this.view.blocks).map(([id, e]) => ({ id, bytes: e.bytes, kind: e.kind }));
  }

  async getBlock(id: BlockId): Promise<Block> {
    const entry = this.entry(id);
    const file = this.layout.weightsFile(id);
    const hash =
      this.verifyReads === 'once'
        ? (signature: string) => !this.verified.matches(id, signature)
        : this.verifyReads === 'always';
    // Descriptor and weights are read at the same time: a read in the background (a unit's blocks prefetched while
    // another unit runs) advances one file operation per turn of this thread, which inference keeps busy.
    const [described, weighed] = await Promise.allSettled([
      this.readDescriptor(id),
      readVerified(file, entry.bytes, {
        limiter: this.disk.pacingFor(id, entry.bytes),
        hash,
        allocate: (bytes) => this.readBuffers.take(bytes),
      }),
    ]);
    if (weighed.status === 'rejected') {
      const error = weighed.reason;
      throw this.integrity(
        id,
        file,
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        error,
      );
    }
    const read = weighed.value;
    if (described.status === 'rejected') {
      this.readBuffers.give(read.bytes);
      throw described.reason;
    }
    const descriptor = described.value;
    if (read.fileBytes !== entry.bytes) {
      this.readBuffers.give(read.bytes);
      throw this.integrity(id, file, `has ${read.fileBytes} bytes, expected ${entry.bytes}`);
    }
    if (read.sha256 !== undefined && read.sha256 !== splitBlockId(id).weightsHash) {
      this.readBuffers.give(read.bytes);
      this.verified.forget(id);
      throw this.integrity(id, file, `has sha256 ${read.sha256}, expected ${splitBlockId(id).weightsHash}`);
    }
    if (read.sha256 !== undefined) this.verified.record(id, read.signature);
    // The buffer is ours alone: tensors view it instead of copying.
    let weights;
    try {
      weights = parseSafetensors(read.bytes, file, { view: true }).tensors;
    } catch (error) {
      this.readBuffers.give(read.bytes);
      throw error;
    }
    return { descriptor, weights };
  }

  releaseBlock(block: Block): void {
    // Every tensor of a block read here views the one buffer its file was read into.
    const first = block.weights.values().next().value;
    if (first) this.readBuffers.give(first.data);
  }

  private async readDescriptor(id: BlockId): Promise<BlockDescriptor> {
    const file = this.layout.descriptorFile(id);
    let descriptor: BlockDescriptor;
    try {
      descriptor = checkBlockRecord(
        parseJson(await readFile(file, 'utf8'), file, 'a block descriptor record'),
        file,
      ).descriptor;
    } catch (error) {
      if (!(error instanceof BadInputError) && typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
      throw this.integrity(
        id,
        file,
        `cannot be read or parsed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        error,
      );
    }
    if (descriptorHash(descriptor) !== splitBlockId(id).descriptorHash)
      throw this.integrity(id, file, 'holds a descriptor whose hash does not match the block id');
    return descriptor;
  }

  private entry(id: BlockId): BlockEntry {
    const entry = this.view.blocks[id];
    if (!entry) throw new InvalidArgumentError(`Block ${id} is not in the store ${this.layout.dir}.`);
    return entry;
  }

  integrity(id: BlockId, file: string, problem: string, cause?: unknown): IntegrityError {
    const models = this.modelsUsing(id);
    const used = models.length ? `used by ${models.length} model(s): ${models.join(', ')}` : 'used by no model';
    return new IntegrityError(
      `Block ${id}: file ${file} ${problem}; ${used}. Delete the file and re-import or regenerate one of ` +
        `those models to restore it.`,
      { cause },
    );
  }

  putModel(input: ModelInput, blocks?: readonly Block[]): Promise<ModelManifest> {
    return this.undoable(`Model '${input.id ?? input.architecture}'`, () => this.writeModel(input, blocks));
  }

  private async writeModel(input: ModelInput, blocks?: readonly Block[]): Promise<ModelManifest> {
    const ids = blocks ? [] : [...(input.blocks ?? [])];
    if (blocks) for (const b of blocks) ids.push(await this.writeBlock(b));
    if (blocks && input.blocks && canonicalJson(input.blocks as Json) !== canonicalJson(ids)) {
      throw new InvalidArgumentError(
        `Model ${input.id ?? input.architecture}: the block ids given do not match the blocks given.`,
      );
    }
    const missing = ids.filter((id) => !this.hasBlock(id));
    if (missing.length)
      throw new InvalidArgumentError(
        `Model ${input.id ?? input.architecture} references ${missing.length} block(s) not in the store: ` +
          `${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}. Pass the blocks to putModel ` +
          `or put them first.`,
      );
    const manifest: ModelManifest = {
      id: checkModelId(input.id ?? contentModelId(input.architecture, ids)),
      architecture: input.architecture,
      blocks: ids,
      featureDim: input.featureDim,
      params: input.params,
      source: input.source,
      metadata: input.metadata ?? {},
    };
    const existing = this.view.models[manifest.id];
    if (existing && canonicalJson(existing as unknown as Json) !== canonicalJson(manifest as unknown as Json)) {
      throw new InvalidArgumentError(
        `Model id '${manifest.id}' already exists in ${this.layout.dir} with other contents; choose another name.`,
      );
    }
    // Adding an indexed model again rewrites its manifest file only when that file is damaged (a repair by re-import).
    if (existing && (await verifyManifests(this.layout, [existing])).length === 0) return existing;
    const file = this.layout.modelFile(manifest.id);
    this.journal.record({
      kind: 'model',
      id: manifest.id,
      files: (await fileSize(file)) === undefined ? [file] : [],
      added: !existing,
    });
    await writeFileAtomic(file, JSON.stringify(manifest, null, 1));
    this.view.models[manifest.id] = manifest;
    this.pending.models[manifest.id] = manifest;
    this.usage = undefined;
    return manifest;
  }

  /**
   * Runs one write and merges it into the index (unless batching). On failure the files it created are removed
   * and its entries leave the view, so the store is as it was; a full disk is reported as such, naming `what`.
   */
  private async undoable<T>(what: string, write: () => Promise<T>): Promise<T> {
    const mark = this.journal.mark();
    try {
      const result = await write();
      await this.flushUnlessBatching();
      return result;
    } catch (error) {
      throw await this.undoAfter(error, mark, `${what} was not added to the store ${this.layout.dir}`);
    }
  }

  /** Undoes the journal after `mark` and returns `error`, reworded when the disk was full. */
  private async undoAfter(error: unknown, mark: number, what: string): Promise<unknown> {
    const removed = await this.undo(mark);
    if (!(error instanceof DiskFullError)) return error;
    return error.retold(what, `The store is as it was: the ${removed} new file(s) this write had made were removed.`);
  }

  /**
   * Removes what the journal recorded after `mark` (unless another writer has indexed it since); returns the files
   * removed.
   */
  private async undo(mark: number): Promise<number> {
    const entries = this.journal.takeSince(mark);
    if (entries.length === 0) return 0;
    const onDisk = await readIndex(this.layout).catch(() => undefined);
    let removed = 0;
    for (const entry of entries) {
      const table = entry.kind === 'block' ? 'blocks' : 'models';
      if (onDisk?.[table][entry.id]) continue;
      for (const file of entry.files) if (await removeFile(file)) removed++;
      if (entry.added) delete this.view[table][entry.id];
      delete this.pending[table][entry.id];
    }
    this.usage = undefined;
    return removed;
  }

  async verifyModels(ids: readonly ModelId[]): Promise<StoreProblem[]> {
    return verifyManifests(
      this.layout,
      ids.map((id) => this.getModel(id)),
    );
  }

  getModel(id: ModelId): ModelManifest {
    const m = this.view.models[id];
    if (!m)
      throw new InvalidArgumentError(
        `Model '${id}' is not in the store ${this.layout.dir}; 'alsatian store list --store ` +
          `${this.layout.dir}' lists the ${Object.keys(this.view.models).length} it has.`,
      );
    return m;
  }

  hasModel(id: ModelId): boolean {
    return id in this.view.models;
  }

  listModels(filter: ModelFilter = {}): ModelManifest[] {
    return Object.values(this.view.models).filter(
      (m) =>
        (filter.architecture === undefined || m.architecture === filter.architecture) &&
        (filter.source === undefined || m.source === filter.source) &&
        Object.entries(filter.metadata ?? {}).every(
          ([k, v]) => k in m.metadata && canonicalJson(m.metadata[k]) === canonicalJson(v),
        ),
    );
  }

  modelsUsing(id: BlockId): ModelId[] {
    if (!this.usage) {
      this.usage = new Map();
      for (const m of Object.values(this.view.models)) {
        for (const b of new Set(m.blocks)) {
          const list = this.usage.get(b) ?? [];
          list.push(m.id);
          this.usage.set(b, list);
        }
      }
    }
    return this.usage.get(id) ?? [];
  }

  readStats(): ReadStats {
    return this.disk.stats();
  }

  stats(): StoreStats {
    const models = Object.values(this.view.models);
    const bytesOf = (id: BlockId) => this.view.blocks[id]?.bytes ?? 0;
    const blocks = Object.values(this.view.blocks);
    return {
      models: models.length,
      distinctModels: new Set(models.map((m) => m.blocks.join(','))).size,
      blocks: models.reduce((s, m) => s + m.blocks.length, 0),
      uniqueBlocks: blocks.length,
      totalBytes: models.reduce((s, m) => s + m.blocks.reduce((t, b) => t + bytesOf(b), 0), 0),
      uniqueBytes: blocks.reduce((s, b) => s + b.bytes, 0),
    };
  }

  async verify(options: { readonly hashes?: boolean } = {}): Promise<VerifyReport> {
    const report = await verifyStore(
      this.layout,
      this.view,
      (id) => this.modelsUsing(id),
      options.hashes ?? true,
      (id, sig) => this.verified.record(id, sig),
    );
    // What matched is on disk when verify returns, so a search started next hashes none of it.
    await this.verified.flush();
    return report;
  }

  /**
   * A failed write inside `fn` is undone alone; what `fn` completed is merged at the end (or undone if that merge
   * fails).
   */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.batchDepth++;
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await fn() };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      this.batchDepth--;
    }
    try {
      await this.flushUnlessBatching();
    } catch (error) {
      throw await this.undoAfter(
        error,
        0,
        `The models and blocks written in this batch were not added to the store ${this.layout.dir}`,
      );
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  private async flushUnlessBatching(): Promise<void> {
    if (this.batchDepth > 0) return;
    if (Object.keys(this.pending.models).length === 0 && Object.keys(this.pending.blocks).length === 0) return;
    const pending = this.pending;
    this.pending = emptyIndex();
    this.view = await mergeIntoIndex(this.layout, pending);
    this.journal.clear();
    this.usage = undefined;
  }

  async refresh(): Promise<void> {
    await this.flushUnlessBatching();
    const view = (await readIndex(this.layout)) ?? emptyIndex();
    Object.assign(view.models, this.pending.models);
    Object.assign(view.blocks, this.pending.blocks);
    this.view = view;
    this.usage = undefined;
  }

  async rebuildIndex(): Promise<void> {
    this.view = await rebuildIndex(this.layout);
    this.usage = undefined;
  }
}
