/**
 * Shared pieces of the convolutional block kinds (resnet, mobilenet, efficientnet). torchvision builds all of them
 * from "conv -> batch norm -> optional activation" units (`Conv2dNormActivation`, or resnet's conv1/bn1 pairs), so
 * a block kind here is described as a list of such units plus its extras (residual add, squeeze-excitation); the
 * weights, FLOPs, shapes and ONNX lowering of a unit are computed once, in this file.
 */
import { numel } from '@alsatian/core';
import type { GraphBuilder } from '../graph/builder.ts';
import { batchNormWeights } from './basic.ts';
import type { WeightSpec } from './kind.ts';
import { batchNorm, conv, relu, relu6, silu, type WeightLookup } from './ops.ts';
import { convOut } from './shapes.ts';
import { kaimingNormalFanOut } from '../init.ts';

export type Activation = 'relu' | 'relu6' | 'silu';

/** One conv + batch-norm (+ activation) unit; `conv` and `bn` are torchvision's local prefixes inside the block. */
export interface ConvBnUnit {
  readonly conv: string;
  readonly bn: string;
  readonly out: number;
  readonly kernel: number;
  readonly stride: number;
  /** Depthwise convolutions set groups = channels. */
  readonly groups?: number;
  readonly act?: Activation;
  readonly eps: number;
}

/** torchvision pads every odd kernel to keep the size at stride 1: padding = (k - 1) / 2. */
export function samePadding(kernel: number): number {
  return (kernel - 1) >> 1;
}

/** [C,H,W] after the unit. */
export function unitShape(shape: readonly number[], u: ConvBnUnit): number[] {
  const p = samePadding(u.kernel);
  return [u.out, convOut(shape[1], u.kernel, u.stride, p), convOut(shape[2], u.kernel, u.stride, p)];
}

/** [C,H,W] after a chain of units applied in order. */
export function chainShape(shape: readonly number[], units: readonly ConvBnUnit[]): number[] {
  return units.reduce<number[]>((s, u) => unitShape(s, u), [...shape]);
}

/** A conv weight [out, in/groups, k, k] (bias-free) with torchvision's kaiming_normal_(fan_out) init. */
export function convWeight(name: string, out: number, inPerGroup: number, kernel: number): WeightSpec {
  const shape = [out, inPerGroup, kernel, kernel];
  return { name, shape, role: 'parameter', init: kaimingNormalFanOut(shape) };
}

export function unitWeights(inChannels: number, u: ConvBnUnit): WeightSpec[] {
  return [
    convWeight(`${u.conv}weight`, u.out, inChannels / (u.groups ?? 1), u.kernel),
    ...batchNormWeights(u.out, u.bn),
  ];
}

/** Weights of a chain of units, the input channels of each unit being the output channels of the previous one. */
export function chainWeights(inChannels: number, units: readonly ConvBnUnit[]): WeightSpec[] {
  const ws: WeightSpec[] = [];
  let c = inChannels;
  for (const u of units) {
    ws.push(...unitWeights(c, u));
    c = u.out;
  }
  return ws;
}

/** FLOPs per element of each activation, as the single-layer kinds count them. */
export const ACTIVATION_FLOPS: Readonly<Record<Activation, number>> = { relu: 1, relu6: 2, silu: 4 };

/** Convolution (2 per multiply-add) + batch norm (scale and shift) + activation, per item. */
export function unitFlops(shape: readonly number[], u: ConvBnUnit): number {
  const out = unitShape(shape, u);
  const n = numel(out);
  const convFlops = 2 * n * (shape[0] / (u.groups ?? 1)) * u.kernel * u.kernel;
  return convFlops + 2 * n + (u.act ? ACTIVATION_FLOPS[u.act] * n : 0);
}

export function chainFlops(shape: readonly number[], units: readonly ConvBnUnit[]): number {
  let s = [...shape];
  let total = 0;
  for (const u of units) {
    total += unitFlops(s, u);
    s = unitShape(s, u);
  }
  return total;
}

export function activate(g: GraphBuilder, x: string, act: Activation): string {
  return act === 'relu' ? relu(g, x) : act === 'relu6' ? relu6(g, x) : silu(g, x);
}

export function lowerConvBn(g: GraphBuilder, x: string, w: WeightLookup, u: ConvBnUnit): string {
  const y = conv(g, x, w, u.conv, {
    kernel: u.kernel,
    stride: u.stride,
    padding: samePadding(u.kernel),
    groups: u.groups,
  });
  const z = batchNorm(g, y, w, u.bn, u.eps);
  return u.act ? activate(g, z, u.act) : z;
}

export function lowerChain(g: GraphBuilder, x: string, w: WeightLookup, units: readonly ConvBnUnit[]): string {
  return units.reduce((v, u) => lowerConvBn(g, v, w, u), x);
}

/** torchvision's `_make_divisible`: round to the nearest multiple of `divisor`, never more than 10% down. */
export function makeDivisible(v: number, divisor = 8, minValue = divisor): number {
  let next = Math.max(minValue, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (next < 0.9 * v) next += divisor;
  return next;
}

/**
 * The reference's SPLIT_INDEXES for a sequential CNN: the feature cut first, then the first block index of each
 * retrainable unit from the last one backwards (`lastUnit`, `lastUnit - 1`, ..., `firstUnit`), minus `omit`.
 */
export function cnnSplitIndexes(
  cut: number,
  lastUnit: number,
  firstUnit: number,
  omit: readonly number[] = [],
): number[] {
  const units: number[] = [];
  for (let i = lastUnit; i >= firstUnit; i--) if (!omit.includes(i)) units.push(i);
  return [cut, ...units];
}
