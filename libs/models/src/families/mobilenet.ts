/**
 * MobileNetV2 as the reference's sequential model: the stem and last conv as single layers (conv, bn, relu6),
 * one block per InvertedResidual, avgpool, flatten; classifier Dropout + Linear are the head side of the cut
 * (dropout is the identity at inference, so the head block is the Linear, `classifier.1.`).
 */
import type { ArchitectureDef, BlockSpec } from '../architectures/architecture.ts';
import { cnnSplitIndexes, makeDivisible } from '../blocks/cnn-ops.ts';
import { spec } from '../blocks/shapes.ts';
import type { InvertedResidualA } from './mobilenet-blocks.ts';

/** torchvision's [t, c, n, s] rows: expansion, output channels, repeats, stride of the first repeat. */
type Row = readonly [number, number, number, number];

interface MobileNetConfig {
  readonly name: string;
  readonly stemWidth: number;
  readonly rows: readonly Row[];
  readonly lastChannel: number;
  readonly inputSize: number;
  readonly classes: number;
  readonly tiny?: boolean;
  readonly description: string;
}

/** The [conv, bn, relu6] triple of a torchvision Conv2dNormActivation at `features.<index>`. */
function convBnRelu6(index: number, out: number, kernel: number, stride: number): BlockSpec[] {
  const at = `features.${index}`;
  return [
    {
      kind: 'conv2d',
      attrs: { out, kernel, stride, padding: (kernel - 1) >> 1 },
      sourcePrefix: `${at}.0.`,
      label: `${at}.0 Conv2d`,
    },
    { kind: 'batchnorm2d', attrs: {}, sourcePrefix: `${at}.1.`, label: `${at}.1 BatchNorm2d` },
    { kind: 'relu6', attrs: {}, sourcePrefix: '', label: `${at}.2 ReLU6` },
  ];
}

function mobilenet(c: MobileNetConfig): ArchitectureDef {
  let channels = makeDivisible(c.stemWidth);
  const features: BlockSpec[] = convBnRelu6(0, channels, 3, 2);
  let index = 1;
  for (const [t, width, n, s] of c.rows) {
    const out = makeDivisible(width);
    for (let i = 0; i < n; i++, index++) {
      const attrs: InvertedResidualA = { in: channels, out, stride: i === 0 ? s : 1, expand: t };
      features.push({
        kind: 'inverted_residual',
        attrs,
        sourcePrefix: `features.${index}.`,
        label: `features.${index} InvertedResidual`,
      });
      channels = out;
    }
  }
  const lastConv = features.length;
  features.push(...convBnRelu6(index, c.lastChannel, 1, 1));
  features.push(
    { kind: 'global_avg_pool', attrs: {}, sourcePrefix: '', label: 'avgpool' },
    { kind: 'flatten', attrs: {}, sourcePrefix: '', label: 'flatten' },
  );
  return {
    name: c.name,
    family: 'mobilenet',
    inputs: [spec([3, c.inputSize, c.inputSize], 'pixels')],
    features,
    head: {
      kind: 'linear',
      attrs: { out: c.classes, init: 'normal0.01' },
      sourcePrefix: 'classifier.1.',
      label: 'classifier.1 Linear',
    },
    splitIndexes: cnnSplitIndexes(features.length, lastConv, 3),
    featureDim: c.lastChannel,
    tiny: c.tiny ?? false,
    description: c.description,
  };
}

export const MOBILENET_V2 = mobilenet({
  name: 'mobilenet_v2',
  stemWidth: 32,
  rows: [
    [1, 16, 1, 1],
    [6, 24, 2, 2],
    [6, 32, 3, 2],
    [6, 64, 4, 2],
    [6, 96, 3, 1],
    [6, 160, 3, 2],
    [6, 320, 1, 1],
  ],
  lastChannel: 1280,
  inputSize: 224,
  classes: 1000,
  description: 'torchvision mobilenet_v2 (width 1.0)',
});

export const TINY_MOBILENET = mobilenet({
  name: 'tiny_mobilenet',
  stemWidth: 8,
  rows: [
    [1, 8, 1, 1],
    [6, 16, 2, 2],
    [6, 24, 1, 2],
  ],
  lastChannel: 64,
  inputSize: 32,
  classes: 10,
  tiny: true,
  description: 'mobilenet_v2-shaped test model: t=1 and expanding blocks, residual and strided, 32x32 input',
});
