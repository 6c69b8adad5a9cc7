import type { Block } from '@alsatian/core';
import { architectureAt, describeBlocks, initBlockAt } from '@alsatian/models';

/**
 * The feature blocks of `name` at input side `imageSize` (undefined: the architecture's own), initialised from
 * `seed` the way buildModel does; buildModel itself only knows the native resolution.
 */
export function blocksAt(name: string, imageSize: number | undefined, seed: number): Block[] {
  const { features } = describeBlocks(architectureAt(name, imageSize));
  return features.map((d, i) => initBlockAt(name, d, seed, i));
}
