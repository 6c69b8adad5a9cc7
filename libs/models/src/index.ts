/**
 * @alsatian/models: every architecture of the paper as an ordered list of blocks, with static shape inference,
 * parameter counts and FLOPs, seeded initialisation (torchvision's / transformers' schemes) and lowering of any
 * chain of blocks to one ONNX graph. Pure: it never runs a graph (libs/engine does) and never touches files.
 *
 *   architecture def -> block descriptors (shape inference) -> blocks with weights -> ONNX bytes (lowerUnit)
 */
export type { ArchitectureDef, BlockSpec, Family } from './architectures/architecture.ts';
export { architecture, architectureAt, architectureNames } from './architectures/registry.ts';
export type { BlockKind, InitRule, WeightSpec } from './blocks/kind.ts';
export { blockKind, blockKindNames } from './blocks/catalog.ts';
export { GraphBuilder, OPSET } from './graph/builder.ts';
export type { ExternalWeights, GraphBuilderOptions } from './graph/builder.ts';
export type { ArchitectureInfo, BlockInfo, BuiltModel } from './build.ts';
export {
  blockDescriptor,
  blockInfo,
  buildModel,
  describeArchitecture,
  describeBlocks,
  initBlock,
  initBlockAt,
} from './build.ts';
export { lowerUnit, lowerUnitGraph, BATCH_DIM } from './lower.ts';
export type { LoweredGraph, LowerOptions } from './lower.ts';
export { joinsPrevious } from './blocks/catalog.ts';
export type { OnnxAttrJson, OnnxNodeJson, OnnxSubgraphAttrs } from './blocks/onnx-subgraph.ts';
