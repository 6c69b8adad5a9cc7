import type { BlockDescriptor } from '@alsatian/core';
import { blockInfo, describeBlocks } from '@alsatian/models';
import type { ArchitectureDef } from '@alsatian/models';

/**
 * One point of Fig 12: the modules between two consecutive retrain split points (the paper's "block": a ResNet
 * bottleneck, a ViT encoder layer; the stem and the tail form one point each, as in the reference, whose
 * per-block numbers are differences of prefix models cut at the sorted SPLIT_INDEXES).
 */
export interface BlockGroup {
  /** 0-based position along x. */
  readonly index: number;
  /** Module indices [start, end) of the feature extractor. */
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly params: number;
  readonly outputBytesPerItem: number;
  readonly descriptors: readonly BlockDescriptor[];
}

/** Splits the feature blocks of `def` at its sorted split indexes. */
export function blockGroups(def: ArchitectureDef): BlockGroup[] {
  const { features } = describeBlocks(def);
  const cuts = [...new Set(def.splitIndexes)].filter((s) => s > 0 && s <= features.length).sort((a, b) => a - b);
  if (cuts[cuts.length - 1] !== features.length) cuts.push(features.length);
  const groups: BlockGroup[] = [];
  let start = 0;
  for (const end of cuts) {
    if (end <= start) continue;
    const infos = features.slice(start, end).map((d, i) => blockInfo(d, start + i, def.features[start + i].label));
    // Name a point by its parameter-heaviest module (a stem reads 'conv1', a tail 'layer4.2 ...').
    const named = infos.reduce((a, b) => (b.params > a.params ? b : a));
    groups.push({
      index: groups.length,
      start,
      end,
      label: named.label,
      params: infos.reduce((s, b) => s + b.params, 0),
      outputBytesPerItem: infos[infos.length - 1].bytesPerItem,
      descriptors: features.slice(start, end),
    });
    start = end;
  }
  return groups;
}
