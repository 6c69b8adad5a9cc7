/**
 * The exchange directory: what jobs hand to each other, on a filesystem every worker and the coordinator can
 * read (NFS, a cluster filesystem, or one machine's disk). Every file is named by content (node id = hash of the
 * block prefix, data key, absolute item range of one batch), written to a temp name and renamed, so a retried or
 * duplicated job rewrites the same bytes under the same name and a reader never sees half a file. Files are per
 * batch (absolute item range) so that a job may cut a range differently from the job that reads it.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostTensor, ItemRange, Split } from '@alsatian/core';
import { BadInputError, numel, parseJson, writeFileAtomic } from '@alsatian/core';
import type { NodeId } from '@alsatian/planner';
import type { JobResult } from './job.ts';

/** The absolute item range of batch `batch` of a piece (batches start at the piece's start). */
export function batchRange(piece: ItemRange, batch: number, batchSize: number): ItemRange {
  const start = piece.start + batch * batchSize;
  return { start, end: Math.min(piece.end, start + batchSize) };
}

export class Exchange {
  constructor(
    readonly dir: string,
    private readonly dataKey: string,
  ) {}

  featurePath(node: NodeId, split: Split, range: ItemRange): string {
    return join(this.dir, 'features', this.dataKey, node.slice(0, 2), node, `${split}-${range.start}-${range.end}.bin`);
  }

  labelPath(split: Split, range: ItemRange): string {
    return join(this.dir, 'labels', this.dataKey, `${split}-${range.start}-${range.end}.bin`);
  }

  async writeFeatures(node: NodeId, split: Split, range: ItemRange, tensors: readonly HostTensor[]): Promise<void> {
    await writeFileAtomic(this.featurePath(node, split, range), encode(tensors));
  }

  async readFeatures(node: NodeId, split: Split, range: ItemRange): Promise<HostTensor[]> {
    return decode(await readNamed(this.featurePath(node, split, range), `features of node ${node}`));
  }

  async writeLabels(split: Split, range: ItemRange, labels: Int32Array): Promise<void> {
    const path = this.labelPath(split, range);
    if (await exists(path)) return;
    await writeFileAtomic(path, new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
  }

  async readLabels(split: Split, range: ItemRange): Promise<Int32Array> {
    const bytes = await readNamed(this.labelPath(split, range), `labels of ${split} items ${range.start}-${range.end}`);
    return new Int32Array(Uint8Array.prototype.slice.call(bytes).buffer);
  }
}

/** Finished jobs' results, one JSON file per job key: what a re-run coordinator resumes from. */
export class ResultBook {
  constructor(private readonly dir: string) {}

  path(key: string): string {
    return join(this.dir, 'results', `${key}.json`);
  }

  async read(key: string): Promise<JobResult | undefined> {
    const text = await readFile(this.path(key), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : (parseJson(text, this.path(key), 'a job result') as unknown as JobResult);
  }

  async write(result: JobResult): Promise<void> {
    await writeFileAtomic(this.path(result.key), JSON.stringify(result));
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function readNamed(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new BadInputError(
      `The exchange has no ${what} at ${path}: the job that writes it has not run, or this worker cannot see ` +
        "the coordinator's exchange directory (every worker must mount it at the same path).",
      { cause: error },
    );
  }
}

/** 4-byte header length, JSON header [{dtype, shape}], raw data: the cache's file layout. */
function encode(tensors: readonly HostTensor[]): Uint8Array[] {
  const header = new TextEncoder().encode(JSON.stringify(tensors.map((t) => ({ dtype: t.dtype, shape: t.shape }))));
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setUint32(0, header.byteLength, true);
  return [prefix, header, ...tensors.map((t) => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength))];
}

function decode(bytes: Uint8Array): HostTensor[] {
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as {
    dtype: 'float32' | 'int64';
    shape: number[];
  }[];
  let offset = 4 + headerLength;
  return header.map(({ dtype, shape }) => {
    const length = numel(shape) * (dtype === 'float32' ? 4 : 8);
    // A fresh, aligned copy: the file buffer may start at any offset.
    const raw = Uint8Array.prototype.slice.call(bytes, offset, offset + length);
    offset += length;
    return { dtype, shape, data: dtype === 'float32' ? new Float32Array(raw.buffer) : new BigInt64Array(raw.buffer) };
  });
}
