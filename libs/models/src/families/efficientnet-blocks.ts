/**
 * torchvision's EfficientNetV2 blocks (BatchNorm eps 1e-3, SiLU). Stochastic depth is the identity at inference,
 * so a residual block is x + block(x) (when stride is 1 and the channels are kept).
 * - FusedMBConv: kxk conv (stride, SiLU) + 1x1 projection when it expands; a single kxk conv (SiLU) otherwise.
 *   Names: `block.0.0.weight`, `block.0.1.*`, `block.1.0.weight`, `block.1.1.*`.
 * - MBConv: 1x1 expansion (SiLU), kxk depthwise (SiLU), squeeze-excitation (avgpool, fc1, SiLU, fc2, sigmoid,
 *   scale), 1x1 projection. Names: `block.0.*` expand, `block.1.*` depthwise, `block.2.fc1.*` / `block.2.fc2.*`,
 *   `block.3.*` projection (indices shift down by one without expansion).
 */
import type { JsonObject, TensorSpec } from '@alsatian/core';
import { numel } from '@alsatian/core';
import { defineBlockKind } from '../blocks/kind.ts';
import type { BlockKind, WeightSpec } from '../blocks/kind.ts';
import {
  chainFlops,
  chainShape,
  chainWeights,
  type ConvBnUnit,
  convWeight,
  lowerChain,
  makeDivisible,
} from '../blocks/cnn-ops.ts';
import { single, spec } from '../blocks/shapes.ts';
import { conv, silu } from '../blocks/ops.ts';

/** `in` repeats the input channels (lowering sees no input specs; expansion and residual depend on them). */
export type MBConvA = { in: number; out: number; stride: number; expand: number; kernel: number } & JsonObject;

const EPS = 1e-3;

const unit = (at: string, out: number, kernel: number, stride: number, act: boolean, groups?: number): ConvBnUnit => ({
  conv: `${at}.0.`,
  bn: `${at}.1.`,
  out,
  kernel,
  stride,
  groups,
  eps: EPS,
  act: act ? 'silu' : undefined,
});

const expanded = (a: MBConvA) => makeDivisible(a.in * a.expand);
const residual = (a: MBConvA) => a.stride === 1 && a.in === a.out;

function fusedUnits(a: MBConvA): ConvBnUnit[] {
  const e = expanded(a);
  if (e === a.in) return [unit('block.0', a.out, a.kernel, a.stride, true)];
  return [unit('block.0', e, a.kernel, a.stride, true), unit('block.1', a.out, 1, 1, false)];
}

/** MBConv as [expand?, depthwise] before the squeeze-excitation and [projection] after it. */
function mbconvPlan(a: MBConvA): { before: ConvBnUnit[]; se: string; squeeze: number; after: ConvBnUnit[] } {
  const e = expanded(a);
  const before = e === a.in ? [] : [unit('block.0', e, 1, 1, true)];
  before.push(unit(`block.${before.length}`, e, a.kernel, a.stride, true, e));
  const i = before.length;
  return {
    before,
    se: `block.${i}.`,
    squeeze: Math.max(1, Math.floor(a.in / 4)),
    after: [unit(`block.${i + 1}`, a.out, 1, 1, false)],
  };
}

function input(inputs: readonly TensorSpec[], a: MBConvA, kind: string): readonly number[] {
  const shape = single(inputs, 3, kind).shape;
  if (shape[0] !== a.in) throw new RangeError(`${kind}: attribute in=${a.in} but the input has ${shape[0]} channels`);
  if (a.stride !== 1 && a.stride !== 2) throw new RangeError(`${kind}: stride must be 1 or 2, got ${a.stride}`);
  return shape;
}

export const FusedMBConv: BlockKind<MBConvA> = defineBlockKind<MBConvA>({
  name: 'fused_mbconv',
  outputs: (inputs, a) => [spec(chainShape(input(inputs, a, 'fused_mbconv'), fusedUnits(a)))],
  weights: (inputs, a) => chainWeights(input(inputs, a, 'fused_mbconv')[0], fusedUnits(a)),
  flops(inputs, a) {
    const shape = input(inputs, a, 'fused_mbconv');
    return chainFlops(shape, fusedUnits(a)) + (residual(a) ? numel(shape) : 0);
  },
  lower(g, [x], a, w) {
    const y = lowerChain(g, x, w, fusedUnits(a));
    return [residual(a) ? g.op('Add', [y, x]) : y];
  },
});

/** fc1 / fc2 of torchvision's SqueezeExcitation: 1x1 convs with bias (kaiming fan-out weights, zero bias). */
function seWeights(prefix: string, channels: number, squeeze: number): WeightSpec[] {
  return [
    convWeight(`${prefix}fc1.weight`, squeeze, channels, 1),
    { name: `${prefix}fc1.bias`, shape: [squeeze], role: 'parameter', init: { kind: 'zeros' } },
    convWeight(`${prefix}fc2.weight`, channels, squeeze, 1),
    { name: `${prefix}fc2.bias`, shape: [channels], role: 'parameter', init: { kind: 'zeros' } },
  ];
}

export const MBConv: BlockKind<MBConvA> = defineBlockKind<MBConvA>({
  name: 'mbconv',
  outputs(inputs, a) {
    const p = mbconvPlan(a);
    return [spec(chainShape(chainShape(input(inputs, a, 'mbconv'), p.before), p.after))];
  },
  weights(inputs, a) {
    const p = mbconvPlan(a);
    const e = expanded(a);
    return [
      ...chainWeights(input(inputs, a, 'mbconv')[0], p.before),
      ...seWeights(p.se, e, p.squeeze),
      ...chainWeights(e, p.after),
    ];
  },
  flops(inputs, a) {
    const shape = input(inputs, a, 'mbconv');
    const p = mbconvPlan(a);
    const mid = chainShape(shape, p.before);
    const e = mid[0];
    // pool + two 1x1 convs with bias + SiLU + sigmoid on the squeezed vector + the channel-wise scale
    const se = numel(mid) + 2 * (2 * e * p.squeeze) + p.squeeze + e + 4 * p.squeeze + e + numel(mid);
    return (
      chainFlops(shape, p.before) + se + chainFlops(mid, p.after) + (residual(a) ? numel(chainShape(mid, p.after)) : 0)
    );
  },
  lower(g, [x], a, w) {
    const p = mbconvPlan(a);
    const mid = lowerChain(g, x, w, p.before);
    const pooled = g.op('GlobalAveragePool', [mid]);
    const fc = (name: string, v: string) =>
      conv(g, v, w, `${p.se}${name}.`, { kernel: 1, stride: 1, padding: 0, bias: true });
    const scale = g.op('Sigmoid', [fc('fc2', silu(g, fc('fc1', pooled)))]);
    const y = lowerChain(g, g.op('Mul', [mid, scale]), w, p.after);
    return [residual(a) ? g.op('Add', [y, x]) : y];
  },
});
