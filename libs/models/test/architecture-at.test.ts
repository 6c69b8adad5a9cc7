import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@alsatian/core';
import { architecture, architectureAt, describeBlocks } from '../src/index.ts';

describe('architectureAt', () => {
  it('changes only the image side; CNN features keep their dimension', () => {
    const def = architectureAt('resnet18', 64);
    expect(def.inputs[0].shape).toEqual([3, 64, 64]);
    expect(def.features).toBe(architecture('resnet18').features);
    const { features } = describeBlocks(def);
    expect(features[0].outputs[0].shape).toEqual([64, 32, 32]);
    expect(features.at(-1)!.outputs[0].shape).toEqual([512]);
  });

  it('gives ViT the token count of the new resolution', () => {
    const { features } = describeBlocks(architectureAt('vit_b_32', 64));
    expect(features[0].outputs[0].shape).toEqual([5, 768]); // 2x2 patches + class token
    expect(features.at(-1)!.outputs[0].shape).toEqual([768]);
  });

  it('returns the default architecture without a size and rejects text models and bad sizes', () => {
    expect(architectureAt('resnet18')).toBe(architecture('resnet18'));
    expect(() => architectureAt('bert_base', 64)).toThrow(InvalidArgumentError);
    expect(() => architectureAt('resnet18', 7)).toThrow(/integer >= 16/);
  });
});
