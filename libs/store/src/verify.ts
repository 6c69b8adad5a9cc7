/**
 * A full check of a store: every indexed block's descriptor and weights files exist and match the block id (size
 * and sha256), every model's blocks are indexed and its manifest file matches the index, and no file lies
 * outside the index. Each problem names the block, the file and every model that uses the block.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlockId, Json, ModelId, ModelManifest } from '@alsatian/core';
import { BadInputError, canonicalJson, parseJson, tempFileOwner } from '@alsatian/core';
import { descriptorHash, splitBlockId } from './block-id.ts';
import type { StoreLayout } from './layout.ts';
import { modelIdFromFileStem } from './layout.ts';
import { readVerified } from './read-verified.ts';
import type { IndexData } from './store-index.ts';
import { checkBlockRecord, checkManifest } from './store-schema.ts';

export interface StoreProblem {
  readonly kind:
    | 'missing-file'
    | 'size-mismatch'
    | 'hash-mismatch'
    | 'bad-descriptor'
    | 'missing-block'
    | 'manifest-mismatch'
    | 'unindexed-file';
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

export async function verifyStore(
  layout: StoreLayout,
  index: IndexData,
  modelsUsing: (id: BlockId) => ModelId[],
  hashes: boolean,
  /** Called for each weights file whose sha256 matched its block id, with the file's signature. */
  onMatch: (id: BlockId, signature: string) => void = () => undefined,
): Promise<VerifyReport> {
  const problems: StoreProblem[] = [];
  const add = (
    kind: StoreProblem['kind'],
    block: BlockId | undefined,
    file: string | undefined,
    what: string,
    models: readonly ModelId[] = block ? modelsUsing(block) : [],
  ) => {
    const who = block ? ` (block ${block}; used by ${models.length ? models.join(', ') : 'no model'})` : '';
    problems.push({ kind, block, file, models, message: `${file ?? ''}${file ? ': ' : ''}${what}${who}` });
  };
  for (const [id, entry] of Object.entries(index.blocks)) {
    const descriptorFile = layout.descriptorFile(id);
    try {
      const record = checkBlockRecord(
        parseJson(await readFile(descriptorFile, 'utf8'), descriptorFile, 'a block descriptor record'),
        descriptorFile,
      );
      if (descriptorHash(record.descriptor) !== splitBlockId(id).descriptorHash)
        add('bad-descriptor', id, descriptorFile, 'descriptor hash does not match the block id');
    } catch (error) {
      add(
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing-file' : 'bad-descriptor',
        id,
        descriptorFile,
        `descriptor unreadable (${(error as Error).message})`,
      );
    }
    const weightsFile = layout.weightsFile(id);
    try {
      const read = await readVerified(weightsFile, entry.bytes, { hash: hashes });
      if (read.fileBytes !== entry.bytes)
        add('size-mismatch', id, weightsFile, `has ${read.fileBytes} bytes, expected ${entry.bytes}`);
      else if (read.sha256 !== undefined && read.sha256 !== splitBlockId(id).weightsHash)
        add('hash-mismatch', id, weightsFile, `sha256 ${read.sha256} does not match the block id`);
      else if (read.sha256 !== undefined) onMatch(id, read.signature);
    } catch (error) {
      add(
        'missing-file',
        id,
        weightsFile,
        `weights unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  }
  for (const manifest of Object.values(index.models)) {
    for (const block of new Set(manifest.blocks)) {
      if (!index.blocks[block])
        add('missing-block', block, undefined, `model ${manifest.id} references a block the store does not have`, [
          manifest.id,
        ]);
    }
  }
  problems.push(...(await verifyManifests(layout, Object.values(index.models))));
  await findUnindexed(layout, index, add);
  return {
    ok: problems.length === 0,
    checkedBlocks: Object.keys(index.blocks).length,
    checkedModels: Object.keys(index.models).length,
    problems,
  };
}

/** Each manifest file must hold exactly the index's copy of its manifest (search and list read the index). */
export async function verifyManifests(
  layout: StoreLayout,
  manifests: readonly ModelManifest[],
): Promise<StoreProblem[]> {
  const problems: StoreProblem[] = [];
  for (const manifest of manifests) {
    const file = layout.modelFile(manifest.id);
    const problem = (kind: StoreProblem['kind'], what: string) =>
      problems.push({ kind, file, models: [manifest.id], message: `${file}: manifest of ${manifest.id} ${what}` });
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      problem('missing-file', `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    try {
      const onDisk = checkManifest(parseJson(text, file, 'a model manifest'), file, manifest.id);
      if (canonicalJson(onDisk as unknown as Json) !== canonicalJson(manifest as unknown as Json))
        problem('manifest-mismatch', 'differs from the index');
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      problem('manifest-mismatch', `is damaged: ${error.message.replace(`${file}: `, '')}`);
    }
  }
  return problems;
}

async function findUnindexed(
  layout: StoreLayout,
  index: IndexData,
  add: (kind: 'unindexed-file', block: undefined, file: string, what: string, models: ModelId[]) => void,
): Promise<void> {
  const hint = "not in the index (left by an interrupted writer?); 'alsatian store verify --rebuild-index' adopts it";
  for (const file of await list(layout.modelsDir)) {
    const id = file.endsWith('.json') ? modelIdFromFileStem(file.slice(0, -5)) : undefined;
    if (file.endsWith('.json') && (id === undefined || !index.models[id]))
      add('unindexed-file', undefined, join(layout.modelsDir, file), hint, []);
  }
  for (const fan of await list(layout.blocksDir)) {
    for (const file of await list(join(layout.blocksDir, fan))) {
      const id = file.replace(/\.(json|safetensors)$/, '');
      if (tempFileOwner(file) === undefined && !index.blocks[id])
        add('unindexed-file', undefined, join(layout.blocksDir, fan, file), hint, []);
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
