import { InvalidArgumentError, unknownName } from '@alsatian/core';
import { BERT_BASE, TINY_BERT } from '../families/bert.ts';
import { EFFICIENTNET_V2_L, EFFICIENTNET_V2_S, TINY_EFFICIENTNET } from '../families/efficientnet.ts';
import { MOBILENET_V2, TINY_MOBILENET } from '../families/mobilenet.ts';
import { RESNET101, RESNET152, RESNET18, RESNET34, RESNET50, TINY_RESNET } from '../families/resnet.ts';
import { TINY_VIT, VIT_B_16, VIT_B_32, VIT_L_16, VIT_L_32 } from '../families/vit.ts';
import { lookUp, nameTable } from '../name-table.ts';
import type { ArchitectureDef } from './architecture.ts';

/** Every architecture by name, in the order `architectureNames` lists them. */
export const ARCHITECTURES = nameTable('architecture', [
  VIT_B_16,
  VIT_B_32,
  VIT_L_16,
  VIT_L_32,
  TINY_VIT,
  BERT_BASE,
  TINY_BERT,
  RESNET18,
  RESNET34,
  RESNET50,
  RESNET101,
  RESNET152,
  TINY_RESNET,
  MOBILENET_V2,
  TINY_MOBILENET,
  EFFICIENTNET_V2_S,
  EFFICIENTNET_V2_L,
  TINY_EFFICIENTNET,
]);

export function architecture(name: string): ArchitectureDef {
  return lookUp(ARCHITECTURES, name) ?? unknownName('architecture', name, architectureNames({ includeTiny: true }));
}

export function architectureNames(options: { includeTiny?: boolean } = {}): string[] {
  return Object.values(ARCHITECTURES)
    .filter((a) => options.includeTiny || !a.tiny)
    .map((a) => a.name);
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
  if (!Number.isInteger(imageSize) || imageSize < 16)
    throw new InvalidArgumentError(`Image size must be an integer >= 16, got ${imageSize} (architecture '${name}').`);
  if (imageSize === input.shape[2]) return def;
  return { ...def, inputs: [{ ...input, shape: [input.shape[0], imageSize, imageSize] }] };
}
