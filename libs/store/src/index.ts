/**
 * @alsatian/store: the content-addressed block store on disk, model manifests, importers of real weights
 * (safetensors, torchvision, Hugging Face, ONNX) and synthetic snapshot sets. It stores and reads; it never runs
 * a model and never writes to the console (progress goes to callbacks, diagnostics to an injected Logger).
 */
export * from './safetensors.ts';
export { blockIdOf, descriptorHash, encodeWeights, splitBlockId, BLOCK_ID_PATTERN } from './block-id.ts';
export { storeLayout, STORE_FORMAT } from './layout.ts';
export type { StoreLayout } from './layout.ts';
export { contentModelId } from './model-id.ts';
export { tokenBucket } from './rate-limit.ts';
export type { RateLimiter } from './rate-limit.ts';
export { diskModel } from './disk-model.ts';
export type { DiskModel, ReadStats } from './disk-model.ts';
export { openStore } from './store.ts';
export type { ModelFilter, ModelInput, ModelStore, StoreOptions, StoreStats, StoredBlockInfo } from './store.ts';
export type { StoreProblem, VerifyReport } from './verify.ts';
export { DISTRIBUTIONS, distributionNames, checkDistribution, drawRetrainIndices } from './synthetic/distributions.ts';
export type { DistributionName } from './synthetic/distributions.ts';
export { PAPER_RETRAIN_DRAWS, paperRetrainList } from './synthetic/paper-retrain-lists.ts';
export { generateSnapshotSet } from './synthetic/generate.ts';
export type { SetStructure, SnapshotSet, SnapshotSetSpec } from './synthetic/generate.ts';
export { generateHfFamily, hfFamily, HF_FAMILIES, scaleGroups } from './synthetic/hf-families.ts';
export type { FamilyGroup, HfFamily, HfFamilyOptions, Overlap } from './synthetic/hf-families.ts';
export { importHfFolder } from './import/hf.ts';
export { blocksFromStateDict, matchArchitecture } from './import/state-dict.ts';
export type { StateDict, StateDictMatch } from './import/state-dict.ts';
export * from './import/torchvision.ts';
export { importTorchvisionModel } from './import/torchvision-model.ts';
export { importOnnxModel, onnxToBlocks } from './import/onnx/import.ts';
export type { OnnxImport } from './import/onnx/import.ts';
