/**
 * @alsatian/data: datasets for model search. It owns synthetic data (images and tokenised text, generated from a
 * seed), image folders (decoded and transformed with sharp in worker threads, as torchvision's Resize +
 * CenterCrop + Normalize), text folders such as IMDB (BERT WordPiece tokenisation), the fixed seeded item order,
 * item ranges, batching with prefetch, and bad-input handling (BadInputError, or skip-bad with a skipped list).
 * It must not run models, cache features or know about search strategies, and never writes to the console.
 */
export { openDataset } from './open.ts';
export type { OpenDatasetOptions } from './options.ts';
export type { DataBatch, DataSplit, OpenedDataset } from './split.ts';
export {
  writeSyntheticImageFolder,
  writeSyntheticTextFolder,
  type SyntheticFolderOptions,
  type SyntheticImageFolderOptions,
} from './write/synthetic-folders.ts';
export { WordPieceEncoder, type EncodedText } from './text/wordpiece.ts';
export { readVocabulary, syntheticVocabulary, SPECIAL_TOKENS } from './text/vocab.ts';
export { syntheticClassNames } from './images/synthetic-style.ts';
export { IMAGENET_MEAN, IMAGENET_STD } from './worker/imagenet.mjs';
export { transformImage, resizedShape, centreCropOffset } from './worker/image-transform.mjs';
