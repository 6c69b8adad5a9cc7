/**
 * Turns a framework state dict (full keys as torchvision / transformers name them) into our blocks: block j's
 * weight `w` is the tensor under `sourcePrefix(j) + w`, checked for shape. Importers first rename their source's
 * keys into this namespace; finding the architecture is then a matter of which one's keys and shapes all match.
 */
import type { Block, HostTensor, JsonObject } from '@alsatian/core';
import { BadInputError } from '@alsatian/core';
import type { Family } from '@alsatian/models';
import { architecture, architectureNames, blockKind, describeBlocks } from '@alsatian/models';

export type StateDict = ReadonlyMap<string, HostTensor>;

export interface StateDictMatch {
  readonly architecture: string;
  readonly blocks: Block[];
  /** Keys of the state dict no feature block uses (e.g. a classifier). */
  readonly unused: string[];
}

/**
 * Builds the blocks of `arch` from `dict`, or returns the first problem (a missing key or a shape mismatch).
 * `attrs(kind)` may override hyper-parameters that weights cannot reveal (attention heads, LayerNorm eps).
 */
export function blocksFromStateDict(
  arch: string,
  dict: StateDict,
  attrs: (kind: string) => JsonObject = () => ({}),
): StateDictMatch | string {
  const def = architecture(arch);
  const { features } = describeBlocks(def);
  const used = new Set<string>();
  const blocks: Block[] = [];
  for (let j = 0; j < features.length; j++) {
    const descriptor = { ...features[j], attrs: { ...features[j].attrs, ...attrs(features[j].kind) } };
    const weights = new Map<string, HostTensor>();
    let expected;
    try {
      expected = blockKind(descriptor.kind).weights(descriptor.inputs, descriptor.attrs);
    } catch (error) {
      // Hyper-parameters from a config file (heads, eps) that the block rejects: a reason, like a missing key.
      if (error instanceof RangeError) return `block ${j} (${def.features[j].label}): ${error.message}`;
      throw error;
    }
    for (const w of expected) {
      const key = def.features[j].sourcePrefix + w.name;
      const t = dict.get(key);
      if (!t) return `no tensor '${key}' (block ${j}, ${def.features[j].label})`;
      if (t.shape.length !== w.shape.length || t.shape.some((d, i) => d !== w.shape[i]))
        return `'${key}' has shape [${t.shape.join(', ')}], ${arch} needs [${w.shape.join(', ')}]`;
      weights.set(w.name, t);
      used.add(key);
    }
    blocks.push({ descriptor, weights });
  }
  return { architecture: arch, blocks, unused: [...dict.keys()].filter((k) => !used.has(k)) };
}

/** The first architecture of `family` (full-size first, then tiny) whose blocks the state dict fills exactly. */
export function matchArchitecture(
  family: Family,
  dict: StateDict,
  source: string,
  attrs?: (kind: string) => JsonObject,
  allowUnused: (key: string) => boolean = () => false,
): StateDictMatch {
  const reasons: string[] = [];
  for (const name of architectureNames({ includeTiny: true }).filter((n) => architecture(n).family === family)) {
    const match = blocksFromStateDict(name, dict, attrs);
    if (typeof match === 'string') reasons.push(`${name}: ${match}`);
    else if (match.unused.some((k) => !allowUnused(k)))
      reasons.push(
        `${name}: unused tensors ${match.unused
          .filter((k) => !allowUnused(k))
          .slice(0, 3)
          .join(', ')}`,
      );
    else return match;
  }
  throw new BadInputError(`${source}: the weights match no ${family} architecture we define. ${reasons.join('; ')}.`);
}
