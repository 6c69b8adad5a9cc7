import type { HostTensor, Rng } from '@alsatian/core';
import { float32Tensor, numel } from '@alsatian/core';
import type { InitRule, WeightSpec } from './blocks/kind.ts';

/** Fills a new float32 tensor for `spec` following its init rule. */
export function initWeight(spec: WeightSpec, rng: Rng): HostTensor {
  return float32Tensor(spec.shape, fill(new Float32Array(numel(spec.shape)), spec.init, rng));
}

function fill(out: Float32Array, rule: InitRule, rng: Rng): Float32Array {
  switch (rule.kind) {
    case 'zeros':
      return out;
    case 'ones':
      return out.fill(1);
    case 'normal':
      return rng.fillNormal(out, rule.mean, rule.std);
    case 'uniform':
      return rng.fillUniform(out, rule.low, rule.high);
    case 'truncNormal':
      return rng.fillTruncNormal(out, rule.mean, rule.std, rule.low, rule.high);
  }
}

/** torchvision's kaiming_normal_(mode='fan_out', nonlinearity='relu') for a conv weight [out, in/groups, kh, kw]. */
export function kaimingNormalFanOut(shape: readonly number[]): InitRule {
  const fanOut = shape[0] * numel(shape.slice(2));
  return { kind: 'normal', mean: 0, std: Math.sqrt(2 / fanOut) };
}

/**
 * torch.nn.Linear / Conv default: kaiming_uniform(a=sqrt(5)) => U(-1/sqrt(fan_in), 1/sqrt(fan_in)); same bound for the
 * bias.
 */
export function torchDefaultUniform(fanIn: number): InitRule {
  const bound = 1 / Math.sqrt(fanIn);
  return { kind: 'uniform', low: -bound, high: bound };
}

/** xavier_uniform_ for a [fanOut, fanIn] matrix. */
export function xavierUniform(fanIn: number, fanOut: number): InitRule {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  return { kind: 'uniform', low: -bound, high: bound };
}
