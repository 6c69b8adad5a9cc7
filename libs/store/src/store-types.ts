/** The store's public contract: options, model input, block info, stats, filters, and the ModelStore interface. */
import type { Block, BlockDescriptor, BlockId, JsonObject, Logger, ModelId, ModelManifest } from '@alsatian/core';
import type { ReadStats } from './disk-model.ts';
import type { StoreProblem, VerifyReport } from './verify.ts';

export interface StoreOptions {
  /**
   * Caps block reads at this many bytes per second (the paper's HDD: 200 MB/s), for reads the modelled page cache
   * does not hold (see disk-model.ts).
   */
  readonly readLimitBytesPerSec?: number;
  /** Size of the modelled page cache in front of the throttled disk (default: unbounded, every re-read is fast). */
  readonly pageCacheBytes?: number;
  /**
   * Hashing of block reads (sizes are always checked): `always` (default) hashes every read; `once` hashes a
   * block's file only if it was never found to match since it was last written: a match is remembered by the
   * file's inode, size and ctime, in this process and (once the ctime is a few seconds old) in the store's
   * verified.json for later processes, so blocks read in every successive-halving iteration or every search are
   * hashed once; `never` trusts the files (`verify()` still hashes everything, and remembers what matched).
   */
  readonly verifyReads?: 'always' | 'once' | 'never';
  /**
   * Keep the signatures of files whose hash matched in the store's verified.json, for later processes (default
   * true). False: this handle remembers them alone, so every new handle hashes each file at its first read.
   */
  readonly keepVerified?: boolean;
  readonly logger?: Logger;
  /** Bytes of idle read buffers kept for reuse by later block reads (see `releaseBlock`); default 1 GiB. */
  readonly readBufferBytes?: number;
  /** Rebuild index.json from the model and block files instead of reading it (to repair a damaged index). */
  readonly rebuildIndex?: boolean;
}

/** What `putModel` takes: a manifest whose id is optional (derived from the blocks when absent). */
export interface ModelInput {
  readonly id?: ModelId;
  readonly architecture: string;
  /** Block ids; may be omitted when the blocks themselves are passed to putModel. */
  readonly blocks?: readonly BlockId[];
  readonly featureDim: number;
  readonly params: number;
  readonly source: string;
  readonly metadata?: JsonObject;
}

export interface StoredBlockInfo {
  readonly id: BlockId;
  readonly bytes: number;
  readonly descriptor: BlockDescriptor;
}

export interface StoreStats {
  readonly models: number;
  /** Models with different block lists (identical copies count once): what a search really has to compute. */
  readonly distinctModels: number;
  /** Block references summed over models. */
  readonly blocks: number;
  readonly uniqueBlocks: number;
  /** Weights bytes summed over models (what storing each model on its own would take). */
  readonly totalBytes: number;
  /** Weights bytes on disk (each block once). */
  readonly uniqueBytes: number;
}

export interface ModelFilter {
  readonly architecture?: string;
  readonly source?: string;
  /** Every key must equal the manifest's metadata value (compared as canonical JSON). */
  readonly metadata?: JsonObject;
}

export interface ModelStore {
  readonly dir: string;
  putBlock(block: Block): Promise<BlockId>;
  getBlock(id: BlockId): Promise<Block>;
  /**
   * Hands back a block returned by `getBlock` once nothing reads its weights any more (they are views into one read
   * buffer): a later read of the same size reuses that memory instead of touching fresh memory. Optional to call;
   * a block never released is simply collected. Using its weights after releasing it reads another block's bytes.
   */
  releaseBlock(block: Block): void;
  hasBlock(id: BlockId): boolean;
  blockInfo(id: BlockId): Promise<StoredBlockInfo>;
  listBlocks(): { id: BlockId; bytes: number; kind: string }[];
  putModel(input: ModelInput, blocks?: readonly Block[]): Promise<ModelManifest>;
  getModel(id: ModelId): ModelManifest;
  hasModel(id: ModelId): boolean;
  listModels(filter?: ModelFilter): ModelManifest[];
  /** Ids of the models whose manifests reference `id`. */
  modelsUsing(id: BlockId): ModelId[];
  stats(): StoreStats;
  /** Block reads so far by where the I/O model says they came from (the slow disk or the page cache). */
  readStats(): ReadStats;
  verify(options?: { readonly hashes?: boolean }): Promise<VerifyReport>;
  /** Checks that each model's manifest file holds the index's copy (what search reads); lists the problems. */
  verifyModels(ids: readonly ModelId[]): Promise<StoreProblem[]>;
  /** Runs `fn` with index writes deferred to one merge at its end (for adding many models). */
  batch<T>(fn: () => Promise<T>): Promise<T>;
  /** Re-reads the index (to see other writers' additions). */
  refresh(): Promise<void>;
  rebuildIndex(): Promise<void>;
}
