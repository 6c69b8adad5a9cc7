/**
 * A full check of a store: every indexed block's descriptor and weights files exist and match the block id (size
 * and sha256), every model's blocks are indexed and its manifest file matches the index, and no file lies
 * outside the index. Each problem names the block, the file and every model that uses the block.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlockId, Json, ModelId } from '@alsatian/core';
import { canonicalJson } from '@alsatian/core';
import { descriptorHash, splitBlockId } from './block-id.ts';
import type { StoreLayout } from './layout.ts';
import { modelIdFromFileStem } from './layout.ts';
import { readVerified } from './read-verified.ts';
import type { IndexData } from './store-index.ts';

export interface StoreProblem {
  readonly kind: 'missing-file' | 'size-mismatch' | 'hash-mismatch' | 'bad-descriptor' | 'missing-block' | 'manifest-mismatch' | 'unindexed-file';
  readonly message: string;
  readonly block?: BlockId;
  readonly file?: string;
  readonly models: readonly ModelId[];
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly checkedBlocks: number;
  readonly checkedModels: number;
  readonly problems: readonly StoreProblem[];
}

export async function verifyStore(layout: StoreLayout, index: IndexData, modelsUsing: (id: BlockId) => ModelId[], hashes: boolean): Promise<VerifyReport> {
  const problems: StoreProblem[] = [];
  const add = (kind: StoreProblem['kind'], block: BlockId | undefined, file: string | undefined, what: string, models: readonly ModelId[] = block ? modelsUsing(block) : []) => {
    const who = block ? ` (block ${block}; used by ${models.length ? models.join(', ') : 'no model'})` : '';
    problems.push({ kind, block, file, models, message: `${file ?? ''}${file ? ': ' : ''}${what}${who}` });
  };
  for (const [id, entry] of Object.entries(index.blocks)) {
    const descriptorFile = layout.descriptorFile(id);
    try {
      const record = JSON.parse(await readFile(descriptorFile, 'utf8')) as { descriptor: Parameters<typeof descriptorHash>[0] };
      if (descriptorHash(record.descriptor) !== splitBlockId(id).descriptorHash) add('bad-descriptor', id, descriptorFile, 'descriptor hash does not match the block id');
    } catch (error) {
      add((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing-file' : 'bad-descriptor', id, descriptorFile, `descriptor unreadable (${(error as Error).message})`);
    }
    const weightsFile = layout.weightsFile(id);
    try {
      const read = await readVerified(weightsFile, entry.bytes, { hash: hashes });
      if (read.fileBytes !== entry.bytes) add('size-mismatch', id, weightsFile, `has ${read.fileBytes} bytes, expected ${entry.bytes}`);
      else if (read.sha256 !== undefined && read.sha256 !== splitBlockId(id).weightsHash) add('hash-mismatch', id, weightsFile, `sha256 ${read.sha256} does not match the block id`);
    } catch (error) {
      add('missing-file', id, weightsFile, `weights unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  for (const manifest of Object.values(index.models)) {
    for (const block of new Set(manifest.blocks)) {
      if (!index.blocks[block]) add('missing-block', block, undefined, `model ${manifest.id} references a block the store does not have`, [manifest.id]);
    }
    const file = layout.modelFile(manifest.id);
    try {
      const onDisk = JSON.parse(await readFile(file, 'utf8')) as Json;
      if (canonicalJson(onDisk) !== canonicalJson(manifest as unknown as Json)) add('manifest-mismatch', undefined, file, `manifest of ${manifest.id} differs from the index`, [manifest.id]);
    } catch (error) {
      add('missing-file', undefined, file, `manifest of ${manifest.id} unreadable (${(error as Error).message})`, [manifest.id]);
    }
  }
  await findUnindexed(layout, index, add);
  return { ok: problems.length === 0, checkedBlocks: Object.keys(index.blocks).length, checkedModels: Object.keys(index.models).length, problems };
}

async function findUnindexed(layout: StoreLayout, index: IndexData, add: (kind: 'unindexed-file', block: undefined, file: string, what: string, models: ModelId[]) => void): Promise<void> {
  const hint = "not in the index (left by an interrupted writer?); 'alsatian store verify --rebuild-index' adopts it";
  for (const file of await list(layout.modelsDir)) {
    if (file.endsWith('.json') && !index.models[modelIdFromFileStem(file.slice(0, -5))]) add('unindexed-file', undefined, join(layout.modelsDir, file), hint, []);
  }
  for (const fan of await list(layout.blocksDir)) {
    for (const file of await list(join(layout.blocksDir, fan))) {
      const id = file.replace(/\.(json|safetensors)$/, '');
      if (!file.endsWith('.tmp') && !index.blocks[id]) add('unindexed-file', undefined, join(layout.blocksDir, fan, file), hint, []);
    }
  }
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
