import { describe, expect, it } from 'vitest';
import { architecture, architectureNames, describeArchitecture, describeBlocks } from '../src/index.ts';

// torchvision's own `num_params` for each model (parameters only, 1000-class head included).
const TORCHVISION_PARAMS: Record<string, number> = {
  resnet18: 11_689_512,
  resnet34: 21_797_672,
  resnet50: 25_557_032,
  resnet101: 44_549_160,
  resnet152: 60_192_808,
  mobilenet_v2: 3_504_872,
  efficientnet_v2_s: 21_458_488,
  efficientnet_v2_l: 118_515_272,
};

// The reference's features-only cut (= number of feature blocks) and feature dimension per architecture.
const CUT_AND_DIM: Record<string, [number, number]> = {
  resnet18: [14, 512],
  resnet34: [22, 512],
  resnet50: [22, 2048],
  resnet101: [39, 2048],
  resnet152: [56, 2048],
  mobilenet_v2: [25, 1280],
  efficientnet_v2_s: [48, 1280],
  efficientnet_v2_l: [87, 1280],
};

const CNNS = Object.keys(TORCHVISION_PARAMS);
const TINY = ['tiny_resnet', 'tiny_mobilenet', 'tiny_efficientnet'];

const range = (from: number, downTo: number) => Array.from({ length: from - downTo + 1 }, (_, i) => from - i);

describe('CNN architectures match torchvision and the reference', () => {
  it.each(CNNS)('%s has torchvision parameter count', (name) => {
    expect(describeArchitecture(name).params).toBe(TORCHVISION_PARAMS[name]);
  });

  it.each(CNNS)('%s has the reference block count and feature dim', (name) => {
    const [cut, dim] = CUT_AND_DIM[name];
    const info = describeArchitecture(name);
    expect(info.blocks).toHaveLength(cut);
    expect(info.featureDim).toBe(dim);
    expect(info.blocks.at(-1)?.outputShape).toEqual([[dim]]);
    expect(info.head.outputShape).toEqual([[1000]]);
    expect(architecture(name).splitIndexes[0]).toBe(cut);
  });

  it('has the reference SPLIT_INDEXES, 18 missing for resnet34/50', () => {
    expect(architecture('resnet18').splitIndexes).toEqual([14, ...range(11, 4)]);
    const odd = [22, 19, ...range(17, 4)];
    expect(architecture('resnet34').splitIndexes).toEqual(odd);
    expect(architecture('resnet50').splitIndexes).toEqual(odd);
    expect(architecture('resnet101').splitIndexes).toEqual([39, ...range(36, 4)]);
    expect(architecture('resnet152').splitIndexes).toEqual([56, ...range(53, 4)]);
    expect(architecture('mobilenet_v2').splitIndexes).toEqual([25, ...range(20, 3)]);
    expect(architecture('efficientnet_v2_s').splitIndexes).toEqual([48, ...range(43, 3)]);
    expect(architecture('efficientnet_v2_l').splitIndexes).toEqual([87, ...range(82, 3)]);
    expect(architecture('resnet152').splitIndexes).toHaveLength(51);
    expect(architecture('efficientnet_v2_l').splitIndexes).toHaveLength(81);
  });

  it.each([...CNNS, ...TINY])('%s chains shapes block to block and splits inside its blocks', (name) => {
    const def = architecture(name);
    const { features, head } = describeBlocks(def);
    expect(features[0].inputs).toEqual(def.inputs);
    for (let i = 1; i < features.length; i++) expect(features[i].inputs).toEqual(features[i - 1].outputs);
    expect(head.inputs).toEqual(features.at(-1)?.outputs);
    const splits = def.splitIndexes;
    expect(splits.every((s, k) => s > 0 && s <= features.length && (k === 0 || s < splits[k - 1]))).toBe(true);
  });

  it('lists tiny variants only on request', () => {
    expect(architectureNames()).toEqual(expect.arrayContaining(CNNS));
    expect(architectureNames()).not.toEqual(expect.arrayContaining(['tiny_resnet']));
    expect(architectureNames({ includeTiny: true })).toEqual(expect.arrayContaining(TINY));
    for (const name of TINY) expect(architecture(name).tiny).toBe(true);
  });
});

