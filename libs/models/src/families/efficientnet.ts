/**
 * EfficientNetV2-S/L as the reference's sequential models: stem (conv, bn, silu), one block per FusedMBConv /
 * MBConv of features.1..N, head conv (conv, bn, silu), avgpool, flatten; classifier Dropout + Linear are the
 * head side of the cut (dropout is the identity at inference, so the head block is the Linear, `classifier.1.`).
 */
import type { ArchitectureDef, BlockSpec } from '../architectures/architecture.ts';
import { cnnSplitIndexes } from '../blocks/cnn-ops.ts';
import { spec } from '../blocks/shapes.ts';
import type { MBConvA } from './efficientnet-blocks.ts';

/** One torchvision stage config: (Fused)MBConvConfig(expand_ratio, kernel, stride, in, out, num_layers). */
type Stage = readonly ['fused_mbconv' | 'mbconv', number, number, number, number, number, number];

interface EfficientNetConfig {
  readonly name: string;
  readonly stages: readonly Stage[];
  readonly lastChannel: number;
  readonly inputSize: number;
  readonly classes: number;
  readonly tiny?: boolean;
  readonly description: string;
}

const EPS = 1e-3;

/** The [conv, bn, silu] triple of a torchvision Conv2dNormActivation at `features.<index>`. */
function convBnSilu(index: number, out: number, kernel: number, stride: number): BlockSpec[] {
  const at = `features.${index}`;
  return [
    {
      kind: 'conv2d',
      attrs: { out, kernel, stride, padding: (kernel - 1) >> 1 },
      sourcePrefix: `${at}.0.`,
      label: `${at}.0 Conv2d`,
    },
    { kind: 'batchnorm2d', attrs: { eps: EPS }, sourcePrefix: `${at}.1.`, label: `${at}.1 BatchNorm2d` },
    { kind: 'silu', attrs: {}, sourcePrefix: '', label: `${at}.2 SiLU` },
  ];
}

function efficientnet(c: EfficientNetConfig): ArchitectureDef {
  const features: BlockSpec[] = convBnSilu(0, c.stages[0][4], 3, 2);
  c.stages.forEach(([kind, expand, kernel, stride, firstIn, out, layers], s) => {
    for (let j = 0; j < layers; j++) {
      // torchvision: later blocks of a stage take the stage's output channels at stride 1
      const attrs: MBConvA = { in: j === 0 ? firstIn : out, out, stride: j === 0 ? stride : 1, expand, kernel };
      const at = `features.${s + 1}.${j}`;
      features.push({
        kind,
        attrs,
        sourcePrefix: `${at}.`,
        label: `${at} ${kind === 'mbconv' ? 'MBConv' : 'FusedMBConv'}`,
      });
    }
  });
  const lastConv = features.length;
  features.push(...convBnSilu(c.stages.length + 1, c.lastChannel, 1, 1));
  features.push(
    { kind: 'global_avg_pool', attrs: {}, sourcePrefix: '', label: 'avgpool' },
    { kind: 'flatten', attrs: {}, sourcePrefix: '', label: 'flatten' },
  );
  return {
    name: c.name,
    family: 'efficientnet',
    inputs: [spec([3, c.inputSize, c.inputSize], 'pixels')],
    features,
    head: {
      kind: 'linear',
      attrs: { out: c.classes, init: 'uniformOut' },
      sourcePrefix: 'classifier.1.',
      label: 'classifier.1 Linear',
    },
    splitIndexes: cnnSplitIndexes(features.length, lastConv, 3),
    featureDim: c.lastChannel,
    tiny: c.tiny ?? false,
    description: c.description,
  };
}

export const EFFICIENTNET_V2_S = efficientnet({
  name: 'efficientnet_v2_s',
  stages: [
    ['fused_mbconv', 1, 3, 1, 24, 24, 2],
    ['fused_mbconv', 4, 3, 2, 24, 48, 4],
    ['fused_mbconv', 4, 3, 2, 48, 64, 4],
    ['mbconv', 4, 3, 2, 64, 128, 6],
    ['mbconv', 6, 3, 1, 128, 160, 9],
    ['mbconv', 6, 3, 2, 160, 256, 15],
  ],
  lastChannel: 1280,
  inputSize: 224,
  classes: 1000,
  description: 'torchvision efficientnet_v2_s (reference name eff_net_v2_s)',
});

export const EFFICIENTNET_V2_L = efficientnet({
  name: 'efficientnet_v2_l',
  stages: [
    ['fused_mbconv', 1, 3, 1, 32, 32, 4],
    ['fused_mbconv', 4, 3, 2, 32, 64, 7],
    ['fused_mbconv', 4, 3, 2, 64, 96, 7],
    ['mbconv', 4, 3, 2, 96, 192, 10],
    ['mbconv', 6, 3, 1, 192, 224, 19],
    ['mbconv', 6, 3, 2, 224, 384, 25],
    ['mbconv', 6, 3, 1, 384, 640, 7],
  ],
  lastChannel: 1280,
  inputSize: 224,
  classes: 1000,
  description: 'torchvision efficientnet_v2_l (reference name eff_net_v2_l)',
});

export const TINY_EFFICIENTNET = efficientnet({
  name: 'tiny_efficientnet',
  stages: [
    ['fused_mbconv', 1, 3, 1, 8, 8, 1],
    ['fused_mbconv', 4, 3, 2, 8, 16, 1],
    ['mbconv', 4, 3, 2, 16, 24, 2],
  ],
  lastChannel: 64,
  inputSize: 32,
  classes: 10,
  tiny: true,
  description: 'efficientnet_v2-shaped test model: both block kinds, residual and strided, 32x32 input',
});
