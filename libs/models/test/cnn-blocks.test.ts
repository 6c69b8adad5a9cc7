import { describe, expect, it } from 'vitest';
import type { TensorSpec } from '@alsatian/core';
import { Rng } from '@alsatian/core';
import { architecture, blockDescriptor, blockKind, describeBlocks, initBlock } from '../src/index.ts';

const maxAbs = (t: Float32Array) => t.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const input = (shape: number[]): TensorSpec[] => [{ name: 'x', dtype: 'float32', shape }];
const names = (kind: string, shape: number[], attrs: Record<string, number>) =>
  blockKind(kind)
    .weights(input(shape), attrs)
    .map((w) => w.name);
const bn = (p: string) => [`${p}weight`, `${p}bias`, `${p}running_mean`, `${p}running_var`];

describe('CNN block kinds name their weights as torchvision does', () => {
  it('basic_block gets a downsample branch only when stride or width change', () => {
    const plain = ['conv1.weight', ...bn('bn1.'), 'conv2.weight', ...bn('bn2.')];
    expect(names('basic_block', [64, 56, 56], { in: 64, planes: 64, stride: 1 })).toEqual(plain);
    expect(names('basic_block', [64, 56, 56], { in: 64, planes: 128, stride: 2 })).toEqual([
      ...plain,
      'downsample.0.weight',
      ...bn('downsample.1.'),
    ]);
  });

  it('bottleneck expands 4x and downsamples the first block of layer1 (64 -> 256 at stride 1)', () => {
    const b = blockKind('bottleneck');
    const attrs = { in: 64, planes: 64, stride: 1 };
    expect(b.outputs(input([64, 56, 56]), attrs)[0].shape).toEqual([256, 56, 56]);
    expect(names('bottleneck', [64, 56, 56], attrs)).toContain('downsample.0.weight');
    expect(names('bottleneck', [256, 56, 56], { in: 256, planes: 64, stride: 1 })).not.toContain('downsample.0.weight');
    expect(b.outputs(input([256, 56, 56]), { in: 256, planes: 128, stride: 2 })[0].shape).toEqual([512, 28, 28]);
  });

  it('inverted_residual shifts its indices when it does not expand (t = 1)', () => {
    expect(names('inverted_residual', [32, 112, 112], { in: 32, out: 16, stride: 1, expand: 1 })).toEqual([
      'conv.0.0.weight',
      ...bn('conv.0.1.'),
      'conv.1.weight',
      ...bn('conv.2.'),
    ]);
    expect(names('inverted_residual', [16, 112, 112], { in: 16, out: 24, stride: 2, expand: 6 })).toEqual([
      'conv.0.0.weight',
      ...bn('conv.0.1.'),
      'conv.1.0.weight',
      ...bn('conv.1.1.'),
      'conv.2.weight',
      ...bn('conv.3.'),
    ]);
  });

  it('mbconv holds a squeeze-excitation of in/4 channels between depthwise conv and projection', () => {
    const ws = blockKind('mbconv').weights(input([64, 28, 28]), { in: 64, out: 128, stride: 2, expand: 4, kernel: 3 });
    expect(ws.map((w) => w.name)).toEqual([
      'block.0.0.weight',
      ...bn('block.0.1.'),
      'block.1.0.weight',
      ...bn('block.1.1.'),
      'block.2.fc1.weight',
      'block.2.fc1.bias',
      'block.2.fc2.weight',
      'block.2.fc2.bias',
      'block.3.0.weight',
      ...bn('block.3.1.'),
    ]);
    const shape = (n: string) => ws.find((w) => w.name === n)?.shape;
    expect(shape('block.1.0.weight')).toEqual([256, 1, 3, 3]);
    expect(shape('block.2.fc1.weight')).toEqual([16, 256, 1, 1]);
  });

  it('fused_mbconv is a single conv without expansion and conv + projection with it', () => {
    expect(names('fused_mbconv', [24, 112, 112], { in: 24, out: 24, stride: 1, expand: 1, kernel: 3 })).toEqual([
      'block.0.0.weight',
      ...bn('block.0.1.'),
    ]);
    const fused = blockKind('fused_mbconv');
    const attrs = { in: 24, out: 48, stride: 2, expand: 4, kernel: 3 };
    expect(names('fused_mbconv', [24, 112, 112], attrs)).toEqual([
      'block.0.0.weight',
      ...bn('block.0.1.'),
      'block.1.0.weight',
      ...bn('block.1.1.'),
    ]);
    expect(fused.outputs(input([24, 112, 112]), attrs)[0].shape).toEqual([48, 56, 56]);
  });
});

describe('CNN block kinds: bad input', () => {
  it.each([
    ['basic_block', { in: 32, planes: 64, stride: 1 }],
    ['bottleneck', { in: 32, planes: 64, stride: 1 }],
    ['inverted_residual', { in: 32, out: 16, stride: 1, expand: 1 }],
    ['mbconv', { in: 32, out: 64, stride: 1, expand: 4, kernel: 3 }],
    ['fused_mbconv', { in: 32, out: 64, stride: 1, expand: 4, kernel: 3 }],
  ])('%s rejects an input whose channels differ from its `in` attribute', (kind, attrs) => {
    expect(() => blockDescriptor({ kind, attrs, sourcePrefix: '', label: kind }, input([16, 8, 8]))).toThrow(
      /in=32 but the input has 16 channels/,
    );
    expect(() => blockDescriptor({ kind, attrs, sourcePrefix: '', label: kind }, input([32, 8]))).toThrow(RangeError);
  });
});

describe('CNN initialisation follows torchvision', () => {
  it('convs are kaiming-normal fan-out, batch norms identity, resnet fc torch default', () => {
    const { features, head } = describeBlocks(architecture('resnet18'));
    const block = initBlock(features[10], Rng.derive(7, 'cnn-init')); // layer4.1: 512 -> 512
    const w = block.weights.get('conv2.weight')!.data as Float32Array;
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    expect(std / Math.sqrt(2 / (512 * 9))).toBeCloseTo(1, 2);
    expect(Math.abs(mean)).toBeLessThan(1e-4);
    expect([...(block.weights.get('bn2.weight')!.data as Float32Array)].every((v) => v === 1)).toBe(true);
    expect([...(block.weights.get('bn2.running_mean')!.data as Float32Array)].every((v) => v === 0)).toBe(true);
    expect([...(block.weights.get('bn2.running_var')!.data as Float32Array)].every((v) => v === 1)).toBe(true);
    const fc = initBlock(head, Rng.derive(7, 'fc')).weights.get('weight')!.data as Float32Array;
    const bound = 1 / Math.sqrt(512);
    expect(maxAbs(fc)).toBeLessThanOrEqual(bound);
    expect(maxAbs(fc)).toBeGreaterThan(0.99 * bound);
  });

  it('mbconv squeeze-excitation biases are zero and the efficientnet head is U(+-1/sqrt(1000))', () => {
    const { features, head } = describeBlocks(architecture('efficientnet_v2_s'));
    const mb = initBlock(features[13], Rng.derive(1, 'mb'));
    expect([...(mb.weights.get('block.2.fc1.bias')!.data as Float32Array)].every((v) => v === 0)).toBe(true);
    const w = initBlock(head, Rng.derive(1, 'head')).weights.get('weight')!.data as Float32Array;
    expect(maxAbs(w)).toBeLessThanOrEqual(1 / Math.sqrt(1000));
    expect(maxAbs(w)).toBeGreaterThan(0.99 / Math.sqrt(1000));
  });
});
