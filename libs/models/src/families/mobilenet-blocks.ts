/**
 * torchvision's MobileNetV2 InvertedResidual: optional 1x1 expansion (ReLU6), 3x3 depthwise (ReLU6), 1x1 linear
 * projection; x + block(x) when stride is 1 and the channels are kept. Local names follow torchvision's
 * `conv` Sequential: with expansion `conv.0.0.weight`, `conv.0.1.*`, `conv.1.0.*`, `conv.1.1.*`, `conv.2.weight`,
 * `conv.3.*`; without it (t = 1) the indices shift down by one.
 */
import type { JsonObject, TensorSpec } from '@alsatian/core';
import { numel } from '@alsatian/core';
import { defineBlockKind } from '../blocks/kind.ts';
import { chainFlops, chainShape, chainWeights, type ConvBnUnit, lowerChain } from '../blocks/cnn-ops.ts';
import { single, spec } from '../blocks/shapes.ts';

/**
 * `in` repeats the input channels (lowering sees no input specs, and whether the block expands and adds the
 * residual depends on them); shape inference checks that it matches. `expand` is torchvision's t.
 */
export type InvertedResidualA = { in: number; out: number; stride: number; expand: number } & JsonObject;

const EPS = 1e-5;

interface Plan {
  readonly units: readonly ConvBnUnit[];
  readonly residual: boolean;
}

function plan(a: InvertedResidualA): Plan {
  const hidden = Math.round(a.in * a.expand);
  const units: ConvBnUnit[] = [];
  if (a.expand !== 1)
    units.push({ conv: 'conv.0.0.', bn: 'conv.0.1.', out: hidden, kernel: 1, stride: 1, act: 'relu6', eps: EPS });
  const i = units.length;
  units.push({
    conv: `conv.${i}.0.`,
    bn: `conv.${i}.1.`,
    out: hidden,
    kernel: 3,
    stride: a.stride,
    groups: hidden,
    act: 'relu6',
    eps: EPS,
  });
  units.push({ conv: `conv.${i + 1}.`, bn: `conv.${i + 2}.`, out: a.out, kernel: 1, stride: 1, eps: EPS });
  return { units, residual: a.stride === 1 && a.in === a.out };
}

function input(inputs: readonly TensorSpec[], a: InvertedResidualA): readonly number[] {
  const shape = single(inputs, 3, 'inverted_residual').shape;
  if (shape[0] !== a.in)
    throw new RangeError(`inverted_residual: attribute in=${a.in} but the input has ${shape[0]} channels`);
  if (a.stride !== 1 && a.stride !== 2)
    throw new RangeError(`inverted_residual: stride must be 1 or 2, got ${a.stride}`);
  return shape;
}

export const InvertedResidual = defineBlockKind<InvertedResidualA>({
  name: 'inverted_residual',
  outputs: (inputs, a) => [spec(chainShape(input(inputs, a), plan(a).units))],
  weights: (inputs, a) => chainWeights(input(inputs, a)[0], plan(a).units),
  flops(inputs, a) {
    const shape = input(inputs, a);
    const p = plan(a);
    return chainFlops(shape, p.units) + (p.residual ? numel(shape) : 0);
  },
  lower(g, [x], a, w) {
    const p = plan(a);
    const y = lowerChain(g, x, w, p.units);
    return [p.residual ? g.op('Add', [x, y]) : y];
  },
});
