/**
 * Stand-ins for the paper's Hugging Face model families (Figs 13-15): a base plus fine-tuned children whose
 * overlap with the base follows the counts the reference's crawl reported (experiments catalogue 3.4). Weights
 * are seeded, not real; what matters for search cost is which blocks each child shares with the base.
 * `count` scales a family down (largest-remainder rounding keeps the proportions of the groups).
 */
import type { JsonObject, ModelManifest, ProgressListener } from '@alsatian/core';
import { InvalidArgumentError, Rng, unknownName } from '@alsatian/core';
import { architecture, describeArchitecture, describeBlocks, initBlock, initBlockAt } from '@alsatian/models';
import type { ModelStore } from '../store.ts';

/** How much of the base a child keeps: everything, the stem and first stage, all but the last k, or nothing. */
export type Overlap =
  | { readonly keep: 'all' }
  | { readonly keep: 'first-stage' }
  | { readonly keep: 'all-but-last'; readonly k: number }
  | { readonly keep: 'none' };

export interface FamilyGroup {
  readonly label: string;
  /** Children in the reference's crawl. */
  readonly models: number;
  readonly overlap: Overlap;
}

export interface HfFamily {
  readonly name: string;
  readonly hfBase: string;
  readonly architecture: string;
  readonly note: string;
  readonly groups: readonly FamilyGroup[];
}

export const HF_FAMILIES: readonly HfFamily[] = [
  {
    name: 'detr-resnet-50',
    hfBase: 'facebook/detr-resnet-50',
    architecture: 'resnet50',
    note: 'ResNet-50 backbone of DETR',
    groups: [
      { label: 'first stage frozen', models: 353, overlap: { keep: 'first-stage' } },
      { label: 'last layers only', models: 13, overlap: { keep: 'all-but-last', k: 2 } },
      { label: 'fully fine-tuned', models: 54, overlap: { keep: 'none' } },
    ],
  },
  {
    name: 'conditional-detr-resnet-50',
    hfBase: 'microsoft/conditional-detr-resnet-50',
    architecture: 'resnet50',
    note: 'ResNet-50 backbone',
    groups: [
      { label: 'first stage frozen', models: 42, overlap: { keep: 'first-stage' } },
      { label: 'fully fine-tuned', models: 5, overlap: { keep: 'none' } },
    ],
  },
  {
    name: 'vit-base-patch16-224-in21k',
    hfBase: 'google/vit-base-patch16-224-in21k',
    architecture: 'vit_b_16',
    note: 'ViT-B/16',
    groups: [
      { label: 'last 2 layers only', models: 37, overlap: { keep: 'all-but-last', k: 2 } },
      { label: 'fully fine-tuned', models: 1431, overlap: { keep: 'none' } },
    ],
  },
  {
    name: 'dinov2-large',
    hfBase: 'facebook/dinov2-large',
    architecture: 'vit_l_16',
    note: 'stand-in: vit_l_16 for DINOv2-L (ViT-L/14), which we do not define',
    groups: [
      { label: 'fully frozen', models: 6, overlap: { keep: 'all' } },
      { label: 'fully fine-tuned', models: 4, overlap: { keep: 'none' } },
    ],
  },
  {
    name: 'resnet-18',
    hfBase: 'microsoft/resnet-18',
    architecture: 'resnet18',
    note: 'BN-only children change every block that holds a BatchNorm, so they share no parameterised block',
    groups: [
      { label: 'last layer only', models: 2, overlap: { keep: 'all-but-last', k: 1 } },
      { label: 'batch norm only', models: 4, overlap: { keep: 'none' } },
      { label: 'fully fine-tuned', models: 16, overlap: { keep: 'none' } },
    ],
  },
];

export function hfFamily(name: string): HfFamily {
  return (
    HF_FAMILIES.find((f) => f.name === name) ??
    unknownName(
      'Hugging Face family',
      name,
      HF_FAMILIES.map((f) => f.name),
    )
  );
}

