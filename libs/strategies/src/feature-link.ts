/**
 * Joins a search to a feature store. The planner names nodes by its own ids (which include the owner model when
 * sharing is off) and items by position; the store keys by content. A node's store key is
 *   sha256(chain of block ids from the root, the dataset's transform, the execution provider, the output specs)
 * and an item's is its content hash, so the same block prefix over the same item is one entry for every strategy,
 * every model that shares the prefix, every item order and every search. The link answers the planner's "is it
 * stored?" without I/O (it lists each node once), checks every entry a plan will read before the plan runs
 * (keeping what it read for the executor, up to a byte budget), and serves the executor's reads and writes.
 */
import type { BlockId, Dataset, ExecutionProvider, TensorSpec } from '@alsatian/core';
import { canonicalJson, IntegrityError, InvalidArgumentError, sha256Hex, type Json } from '@alsatian/core';
import { CorruptEntry, entryFile, type FeatureStore, type ItemTensor } from '@alsatian/cache';
import type { StoredFeatures } from '@alsatian/executor';
import { buildPrefixTree, pathOf } from '@alsatian/planner';
import type { Split } from '@alsatian/core';
import type { NodeId, PlanModel, PlanStep, StoredOutputs } from '@alsatian/planner';

/** Entries checked while planning are kept for the executor up to this many bytes; the rest are read again. */
const KEEP_CHECKED_BYTES = 256 * 2 ** 20;
const READS_AT_ONCE = 64;

interface NodeInfo {
  readonly key: string;
  readonly outputs: readonly TensorSpec[];
}

export interface FeatureLinkInput {
  readonly store: FeatureStore;
  readonly models: readonly PlanModel[];
  readonly share: boolean;
  /** Per-item output specs of every block of the models. */
  readonly outputs: ReadonlyMap<BlockId, readonly TensorSpec[]>;
  readonly dataset: Dataset;
  readonly ep: ExecutionProvider;
}

export class FeatureLink implements StoredOutputs, StoredFeatures {
  private readonly checked = new Map<string, ItemTensor[]>();
  private checkedBytes = 0;

  private constructor(
    private readonly store: FeatureStore,
    private readonly nodes: ReadonlyMap<NodeId, NodeInfo>,
    private readonly items: Readonly<Record<Split, readonly string[]>>,
  ) {}

  static async create(input: FeatureLinkInput): Promise<FeatureLink> {
    const { dataset } = input;
    const transform = dataset.transformId;
    if (transform === undefined || !dataset.train.contentKeys || !dataset.test.contentKeys) {
      throw new InvalidArgumentError(
        `The dataset ${dataset.id} does not identify its items by content, so a feature store cannot be used ` +
          `with it; ` +
          'search without --feature-store.',
      );
    }
    const items = { train: await dataset.train.contentKeys(), test: await dataset.test.contentKeys() };
    const nodes = new Map<NodeId, NodeInfo>();
    const tree = buildPrefixTree(input.models, { share: input.share });
    for (const model of input.models) {
      let chain = sha256Hex('alsatian-features/v1', transform, input.ep);
      pathOf(tree, model.id).forEach((node, depth) => {
        const block = model.blocks[depth].id;
        chain = sha256Hex(chain, '/', block);
        const outputs = input.outputs.get(block)!;
        const key = sha256Hex(chain, canonicalJson(outputs as unknown as Json));
        if (!nodes.has(node)) nodes.set(node, { key, outputs });
      });
    }
    for (const info of nodes.values()) await input.store.items(info.key);
    return new FeatureLink(input.store, nodes, items);
  }

  has(node: NodeId, split: Split, position: number): boolean {
    const info = this.nodes.get(node);
    return info !== undefined && this.store.has(info.key, this.items[split][position]);
  }

  /**
   * Reads and checks every entry the plan's steps read. A corrupt one is deleted and reported by the store, never
   * used; returns how many were corrupt, and the caller plans again (they are then computed).
   */
  async check(steps: readonly PlanStep[]): Promise<number> {
    let corrupt = 0;
    for (const step of steps) {
      if (step.kind !== 'infer' || !step.rows) continue;
      const info = this.nodes.get(step.unit.output)!;
      const keys = step.rows.read
        .map((i) => this.items[step.split][step.range.start + i])
        .filter((item) => !this.checked.has(`${info.key}/${item}`));
      // In slices, so that a piece of thousands of items does not hold thousands of open files at once.
      for (let s = 0; s < keys.length; s += READS_AT_ONCE) {
        const results = await Promise.all(keys.slice(s, s + READS_AT_ONCE).map((item) => this.load(info, item)));
        corrupt += results.filter((ok) => !ok).length;
      }
    }
    return corrupt;
  }

  async read(node: NodeId, split: Split, position: number): Promise<ItemTensor[]> {
    const info = this.nodes.get(node)!;
    const item = this.items[split][position];
    const kept = this.checked.get(`${info.key}/${item}`);
    if (kept) {
      this.checked.delete(`${info.key}/${item}`);
      this.checkedBytes -= bytesOf(kept);
      return kept;
    }
    try {
      return this.conform(info, item, await this.store.read(info.key, item));
    } catch (error) {
      if (!(error instanceof CorruptEntry)) throw error;
      throw new IntegrityError(
        `${error.message}, after this search had checked it (did another process change or prune ` +
          `${this.store.dir}?). ` +
          'Run the search again; the entry will be recomputed.',
      );
    }
  }

  write(node: NodeId, split: Split, position: number, tensors: readonly ItemTensor[]): Promise<void> {
    return this.store.write(this.nodes.get(node)!.key, this.items[split][position], tensors);
  }

  outputSpecs(node: NodeId): readonly TensorSpec[] {
    return this.nodes.get(node)!.outputs;
  }

  private async load(info: NodeInfo, item: string): Promise<boolean> {
    try {
      const tensors = this.conform(info, item, await this.store.read(info.key, item));
      if (this.checkedBytes + bytesOf(tensors) <= KEEP_CHECKED_BYTES) {
        this.checked.set(`${info.key}/${item}`, tensors);
        this.checkedBytes += bytesOf(tensors);
      }
      return true;
    } catch (error) {
      if (!(error instanceof CorruptEntry)) throw error;
      await this.store.discard(error, info.key, item);
      return false;
    }
  }

  /** An entry whose tensors are not the node's output specs is corrupt too (its header was rewritten). */
  private conform(info: NodeInfo, item: string, tensors: ItemTensor[]): ItemTensor[] {
    const expected = info.outputs;
    const same =
      tensors.length === expected.length &&
      tensors.every((t, i) => t.dtype === expected[i].dtype && t.shape.join() === expected[i].shape.join());
    if (!same) throw new CorruptEntry(entryFile(this.store.dir, info.key, item), 'tensors differ from the outputs');
    return tensors;
  }
}

function bytesOf(tensors: readonly ItemTensor[]): number {
  return tensors.reduce((s, t) => s + t.data.byteLength, 0);
}
