/**
 * Single-layer block kinds (the reference's stems and tails are sequences of single layers: conv, bn, relu,
 * maxpool, pool, flatten, dropout, linear). Weight local names are torchvision's (`weight`, `bias`,
 * `running_mean`, ...), so a block's source key is its sourcePrefix + local name.
 */
import type { JsonObject } from '@alsatian/core';
import { numel } from '@alsatian/core';
import { defineBlockKind } from './kind.ts';
import type { BlockKind, InitRule, WeightSpec } from './kind.ts';
import { batchNorm, conv, linear, relu, relu6, silu } from './ops.ts';
import { convOut, single, spec } from './shapes.ts';
import { kaimingNormalFanOut, torchDefaultUniform } from '../init.ts';

type ConvA = {
  out: number;
  kernel: number;
  stride: number;
  padding: number;
  groups?: number;
  bias?: boolean;
} & JsonObject;

export const Conv2d = defineBlockKind<ConvA>({
  name: 'conv2d',
  outputs(inputs, a) {
    const [, h, w] = single(inputs, 3, 'conv2d').shape;
    return [spec([a.out, convOut(h, a.kernel, a.stride, a.padding), convOut(w, a.kernel, a.stride, a.padding)])];
  },
  weights(inputs, a) {
    const shape = [a.out, single(inputs, 3, 'conv2d').shape[0] / (a.groups ?? 1), a.kernel, a.kernel];
    const ws: WeightSpec[] = [{ name: 'weight', shape, role: 'parameter', init: kaimingNormalFanOut(shape) }];
    if (a.bias) ws.push({ name: 'bias', shape: [a.out], role: 'parameter', init: { kind: 'zeros' } });
    return ws;
  },
  flops(inputs, a): number {
    const [c, h, w] = single(inputs, 3, 'conv2d').shape;
    const outItems = a.out * convOut(h, a.kernel, a.stride, a.padding) * convOut(w, a.kernel, a.stride, a.padding);
    return 2 * outItems * (c / (a.groups ?? 1)) * a.kernel * a.kernel;
  },
  lower: (g, [x], a, w) => [conv(g, x, w, '', a)],
});

type EpsA = { eps?: number } & JsonObject;

export function batchNormWeights(channels: number, prefix = '') {
  return [
    { name: `${prefix}weight`, shape: [channels], role: 'parameter' as const, init: { kind: 'ones' } as InitRule },
    { name: `${prefix}bias`, shape: [channels], role: 'parameter' as const, init: { kind: 'zeros' } as InitRule },
    { name: `${prefix}running_mean`, shape: [channels], role: 'buffer' as const, init: { kind: 'zeros' } as InitRule },
    { name: `${prefix}running_var`, shape: [channels], role: 'buffer' as const, init: { kind: 'ones' } as InitRule },
  ];
}

export const BatchNorm2d = defineBlockKind<EpsA>({
  name: 'batchnorm2d',
  outputs: (inputs) => [spec(single(inputs, 3, 'batchnorm2d').shape)],
  weights: (inputs) => batchNormWeights(single(inputs, 3, 'batchnorm2d').shape[0]),
  flops: (inputs) => 2 * numel(single(inputs, 3, 'batchnorm2d').shape),
  lower: (g, [x], a, w) => [batchNorm(g, x, w, '', a.eps ?? 1e-5)],
  // ONNX Runtime folds a batch norm into the convolution before it.
  joinsPrevious: () => true,
});

/** A parameter-free element-wise activation of any rank. */
function activation(
  name: string,
  lowerOne: (g: Parameters<BlockKind['lower']>[0], x: string) => string,
  flopsPerElement: number,
): BlockKind {
  return defineBlockKind({
    name,
    outputs: (inputs) => inputs.map((s) => spec(s.shape, s.name)),
    weights: () => [],
    flops: (inputs) => flopsPerElement * numel(inputs[0].shape),
    lower: (g, [x]) => [lowerOne(g, x)],
    // ONNX Runtime fuses activations into the convolution (or normalisation) before them.
    joinsPrevious: () => true,
  });
}

