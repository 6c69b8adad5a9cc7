import type { BlockDescriptor } from '@alsatian/core';
import { unknownName } from '@alsatian/core';
import { BertEmbeddings } from '../families/bert-embedding-blocks.ts';
import { BertEncoderBlock, BertPooler } from '../families/bert-encoder-blocks.ts';
import { FusedMBConv, MBConv } from '../families/efficientnet-blocks.ts';
import { InvertedResidual } from '../families/mobilenet-blocks.ts';
import { BasicBlock, Bottleneck } from '../families/resnet-blocks.ts';
import { VitPosEmbedding, VitProcessInput } from '../families/vit-embedding-blocks.ts';
import { ClsToken, LayerNorm, VitEncoderBlock } from '../families/vit-encoder-blocks.ts';
import { lookUp, nameTable } from '../name-table.ts';
import { BatchNorm2d, Conv2d, Dropout, Flatten, GlobalAvgPool, Linear, MaxPool2d, ReLU, ReLU6, SiLU } from './basic.ts';
import type { BlockKind } from './kind.ts';
import { OnnxSubgraph } from './onnx-subgraph.ts';

/** Every block kind by name. */
export const BLOCK_KINDS = nameTable<BlockKind>(
  'block kind',
  [
    Conv2d,
    BatchNorm2d,
    ReLU,
    ReLU6,
    SiLU,
    Dropout,
    MaxPool2d,
    GlobalAvgPool,
    Flatten,
    Linear,
    OnnxSubgraph,
    BasicBlock,
    Bottleneck,
    InvertedResidual,
    FusedMBConv,
    MBConv,
    VitProcessInput,
    VitPosEmbedding,
    VitEncoderBlock,
    LayerNorm,
    ClsToken,
    BertEmbeddings,
    BertEncoderBlock,
    BertPooler,
  ].map((kind) => kind as unknown as BlockKind),
);

export function blockKind(name: string): BlockKind {
  return lookUp(BLOCK_KINDS, name) ?? unknownName('block kind', name, blockKindNames());
}

export function blockKindNames(): string[] {
  return Object.keys(BLOCK_KINDS).sort();
}

/** Whether the block must run in one session with the block before it (see BlockKind.joinsPrevious). */
export function joinsPrevious(descriptor: BlockDescriptor): boolean {
  return blockKind(descriptor.kind).joinsPrevious?.(descriptor.attrs) ?? false;
}
