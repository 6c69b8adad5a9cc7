/**
 * The content-addressed block store (see layout.ts for the files and store-index.ts for the index and its
 * concurrency rules). A block is written once whatever the number of models using it; adding a model whose
 * blocks exist writes only its manifest. Every read checks the file's size and sha256 against the block id.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import type { Block, BlockDescriptor, BlockId, Json, Logger, ModelId, ModelManifest } from '@alsatian/core';
import { canonicalJson, InvalidArgumentError, IntegrityError, silentLogger, writeFileAtomic } from '@alsatian/core';
import { descriptorHash, encodeWeights, splitBlockId } from './block-id.ts';
import type { StoreLayout } from './layout.ts';
import { checkModelId, STORE_FORMAT, storeLayout } from './layout.ts';
import { contentModelId } from './model-id.ts';
import type { RateLimiter } from './rate-limit.ts';
import { tokenBucket } from './rate-limit.ts';
import { readVerified } from './read-verified.ts';
import { parseSafetensors } from './safetensors.ts';
import type { BlockEntry, IndexData } from './store-index.ts';
import { emptyIndex, mergeIntoIndex, readIndex, rebuildIndex } from './store-index.ts';
import { verifyStore } from './verify.ts';
import type { ModelFilter, ModelInput, ModelStore, StoreOptions, StoreStats, StoredBlockInfo } from './store-types.ts';
import type { VerifyReport } from './verify.ts';

export type { ModelFilter, ModelInput, ModelStore, StoreOptions, StoreStats, StoredBlockInfo } from './store-types.ts';

export async function openStore(dir: string, options: StoreOptions = {}): Promise<ModelStore> {
  const layout = storeLayout(dir);
  await mkdir(dir, { recursive: true });
  await writeMarker(layout);
  const existing = await readIndex(layout);
  const view = existing ?? (await rebuildIndex(layout));
  const limiter = options.readLimitBytesPerSec ? tokenBucket(options.readLimitBytesPerSec) : undefined;
  return new FileStore(layout, view, limiter, options.verifyReads ?? 'always', options.logger ?? silentLogger);
}

async function writeMarker(layout: StoreLayout): Promise<void> {
  try {
    const marker = JSON.parse(await readFile(layout.marker, 'utf8')) as { format: number };
    if (marker.format !== STORE_FORMAT) throw new InvalidArgumentError(`${layout.dir} is a store of format ${marker.format}; this version reads format ${STORE_FORMAT}.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeFileAtomic(layout.marker, JSON.stringify({ format: STORE_FORMAT }));
  }
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

class FileStore implements ModelStore {
  private pending: IndexData = emptyIndex();
  private batchDepth = 0;
  private usage: Map<BlockId, ModelId[]> | undefined;
  /** Signature of each weights file when its hash last matched (for verifyReads 'once'). */
  private readonly verified = new Map<BlockId, string>();

  constructor(
    private readonly layout: StoreLayout,
    private view: IndexData,
    private readonly limiter: RateLimiter | undefined,
    private readonly verifyReads: 'always' | 'once' | 'never',
    private readonly logger: Logger,
  ) {}

  get dir(): string {
    return this.layout.dir;
  }

  async putBlock(block: Block): Promise<BlockId> {
    const id = await this.writeBlock(block);
    await this.flushUnlessBatching();
    return id;
  }

  private async writeBlock(block: Block): Promise<BlockId> {
    const weights = encodeWeights(block);
    const id = descriptorHash(block.descriptor) + weights.sha256;
    // An indexed block is written again only if its file is gone or has the wrong size (a repair by re-import).
    if (this.view.blocks[id] && (await fileSize(this.layout.weightsFile(id))) === weights.bytes) return id;
    // Weights first, descriptor second: a descriptor file present means its weights file is complete.
    await writeFileAtomic(this.layout.weightsFile(id), weights.parts);
    await writeFileAtomic(this.layout.descriptorFile(id), JSON.stringify({ descriptor: block.descriptor, bytes: weights.bytes }));
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
    const descriptor = await this.readDescriptor(id);
    const file = this.layout.weightsFile(id);
    let read;
    try {
      const hash = this.verifyReads === 'once' ? (signature: string) => this.verified.get(id) !== signature : this.verifyReads === 'always';
      read = await readVerified(file, entry.bytes, { limiter: this.limiter, hash });
    } catch (error) {
      throw this.integrity(id, file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, error);
    }
    if (read.fileBytes !== entry.bytes) throw this.integrity(id, file, `has ${read.fileBytes} bytes, expected ${entry.bytes}`);
    if (read.sha256 !== undefined && read.sha256 !== splitBlockId(id).weightsHash) {
      this.verified.delete(id);
      throw this.integrity(id, file, `has sha256 ${read.sha256}, expected ${splitBlockId(id).weightsHash}`);
    }
    if (read.sha256 !== undefined) this.verified.set(id, read.signature);
    // The buffer is ours alone: tensors view it instead of copying.
    const weights = parseSafetensors(read.bytes, file, { view: true }).tensors;
    return { descriptor, weights };
  }

  private async readDescriptor(id: BlockId): Promise<BlockDescriptor> {
    const file = this.layout.descriptorFile(id);
    let descriptor: BlockDescriptor;
    try {
      descriptor = (JSON.parse(await readFile(file, 'utf8')) as { descriptor: BlockDescriptor }).descriptor;
    } catch (error) {
      throw this.integrity(id, file, `cannot be read or parsed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, error);
    }
    if (descriptorHash(descriptor) !== splitBlockId(id).descriptorHash) throw this.integrity(id, file, 'holds a descriptor whose hash does not match the block id');
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
    return new IntegrityError(`Block ${id}: file ${file} ${problem}; ${used}. Delete the file and re-import or regenerate one of those models to restore it.`, { cause });
  }

  async putModel(input: ModelInput, blocks?: readonly Block[]): Promise<ModelManifest> {
    const ids = blocks ? [] : [...(input.blocks ?? [])];
    if (blocks) for (const b of blocks) ids.push(await this.writeBlock(b));
    if (blocks && input.blocks && canonicalJson(input.blocks as Json) !== canonicalJson(ids)) {
      throw new InvalidArgumentError(`Model ${input.id ?? input.architecture}: the block ids given do not match the blocks given.`);
    }
    const missing = ids.filter((id) => !this.hasBlock(id));
    if (missing.length) throw new InvalidArgumentError(`Model ${input.id ?? input.architecture} references ${missing.length} block(s) not in the store: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}. Pass the blocks to putModel or put them first.`);
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
    if (existing) {
      if (canonicalJson(existing as unknown as Json) === canonicalJson(manifest as unknown as Json)) return existing;
      throw new InvalidArgumentError(`Model id '${manifest.id}' already exists in ${this.layout.dir} with other contents; choose another name.`);
    }
    await writeFileAtomic(this.layout.modelFile(manifest.id), JSON.stringify(manifest, null, 1));
    this.view.models[manifest.id] = manifest;
    this.pending.models[manifest.id] = manifest;
    this.usage = undefined;
    await this.flushUnlessBatching();
    return manifest;
  }

  getModel(id: ModelId): ModelManifest {
    const m = this.view.models[id];
    if (!m) throw new InvalidArgumentError(`Model '${id}' is not in the store ${this.layout.dir}; 'alsatian store list --store ${this.layout.dir}' lists the ${Object.keys(this.view.models).length} it has.`);
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
        Object.entries(filter.metadata ?? {}).every(([k, v]) => k in m.metadata && canonicalJson(m.metadata[k]) === canonicalJson(v)),
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

  stats(): StoreStats {
    const models = Object.values(this.view.models);
    const bytesOf = (id: BlockId) => this.view.blocks[id]?.bytes ?? 0;
    const blocks = Object.values(this.view.blocks);
    return {
      models: models.length,
      blocks: models.reduce((s, m) => s + m.blocks.length, 0),
      uniqueBlocks: blocks.length,
      totalBytes: models.reduce((s, m) => s + m.blocks.reduce((t, b) => t + bytesOf(b), 0), 0),
      uniqueBytes: blocks.reduce((s, b) => s + b.bytes, 0),
    };
  }

  verify(options: { readonly hashes?: boolean } = {}): Promise<VerifyReport> {
    return verifyStore(this.layout, this.view, (id) => this.modelsUsing(id), options.hashes ?? true);
  }

  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.batchDepth++;
    try {
      return await fn();
    } finally {
      this.batchDepth--;
      await this.flushUnlessBatching();
    }
  }

  private async flushUnlessBatching(): Promise<void> {
    if (this.batchDepth > 0) return;
    if (Object.keys(this.pending.models).length === 0 && Object.keys(this.pending.blocks).length === 0) return;
    const pending = this.pending;
    this.pending = emptyIndex();
    this.view = await mergeIntoIndex(this.layout, pending);
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
