/**
 * Where things live in a store directory. Blocks are fanned out by the first two hex digits of their id so no
 * directory grows past a few thousand entries.
 *
 *   <dir>/alsatian-store.json        format marker
 *   <dir>/index.json                 every manifest and every block's size and kind (the fast path for listing)
 *   <dir>/index.lock                 held while a writer merges into index.json
 *   <dir>/verified.json              signatures of weights files whose hash matched (see verified-files.ts)
 *   <dir>/models/<model id>.json     one manifest per model (source of truth with the block files)
 *   <dir>/blocks/ab/<block id>.json  descriptor of block ab...
 *   <dir>/blocks/ab/<block id>.safetensors  its weights
 */
import { join } from 'node:path';
import type { BlockId, ModelId } from '@alsatian/core';
import { BadInputError, InvalidArgumentError, printable } from '@alsatian/core';
import { BLOCK_ID_PATTERN } from './block-id.ts';

export const STORE_FORMAT = 1;

export interface StoreLayout {
  readonly dir: string;
  readonly marker: string;
  readonly index: string;
  readonly lock: string;
  readonly verified: string;
  readonly modelsDir: string;
  readonly blocksDir: string;
  modelFile(id: ModelId): string;
  descriptorFile(id: BlockId): string;
  weightsFile(id: BlockId): string;
}

export function storeLayout(dir: string): StoreLayout {
  const blocksDir = join(dir, 'blocks');
  const modelsDir = join(dir, 'models');
  // Ids come from manifests and indexes we did not write: a path is built only from a checked id, so none leaves
  // the store directory.
  const blockBase = (id: BlockId) => {
    if (!BLOCK_ID_PATTERN.test(id))
      throw new BadInputError(
        `'${printable(id)}' is not a block id (128 hex digits); the manifest or index naming it is damaged.`,
      );
    return join(blocksDir, id.slice(0, 2), id);
  };
  return {
    dir,
    marker: join(dir, 'alsatian-store.json'),
    index: join(dir, 'index.json'),
    lock: join(dir, 'index.lock'),
    verified: join(dir, 'verified.json'),
    modelsDir,
    blocksDir,
    modelFile: (id) => join(modelsDir, `${modelFileStem(checkModelId(id))}.json`),
    descriptorFile: (id) => `${blockBase(id)}.json`,
    weightsFile: (id) => `${blockBase(id)}.safetensors`,
  };
}

/**
 * Model ids may hold `/` (Hugging Face names); the file stem encodes them reversibly and safely: `/`, `\`, NUL
 * and every other character that could change the path are percent-encoded, and '.' and '..' are not ids.
 */
export function modelFileStem(id: ModelId): string {
  return encodeURIComponent(id);
}

/** The model id a manifest file stem encodes, or undefined for a name this store never writes. */
export function modelIdFromFileStem(stem: string): ModelId | undefined {
  try {
    const id = decodeURIComponent(stem);
    return modelIdProblem(id) === undefined && modelFileStem(id) === stem ? id : undefined;
  } catch {
    return undefined;
  }
}

const MAX_MODEL_ID_LENGTH = 200;
/** File names are at most 255 bytes; the stem leaves room for '.json' and a temp suffix ('.<pid>.<hex>.tmp'). */
const MAX_STEM_BYTES = 200;

/** Why `id` cannot name a model, or undefined when it can. */
export function modelIdProblem(id: string): string | undefined {
  if (id.length === 0 || id.length > MAX_MODEL_ID_LENGTH) return `use 1 to ${MAX_MODEL_ID_LENGTH} characters`;
  if (id === '.' || id === '..') return "'.' and '..' are not ids";
  if ([...id].some((c) => c < ' ' || c === '\u007f')) return 'control characters (NUL, newline, ...) are not allowed';
  // With the u flag a surrogate pair is one code point, so only a lone surrogate matches.
  if (/[\uD800-\uDFFF]/u.test(id)) return 'it is not well-formed Unicode (a lone surrogate)';
  if (Buffer.byteLength(modelFileStem(id)) > MAX_STEM_BYTES)
    return `its file name would exceed ${MAX_STEM_BYTES} bytes; use a shorter id`;
  return undefined;
}

export function checkModelId(id: string): ModelId {
  const problem = modelIdProblem(id);
  if (problem !== undefined)
    throw new InvalidArgumentError(
      `Invalid model id '${printable(id)}': ${problem}. Use printable characters, e.g. resnet18-finetuned-cars.`,
    );
  return id;
}
