/**
 * Shape checks of the store's JSON files (index, manifests, block descriptor records, format marker). They are
 * read back from disk, where anything may have happened to them (a crash, an edit, a copy from elsewhere), so
 * each value is checked field by field before the store trusts it; every problem is a BadInputError naming the
 * file and the field.
 */
import type { BlockDescriptor, BlockId, ModelId, ModelManifest } from '@alsatian/core';
import { BadInputError, jsonObject, printable } from '@alsatian/core';
import { BLOCK_ID_PATTERN } from './block-id.ts';
import { modelIdProblem, STORE_FORMAT } from './layout.ts';
import type { BlockEntry, IndexData } from './store-index.ts';

export interface BlockRecord {
  readonly descriptor: BlockDescriptor;
  readonly bytes: number;
}

type Fields = Record<string, unknown>;

function bad(source: string, what: string, expected: string, value: unknown): never {
  const shown =
    typeof value === 'string'
      ? `'${printable(value)}'`
      : Array.isArray(value)
        ? 'an array'
        : value === null
          ? 'null'
          : typeof value === 'object'
            ? 'an object'
            : String(value);
  throw new BadInputError(`${source}: ${what} must be ${expected}, got ${shown}.`);
}

function text(fields: Fields, key: string, source: string, where: string): string {
  const value = fields[key];
  return typeof value === 'string' ? value : bad(source, `${where}${key}`, 'a string', value);
}

function count(fields: Fields, key: string, source: string, where: string): number {
  const value = fields[key];
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? (value as number)
    : bad(source, `${where}${key}`, 'a non-negative integer', value);
}

function list(fields: Fields, key: string, source: string, where: string): unknown[] {
  const value = fields[key];
  return Array.isArray(value) ? value : bad(source, `${where}${key}`, 'an array', value);
}

function blockId(value: unknown, source: string, what: string): BlockId {
  return typeof value === 'string' && BLOCK_ID_PATTERN.test(value)
    ? value
    : bad(source, what, 'a block id (128 hex digits)', value);
}

function tensorSpec(value: unknown, source: string, what: string): void {
  const fields = jsonObject(value, source, what);
  if (fields.dtype !== 'float32' && fields.dtype !== 'int64')
    bad(source, `${what}.dtype`, "'float32' or 'int64'", fields.dtype);
  text(fields, 'name', source, `${what}.`);
  list(fields, 'shape', source, `${what}.`).forEach(
    (d, i) =>
      (Number.isSafeInteger(d) && (d as number) >= 0) ||
      bad(source, `${what}.shape[${i}]`, 'a non-negative integer', d),
  );
}

/** A manifest read from `source`; `expectedId`, when given (the file name's id), must be its id. */
export function checkManifest(value: unknown, source: string, expectedId?: ModelId): ModelManifest {
  const fields = jsonObject(value, source, 'a model manifest');
  const id = text(fields, 'id', source, '');
  const problem = modelIdProblem(id);
  if (problem !== undefined) bad(source, 'id', `a model id (${problem})`, id);
  if (expectedId !== undefined && id !== expectedId)
    throw new BadInputError(
      `${source}: holds the manifest of '${printable(id)}', but its file name says '${printable(expectedId)}'.`,
    );
  list(fields, 'blocks', source, '').forEach((b, i) => blockId(b, source, `blocks[${i}]`));
  jsonObject(fields.metadata, source, 'metadata');
  text(fields, 'architecture', source, '');
  text(fields, 'source', source, '');
  count(fields, 'featureDim', source, '');
  count(fields, 'params', source, '');
  // The value itself, not a copy: verify compares it with the file, and extra fields must not vanish.
  return fields as unknown as ModelManifest;
}

/** A block's descriptor record (`blocks/ab/<id>.json`). */
export function checkBlockRecord(value: unknown, source: string): BlockRecord {
  const fields = jsonObject(value, source, 'a block descriptor record');
  const d = jsonObject(fields.descriptor, source, 'descriptor');
  text(d, 'kind', source, 'descriptor.');
  jsonObject(d.attrs, source, 'descriptor.attrs');
  list(d, 'inputs', source, 'descriptor.').forEach((s, i) => tensorSpec(s, source, `descriptor.inputs[${i}]`));
  list(d, 'outputs', source, 'descriptor.').forEach((s, i) => tensorSpec(s, source, `descriptor.outputs[${i}]`));
  // The descriptor as stored (its hash is part of the block id), not a rebuilt copy.
  return { descriptor: d as unknown as BlockDescriptor, bytes: count(fields, 'bytes', source, '') };
}

/** The store index (`index.json`): format, every manifest (keyed by its id) and every block entry. */
export function checkIndex(value: unknown, source: string): IndexData {
  const fields = jsonObject(value, source, 'a store index');
  if (fields.format !== STORE_FORMAT)
    throw new BadInputError(
      `${source}: the store index has format ${JSON.stringify(fields.format)}; this version reads format ` +
        `${STORE_FORMAT}.`,
    );
  const models: Record<ModelId, ModelManifest> = {};
  for (const [id, manifest] of Object.entries(jsonObject(fields.models, source, 'models')))
    models[id] = checkManifest(manifest, `${source} (model '${printable(id)}')`, id);
  const blocks: Record<BlockId, BlockEntry> = {};
  for (const [id, entry] of Object.entries(jsonObject(fields.blocks, source, 'blocks'))) {
    const where = `${source} (block '${printable(id)}')`;
    const e = jsonObject(entry, where, 'a block entry');
    blocks[blockId(id, source, 'a key of blocks')] = {
      bytes: count(e, 'bytes', where, ''),
      kind: text(e, 'kind', where, ''),
    };
  }
  return { format: STORE_FORMAT, models, blocks };
}

/** The format marker (`alsatian-store.json`): its format number. */
export function checkMarker(value: unknown, source: string): number {
  const fields = jsonObject(value, source, 'a store format marker');
  return Number.isSafeInteger(fields.format)
    ? (fields.format as number)
    : bad(source, 'format', 'an integer', fields.format);
}
