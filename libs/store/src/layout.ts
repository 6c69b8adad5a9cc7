/**
 * Where things live in a store directory. Blocks are fanned out by the first two hex digits of their id so no
 * directory grows past a few thousand entries.
 *
 *   <dir>/alsatian-store.json        format marker
 *   <dir>/index.json                 every manifest and every block's size and kind (the fast path for listing)
 *   <dir>/index.lock                 held while a writer merges into index.json
 *   <dir>/models/<model id>.json     one manifest per model (source of truth with the block files)
 *   <dir>/blocks/ab/<block id>.json  descriptor of block ab...
 *   <dir>/blocks/ab/<block id>.safetensors  its weights
 */
import { join } from 'node:path';
import type { BlockId, ModelId } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';

export const STORE_FORMAT = 1;

export interface StoreLayout {
  readonly dir: string;
  readonly marker: string;
  readonly index: string;
  readonly lock: string;
  readonly modelsDir: string;
  readonly blocksDir: string;
  modelFile(id: ModelId): string;
  descriptorFile(id: BlockId): string;
  weightsFile(id: BlockId): string;
}

export function storeLayout(dir: string): StoreLayout {
  const blocksDir = join(dir, 'blocks');
  const modelsDir = join(dir, 'models');
  const blockBase = (id: BlockId) => join(blocksDir, id.slice(0, 2), id);
  return {
    dir,
    marker: join(dir, 'alsatian-store.json'),
    index: join(dir, 'index.json'),
    lock: join(dir, 'index.lock'),
    modelsDir,
    blocksDir,
    modelFile: (id) => join(modelsDir, `${modelFileStem(id)}.json`),
    descriptorFile: (id) => `${blockBase(id)}.json`,
    weightsFile: (id) => `${blockBase(id)}.safetensors`,
  };
}

/** Model ids may hold `/` (Hugging Face names); the file stem encodes them reversibly and safely. */
export function modelFileStem(id: ModelId): string {
  return encodeURIComponent(id);
}

export function modelIdFromFileStem(stem: string): ModelId {
  return decodeURIComponent(stem);
}

const MAX_MODEL_ID_LENGTH = 200;

export function checkModelId(id: string): ModelId {
  if (id.length === 0 || id.length > MAX_MODEL_ID_LENGTH || id === '.' || id === '..' || /[\u0000-\u001f]/.test(id)) {
    throw new InvalidArgumentError(`Invalid model id '${id}': use 1 to ${MAX_MODEL_ID_LENGTH} printable characters (not '.' or '..'), e.g. resnet18-finetuned-cars.`);
  }
  return id;
}