describe('CNN block boundaries, sizes and FLOPs', () => {
  it('resnet18 output floats per item follow layer_output_infos (which keys equal layers once)', () => {
    const floats = describeArchitecture('resnet18').blocks.map((b) => b.bytesPerItem / 4);
    // conv, bn, relu; maxpool + layer1 x2; layer2; layer3; layer4; pool; flatten
    expect(floats).toEqual([
      802816, 802816, 802816, 200704, 200704, 200704, 100352, 100352, 50176, 50176, 25088, 25088, 512, 512,
    ]);
  });

  it('largest block outputs match the reference: resnet152 802,816 floats, efficientnet_v2_l 401,408', () => {
    const max = (name: string) => Math.max(...describeArchitecture(name).blocks.map((b) => b.bytesPerItem / 4));
    expect(max('resnet152')).toBe(802816);
    expect(max('efficientnet_v2_l')).toBe(401408);
  });

  it('resnet152 per-block params follow the paper figure (9.4 k stem, 6.05 M first layer4 block)', () => {
    const blocks = describeArchitecture('resnet152').blocks;
    expect(blocks[0].params).toBe(9408);
    expect(blocks[4 + 3 + 8 + 36].params).toBe(6_039_552);
    expect(blocks[4 + 3 + 8 + 36 + 1].params).toBe(4_462_592);
  });

  it('FLOPs per item are in the published ranges (GMACs x 2 at 224x224)', () => {
    const gflops = (name: string) => describeArchitecture(name).blocks.reduce((s, b) => s + b.flops, 0) / 1e9;
    // torchvision: resnet18 1.81, resnet50 4.09, mobilenet_v2 0.30 GMACs; convs dominate, BN/ReLU add ~1-3%
    expect(gflops('resnet18')).toBeGreaterThan(3.6);
    expect(gflops('resnet18')).toBeLessThan(3.75);
    expect(gflops('resnet50')).toBeGreaterThan(8.1);
    expect(gflops('resnet50')).toBeLessThan(8.5);
    expect(gflops('mobilenet_v2')).toBeGreaterThan(0.59);
    expect(gflops('mobilenet_v2')).toBeLessThan(0.66);
    // torchvision efficientnet_v2_s: 8.37 GFLOPS (GMACs) at 384x384, i.e. ~2.85 at 224x224
    expect(gflops('efficientnet_v2_s') / 2).toBeGreaterThan(2.75);
    expect(gflops('efficientnet_v2_s') / 2).toBeLessThan(3.0);
  });

  it('source prefixes are torchvision state-dict prefixes', () => {
    const prefixes = (name: string) => architecture(name).features.map((b) => b.sourcePrefix);
    expect(prefixes('resnet18').slice(0, 6)).toEqual(['conv1.', 'bn1.', '', '', 'layer1.0.', 'layer1.1.']);
    expect(prefixes('resnet152')[53]).toBe('layer4.2.');
    expect(prefixes('mobilenet_v2').slice(0, 4)).toEqual(['features.0.0.', 'features.0.1.', '', 'features.1.']);
    expect(prefixes('mobilenet_v2').slice(19, 22)).toEqual(['features.17.', 'features.18.0.', 'features.18.1.']);
    expect(prefixes('efficientnet_v2_s').slice(3, 6)).toEqual(['features.1.0.', 'features.1.1.', 'features.2.0.']);
    expect(prefixes('efficientnet_v2_s').slice(42, 45)).toEqual(['features.6.14.', 'features.7.0.', 'features.7.1.']);
    expect(prefixes('efficientnet_v2_l')[82]).toBe('features.8.0.');
    expect(architecture('resnet50').head.sourcePrefix).toBe('fc.');
    expect(architecture('efficientnet_v2_l').head.sourcePrefix).toBe('classifier.1.');
  });
});
