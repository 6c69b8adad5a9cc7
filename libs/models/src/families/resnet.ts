/**
 * ResNet-18/34/50/101/152 as the reference's sequential models: conv1, bn1, relu, maxpool, one block per residual
 * block of layer1..layer4, avgpool, flatten; the fc classifier is the head. `tiny_resnet` keeps the same kinds
 * (both residual kinds, with and without downsample) at 32x32 and narrow widths for fast tests.
 */
import type { JsonObject } from '@alsatian/core';
import type { ArchitectureDef, BlockSpec } from '../architectures/architecture.ts';
import { cnnSplitIndexes } from '../blocks/cnn-ops.ts';
import { spec } from '../blocks/shapes.ts';
import type { ResidualA } from './resnet-blocks.ts';

type ResidualKind = 'basic_block' | 'bottleneck';

/** One residual stage: `blocks` blocks of `planes` width; the first one has `stride`. */
interface Stage {
  readonly kind: ResidualKind;
  readonly planes: number;
  readonly blocks: number;
  readonly stride: number;
}

interface ResNetConfig {
  readonly name: string;
  readonly stages: readonly Stage[];
  readonly stemWidth: number;
  readonly inputSize: number;
  readonly classes: number;
  /** Entries of SPLIT_INDEXES the reference leaves out (resnet34/50 lack 18). */
  readonly omitSplits?: readonly number[];
  readonly tiny?: boolean;
  readonly description: string;
}

const expansion = (kind: ResidualKind) => (kind === 'bottleneck' ? 4 : 1);
const labelOf = (kind: ResidualKind) => (kind === 'bottleneck' ? 'Bottleneck' : 'BasicBlock');

function block(kind: string, attrs: JsonObject, sourcePrefix: string, label: string): BlockSpec {
  return { kind, attrs, sourcePrefix, label };
}

function resnet(c: ResNetConfig): ArchitectureDef {
  const features: BlockSpec[] = [
    block('conv2d', { out: c.stemWidth, kernel: 7, stride: 2, padding: 3 }, 'conv1.', 'conv1'),
    block('batchnorm2d', {}, 'bn1.', 'bn1'),
    block('relu', {}, '', 'relu'),
    block('maxpool2d', { kernel: 3, stride: 2, padding: 1 }, '', 'maxpool'),
  ];
  let channels = c.stemWidth;
  c.stages.forEach((stage, s) => {
    for (let j = 0; j < stage.blocks; j++) {
      const attrs: ResidualA = { in: channels, planes: stage.planes, stride: j === 0 ? stage.stride : 1 };
      features.push(block(stage.kind, attrs, `layer${s + 1}.${j}.`, `layer${s + 1}.${j} ${labelOf(stage.kind)}`));
      channels = stage.planes * expansion(stage.kind);
    }
  });
  const lastUnit = features.length - 1;
  features.push(block('global_avg_pool', {}, '', 'avgpool'), block('flatten', {}, '', 'flatten'));
  return {
    name: c.name,
    family: 'resnet',
    inputs: [spec([3, c.inputSize, c.inputSize], 'pixels')],
    features,
    head: block('linear', { out: c.classes, init: 'torch' }, 'fc.', 'fc'),
    splitIndexes: cnnSplitIndexes(features.length, lastUnit, 4, c.omitSplits),
    featureDim: channels,
    tiny: c.tiny ?? false,
    description: c.description,
  };
}

function imagenet(name: string, kind: ResidualKind, depths: readonly number[], omitSplits?: number[]): ArchitectureDef {
  const stages = depths.map((blocks, s) => ({ kind, planes: 64 << s, blocks, stride: s === 0 ? 1 : 2 }));
  return resnet({
    name,
    stages,
    stemWidth: 64,
    inputSize: 224,
    classes: 1000,
    omitSplits,
    description: `torchvision ${name} (${labelOf(kind)} x${depths.join('-')})`,
  });
}

export const RESNET18 = imagenet('resnet18', 'basic_block', [2, 2, 2, 2]);
export const RESNET34 = imagenet('resnet34', 'basic_block', [3, 4, 6, 3], [18]);
export const RESNET50 = imagenet('resnet50', 'bottleneck', [3, 4, 6, 3], [18]);
export const RESNET101 = imagenet('resnet101', 'bottleneck', [3, 4, 23, 3]);
export const RESNET152 = imagenet('resnet152', 'bottleneck', [3, 8, 36, 3]);

export const TINY_RESNET = resnet({
  name: 'tiny_resnet',
  stages: [
    { kind: 'basic_block', planes: 16, blocks: 1, stride: 1 },
    { kind: 'basic_block', planes: 16, blocks: 1, stride: 2 },
    { kind: 'bottleneck', planes: 8, blocks: 2, stride: 2 },
  ],
  // Widths are multiples of 16, as in every full-size CNN: ONNX Runtime's CPU blocked layout (16 channels per
  // block with AVX-512) then treats every block boundary as it does in the real models, where cuts are bit-exact
  // (a stage of 8 channels is laid out differently inside one session than at a session's input).
  stemWidth: 16,
  inputSize: 32,
  classes: 10,
  tiny: true,
  description: 'resnet-shaped test model: both residual kinds, identity and downsample shortcuts, 32x32 input',
});