/** Children per group for `children` in total, proportional to the reference (largest remainder). */
export function scaleGroups(family: HfFamily, children: number): number[] {
  const total = family.groups.reduce((s, g) => s + g.models, 0);
  const exact = family.groups.map((g) => (g.models * children) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let r = children - counts.reduce((s, c) => s + c, 0), j = 0; r > 0; r--, j++) counts[order[j][1]]++;
  return counts;
}

export interface HfFamilyOptions {
  readonly family: string;
  readonly seed: number;
  /** Models including the base; default: the reference's family size. */
  readonly count?: number;
  /** Another architecture with the family's overlap pattern (e.g. tiny_resnet at quick scale). */
  readonly architecture?: string;
}

/**
 * Generates the base and `count - 1` children of `family` (default: the reference's full size). Children are
 * shuffled (seeded) so any prefix of the set mixes the groups.
 */
export async function generateHfFamily(
  store: ModelStore,
  options: HfFamilyOptions,
  progress?: ProgressListener,
): Promise<ModelManifest[]> {
  const family = hfFamily(options.family);
  const arch = options.architecture ?? family.architecture;
  const def = architecture(arch);
  const { features } = describeBlocks(def);
  const info = describeArchitecture(arch);
  const count = options.count ?? 1 + family.groups.reduce((s, g) => s + g.models, 0);
  if (!Number.isInteger(count) || count < 1)
    throw new InvalidArgumentError(`--count must be a positive integer, got ${count}.`);
  const plan = scaleGroups(family, count - 1).flatMap((n, g) => Array.from({ length: n }, () => family.groups[g]));
  Rng.derive(options.seed, 'hf-family-order', family.name).shuffle(plan);
  const prefix = `${family.name}${arch === family.architecture ? '' : `-${arch}`}-s${options.seed}`;
  const models: ModelManifest[] = [];
  await store.batch(async () => {
    const base = [];
    for (let j = 0; j < features.length; j++)
      base.push(await store.putBlock(initBlockAt(arch, features[j], options.seed, j)));
    for (let i = 0; i < count; i++) {
      const group = i === 0 ? undefined : plan[i - 1];
      const kept = group
        ? keptBlocks(
            group.overlap,
            def.features.map((f) => f.sourcePrefix),
            def.splitIndexes,
            arch,
          )
        : features.length;
      const blocks = base.slice(0, kept);
      for (let j = kept; j < features.length; j++)
        blocks.push(
          await store.putBlock(initBlock(features[j], Rng.derive(options.seed, 'hf-family', family.name, i, j))),
        );
      const metadata: JsonObject = {
        generator: 'hf-like',
        family: family.name,
        hfBase: family.hfBase,
        index: i,
        seed: options.seed,
        group: group?.label ?? 'base',
        sharedPrefixBlocks: kept,
      };
      if (i > 0) metadata.parent = models[0].id;
      const id = `${prefix}-${String(i).padStart(4, '0')}`;
      models.push(
        await store.putModel({
          id,
          architecture: arch,
          blocks,
          featureDim: info.featureDim,
          params: info.featureParams,
          source: 'synthetic-hf',
          metadata,
        }),
      );
      progress?.({ task: `generate ${family.name}`, done: i + 1, total: count, detail: id });
    }
  });
  return models;
}

/** Number of leading feature blocks a child shares with the base. */
function keptBlocks(
  overlap: Overlap,
  sourcePrefixes: readonly string[],
  splitIndexes: readonly number[],
  arch: string,
): number {
  switch (overlap.keep) {
    case 'all':
      return sourcePrefixes.length;
    case 'none':
      return 0;
    case 'all-but-last':
      return splitIndexes[overlap.k];
    case 'first-stage': {
      const second = sourcePrefixes.findIndex((p) => p.startsWith('layer2.'));
      if (second < 0)
        throw new InvalidArgumentError(
          `Architecture ${arch} has no second stage ('layer2.' blocks) to freeze the first stage before.`,
        );
      return second;
    }
  }
}
