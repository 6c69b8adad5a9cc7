/**
 * Synthetic snapshot sets built the paper's way (M_syn). Model 0 is the base (seeded weights standing in for
 * the ImageNet-pretrained model). Each further model i copies a parent and re-initialises its last k_i
 * retrainable blocks (every block from splitIndexes[k_i] on gets fresh seeded weights):
 *   - `chained` (the paper's M_syn): the parent is a randomly chosen existing model, so shared prefixes form a tree;
 *   - `from-base` (M_train's shape): the parent is always the base.
 * Drawn sets (a distribution, or the reference's own draws with `paperIndices`) are sets of distinct models: a
 * draw of k = 0 (an identical copy) is skipped, as the reference's content-keyed store collapsed such copies and its
 * harness took the first N distinct models. Explicit `retrainIndices` are taken as given: k = 0 there keeps a copy
 * with an id of its own, whose metadata says `duplicateOf`.
 *
 * Only re-initialised blocks get new weights; all others are shared by id, so generating a big architecture costs
 * one full model plus the new blocks. Same seed and options: same block ids, same manifests.
 */
import type { BlockId, JsonObject, ModelManifest, ProgressListener } from '@alsatian/core';
import { InvalidArgumentError, Rng } from '@alsatian/core';
import { architectureAt, blockInfo, describeBlocks, initBlock, initBlockAt } from '@alsatian/models';
import type { ModelStore } from '../store.ts';
import type { DistributionName } from './distributions.ts';
import { checkRetrainIndices, drawRetrainIndices } from './distributions.ts';
import { PAPER_RETRAIN_DRAWS, paperRetrainList } from './paper-retrain-lists.ts';

export type SetStructure = 'chained' | 'from-base';

export interface SnapshotSetSpec {
  readonly architecture: string;
  /** Models in the set, the base included. */
  readonly count: number;
  readonly seed: number;
  readonly distribution?: DistributionName;
  /** Explicit k for models 1..count-1 (overrides the distribution). */
  readonly retrainIndices?: readonly number[];
  /** Use the reference's exact 35-model list for (architecture, distribution). */
  readonly paperIndices?: boolean;
  readonly structure?: SetStructure;
  /**
   * Square input side for image architectures (architectureAt), e.g. 64 for quick experiments; default: the
   * architecture's own (224). The dataset's image size must equal it. Recorded in every manifest's metadata.
   */
  readonly imageSize?: number;
  /** Prefix of the model ids; default `<arch>-<distribution>-<structure>-s<seed>` (+ `-<imageSize>px` if given). */
  readonly name?: string;
}

export interface SnapshotSet {
  readonly name: string;
  readonly models: readonly ModelManifest[];
  /** k of models 1..count-1. */
  readonly retrainIndices: readonly number[];
}

export async function generateSnapshotSet(
  store: ModelStore,
  spec: SnapshotSetSpec,
  progress?: ProgressListener,
): Promise<SnapshotSet> {
  const def = architectureAt(spec.architecture, spec.imageSize);
  if (!Number.isInteger(spec.count) || spec.count < 1)
    throw new InvalidArgumentError(`--count must be a positive integer, got ${spec.count}.`);
  const structure = spec.structure ?? 'chained';
  const retrainIndices = chooseRetrainIndices(spec, def.splitIndexes.length);
  const sizeSuffix = spec.imageSize === undefined ? '' : `-${spec.imageSize}px`;
  const setName =
    spec.name ??
    `${spec.architecture}-${spec.retrainIndices ? 'custom' : spec.distribution}-${structure}-s${spec.seed}` +
      `${sizeSuffix}`;
  const { features } = describeBlocks(def);
  // Counted from the descriptors at this image size: a ViT's position embedding grows with its token count.
  const featureParams = features.reduce((sum, d, j) => sum + blockInfo(d, j, def.features[j].label).params, 0);
  const task = `generate ${setName}`;
  const parentRng = Rng.derive(spec.seed, 'snapshot-parents', spec.architecture);
  const models: ModelManifest[] = [];
  const blockLists: BlockId[][] = [];

  await store.batch(async () => {
    const base: BlockId[] = [];
    for (let j = 0; j < features.length; j++) {
      base.push(await store.putBlock(initBlockAt(spec.architecture, features[j], spec.seed, j)));
      progress?.({ task, done: 0, total: spec.count, detail: `base block ${j + 1}/${features.length}` });
    }
    const put = async (i: number, blocks: BlockId[], metadata: JsonObject) => {
      const manifest = await store.putModel({
        id: `${setName}-${String(i).padStart(3, '0')}`,
        architecture: spec.architecture,
        blocks,
        featureDim: def.featureDim,
        params: featureParams,
        source: 'synthetic',
        metadata: {
          generator: 'synthetic',
          set: setName,
          index: i,
          seed: spec.seed,
          structure,
          distribution: spec.distribution ?? null,
          imageSize: spec.imageSize ?? null,
          ...metadata,
        },
      });
      models.push(manifest);
      blockLists.push(blocks);
      progress?.({ task, done: i + 1, total: spec.count, detail: manifest.id });
    };
    await put(0, base, { parent: null, retrainIndex: null });
    for (let i = 1; i < spec.count; i++) {
      const parent = structure === 'from-base' ? 0 : parentRng.int(models.length);
      const k = retrainIndices[i - 1];
      const first = def.splitIndexes[k];
      const blocks = blockLists[parent].slice(0, first);
      for (let j = first; j < features.length; j++)
        blocks.push(
          await store.putBlock(
            initBlock(features[j], Rng.derive(spec.seed, 'snapshot', spec.architecture, setName, i, j)),
          ),
        );
      const metadata: JsonObject = { parent: models[parent].id, retrainIndex: k, firstRetrainedBlock: first };
      if (first === features.length) metadata.duplicateOf = models[parent].id;
      await put(i, blocks, metadata);
    }
  });
  return { name: setName, models, retrainIndices };
}

function chooseRetrainIndices(spec: SnapshotSetSpec, blocks: number): number[] {
  const n = spec.count - 1;
  if (spec.retrainIndices) {
    if (spec.retrainIndices.length !== n)
      throw new InvalidArgumentError(
        `--retrain-indices has ${spec.retrainIndices.length} values; ${spec.count} models need ${n} (one per ` +
          `model after the base).`,
      );
    return checkRetrainIndices(spec.retrainIndices, blocks, spec.architecture);
  }
  if (!spec.distribution)
    throw new InvalidArgumentError('Give a distribution (top-layers, top-25, top-50) or explicit retrain indices.');
  if (spec.paperIndices) {
    const list = paperRetrainList(spec.architecture, spec.distribution, spec.count);
    if (!list)
      throw new InvalidArgumentError(
        `The reference has no set of ${spec.count} distinct ${spec.architecture} ${spec.distribution} models ` +
          `(its draws exist for ${Object.keys(PAPER_RETRAIN_DRAWS).join(', ')}, each distribution, up to 35 or ` +
          `more models).`,
      );
    return checkRetrainIndices(list, blocks, spec.architecture);
  }
  return drawRetrainIndices(spec.distribution, blocks, n, spec.seed);
}