export const ReLU = activation('relu', relu, 1);
export const ReLU6 = activation('relu6', relu6, 2);
export const SiLU = activation('silu', silu, 4);

/** Dropout is the identity at inference; kept as a block so block indices match the reference. */
export const Dropout = defineBlockKind<{ p: number } & JsonObject>({
  name: 'dropout',
  outputs: (inputs) => inputs.map((s) => spec(s.shape, s.name)),
  weights: () => [],
  flops: () => 0,
  lower: (g, xs) => xs.map((x) => g.op('Identity', [x])),
});

type PoolA = { kernel: number; stride: number; padding: number } & JsonObject;

export const MaxPool2d = defineBlockKind<PoolA>({
  name: 'maxpool2d',
  outputs(inputs, a) {
    const [c, h, w] = single(inputs, 3, 'maxpool2d').shape;
    return [spec([c, convOut(h, a.kernel, a.stride, a.padding), convOut(w, a.kernel, a.stride, a.padding)])];
  },
  weights: () => [],
  flops(inputs, a): number {
    const [c, h, w] = single(inputs, 3, 'maxpool2d').shape;
    return (
      c * convOut(h, a.kernel, a.stride, a.padding) * convOut(w, a.kernel, a.stride, a.padding) * a.kernel * a.kernel
    );
  },
  lower: (g, [x], a) => [
    g.op('MaxPool', [x], {
      kernel_shape: [a.kernel, a.kernel],
      strides: [a.stride, a.stride],
      pads: [a.padding, a.padding, a.padding, a.padding],
    }),
  ],
});

/** AdaptiveAvgPool2d((1, 1)): [C,H,W] -> [C,1,1]. */
export const GlobalAvgPool = defineBlockKind<JsonObject>({
  name: 'global_avg_pool',
  outputs: (inputs) => [spec([single(inputs, 3, 'global_avg_pool').shape[0], 1, 1])],
  weights: () => [],
  flops: (inputs) => numel(inputs[0].shape),
  lower: (g, [x]) => [g.op('GlobalAveragePool', [x])],
});

/** Flatten everything but the batch dimension. */
export const Flatten = defineBlockKind<JsonObject>({
  name: 'flatten',
  outputs: (inputs) => [spec([numel(inputs[0].shape)])],
  weights: () => [],
  flops: () => 0,
  lower: (g, [x]) => [g.op('Flatten', [x], { axis: 1 })],
});

/**
 * Linear(in, out) on [in] features. `init` picks the family's scheme: `torch` (nn.Linear default, resnet),
 * `normal0.01` (mobilenet_v2), `uniformOut` (efficientnet: U(+-1/sqrt(out))), `zeros` (vit head).
 */
type LinearA = { out: number; init: 'torch' | 'normal0.01' | 'uniformOut' | 'zeros' } & JsonObject;

export const Linear = defineBlockKind<LinearA>({
  name: 'linear',
  outputs: (inputs, a) => [spec([a.out])],
  weights(inputs, a) {
    const fanIn = single(inputs, 1, 'linear').shape[0];
    const zeros: InitRule = { kind: 'zeros' };
    const [wInit, bInit]: [InitRule, InitRule] =
      a.init === 'torch'
        ? [torchDefaultUniform(fanIn), torchDefaultUniform(fanIn)]
        : a.init === 'normal0.01'
          ? [{ kind: 'normal', mean: 0, std: 0.01 }, zeros]
          : a.init === 'uniformOut'
            ? [{ kind: 'uniform', low: -1 / Math.sqrt(a.out), high: 1 / Math.sqrt(a.out) }, zeros]
            : [zeros, zeros];
    return [
      { name: 'weight', shape: [a.out, fanIn], role: 'parameter', init: wInit },
      { name: 'bias', shape: [a.out], role: 'parameter', init: bInit },
    ];
  },
  flops: (inputs, a) => 2 * inputs[0].shape[0] * a.out,
  lower: (g, [x], _a, w) => [linear(g, x, w, '', true)],
});
