import { InvalidArgumentError, unknownName } from '@alsatian/core';
import type { ArchitectureDef } from './architecture.ts';

/** Architectures by name; each family file registers its own with `defineArchitecture`. */
const ARCHITECTURES = new Map<string, ArchitectureDef>();

export function defineArchitecture(def: ArchitectureDef): ArchitectureDef {
  if (ARCHITECTURES.has(def.name)) throw new Error(`architecture '${def.name}' is defined twice`);
  ARCHITECTURES.set(def.name, def);
  return def;
}

export function architecture(name: string): ArchitectureDef {
  return ARCHITECTURES.get(name) ?? unknownName('architecture', name, architectureNames({ includeTiny: true }));
}

export function architectureNames(options: { includeTiny?: boolean } = {}): string[] {
  return [...ARCHITECTURES.values()].filter((a) => options.includeTiny || !a.tiny).map((a) => a.name);
}

/**
 * `name` with square image inputs of side `imageSize` instead of its default (224), for experiments at reduced
 * resolution. Convolutional families accept any side (global pooling); ViT derives its token count and position
 * embedding from the input, so it becomes a ViT at that resolution (a different model, with other block ids).
 * Text models have no image input: asking for one is an error.
 */
export function architectureAt(name: string, imageSize?: number): ArchitectureDef {
  const def = architecture(name);
  if (imageSize === undefined) return def;
  const [input] = def.inputs;
  if (def.inputs.length !== 1 || input.dtype !== 'float32' || input.shape.length !== 3) {
    throw new InvalidArgumentError(`Architecture '${name}' takes no image input, so it has no image size to change.`);
  }
  if (!Number.isInteger(imageSize) || imageSize < 16) throw new InvalidArgumentError(`Image size must be an integer >= 16, got ${imageSize} (architecture '${name}').`);
  if (imageSize === input.shape[2]) return def;
  return { ...def, inputs: [{ ...input, shape: [input.shape[0], imageSize, imageSize] }] };
}
