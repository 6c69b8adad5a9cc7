/**
 * torchvision's residual blocks of ResNet (v1.5: the stride sits on the 3x3 conv of a Bottleneck). A block gets a
 * `downsample` branch (1x1 conv stride s + BN) exactly when torchvision adds one: stride != 1 or the input channels
 * differ from the output channels. Local weight names are torchvision's (`conv1.weight`, `bn1.running_var`,
 * `downsample.0.weight`, ...).
 */
import type { JsonObject, TensorSpec } from '@alsatian/core';
import { numel } from '@alsatian/core';
import { defineBlockKind } from '../blocks/kind.ts';
import type { BlockKind } from '../blocks/kind.ts';
import { chainFlops, chainShape, chainWeights, type ConvBnUnit, lowerChain, lowerConvBn } from '../blocks/cnn-ops.ts';
import { single, spec } from '../blocks/shapes.ts';

/**
 * `planes` is torchvision's width argument; BasicBlock outputs planes channels, Bottleneck 4 * planes. `in` repeats
 * the input channels because lowering sees no input specs, and whether the block has a downsample branch depends
 * on them; shape inference checks that it matches the input.
 */
export type ResidualA = { in: number; planes: number; stride: number } & JsonObject;

const EPS = 1e-5;

/** The main path and optional shortcut of a residual block. */
interface ResidualPlan {
  readonly main: readonly ConvBnUnit[];
  readonly downsample?: ConvBnUnit;
}

function unit(n: number, out: number, kernel: number, stride: number, act: boolean): ConvBnUnit {
  return { conv: `conv${n}.`, bn: `bn${n}.`, out, kernel, stride, eps: EPS, act: act ? 'relu' : undefined };
}

function withDownsample(a: ResidualA, out: number, main: ConvBnUnit[]): ResidualPlan {
  const needed = a.stride !== 1 || a.in !== out;
  return {
    main,
    downsample: needed
      ? { conv: 'downsample.0.', bn: 'downsample.1.', out, kernel: 1, stride: a.stride, eps: EPS }
      : undefined,
  };
}

function basicPlan(a: ResidualA): ResidualPlan {
  return withDownsample(a, a.planes, [unit(1, a.planes, 3, a.stride, true), unit(2, a.planes, 3, 1, false)]);
}

function bottleneckPlan(a: ResidualA): ResidualPlan {
  const out = 4 * a.planes;
  return withDownsample(a, out, [
    unit(1, a.planes, 1, 1, true),
    unit(2, a.planes, 3, a.stride, true),
    unit(3, out, 1, 1, false),
  ]);
}

/** A residual kind: relu(main(x) + shortcut(x)), where shortcut is the identity or the downsample unit. */
function residualKind(name: string, plan: (a: ResidualA) => ResidualPlan): BlockKind<ResidualA> {
  const input = (inputs: readonly TensorSpec[], a: ResidualA) => {
    const shape = single(inputs, 3, name).shape;
    if (shape[0] !== a.in) throw new RangeError(`${name}: attribute in=${a.in} but the input has ${shape[0]} channels`);
    return shape;
  };
  const units = (p: ResidualPlan) => (p.downsample ? [p.downsample] : []);
  return defineBlockKind<ResidualA>({
    name,
    outputs: (inputs, a) => [spec(chainShape(input(inputs, a), plan(a).main))],
    weights(inputs, a) {
      const p = plan(a);
      return [...chainWeights(input(inputs, a)[0], p.main), ...chainWeights(a.in, units(p))];
    },
    flops(inputs, a) {
      const shape = input(inputs, a);
      const p = plan(a);
      // main path + shortcut + residual add + final relu
      return chainFlops(shape, p.main) + chainFlops(shape, units(p)) + 2 * numel(chainShape(shape, p.main));
    },
    lower(g, [x], a, w) {
      const p = plan(a);
      const main = lowerChain(g, x, w, p.main);
      const shortcut = p.downsample ? lowerConvBn(g, x, w, p.downsample) : x;
      return [g.op('Relu', [g.op('Add', [main, shortcut])])];
    },
  });
}

export const BasicBlock = residualKind('basic_block', basicPlan);
export const Bottleneck = residualKind('bottleneck', bottleneckPlan);
