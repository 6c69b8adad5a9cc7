/**
 * Which weights files have been hashed and found to match their block id, by the file's signature (inode, size,
 * ctime) at that moment: kept in `verified.json` so that `verifyReads: 'once'` hashes a file once per version of
 * it, not once per process. Any write to a file changes its ctime, which users cannot set back, so a changed file
 * no longer matches and is hashed again on its next read.
 *
 * Why: hashing runs at ~1.6 GB/s here, so a search that reads the 761 MB of a 35-model resnet18 set spent ~0.4 s
 * of its ~1 s of reads hashing, again in every process; a lake of hundreds of models pays it in seconds per search.
 *
 * A signature is kept on disk only once its ctime is SETTLE_MS old when the hash matched: a write landing in the
 * same ctime tick as the recorded one would otherwise go unnoticed. The file is a cache: unreadable or damaged, it
 * counts as empty; it cannot be written (a read-only store), nothing is kept across processes.
 */
import { readFile } from 'node:fs/promises';
import type { BlockId, Logger } from '@alsatian/core';
import { writeFileAtomic } from '@alsatian/core';

const FORMAT = 1;
const SETTLE_MS = 2000;

export class VerifiedFiles {
  /** Signatures that matched in this process (settled or not). */
  private readonly matched = new Map<BlockId, string>();
  private writing: Promise<void> = Promise.resolve();
  private writeQueued = false;

  private constructor(
    /** Where signatures are kept; undefined: in this process only. */
    private readonly path: string | undefined,
    /** Settled signatures: what the file on disk holds after the next write. */
    private readonly kept: Map<BlockId, string>,
    private readonly logger: Logger,
    private readonly settleMs: number,
  ) {
    for (const [id, signature] of kept) this.matched.set(id, signature);
  }

  /**
   * `path`: the file to read and keep signatures in (undefined: remember them in this process only). `settleMs`:
   * how old a ctime must be for its signature to be kept on disk (tests shorten it).
   */
  static async open(path: string | undefined, logger: Logger, settleMs = SETTLE_MS): Promise<VerifiedFiles> {
    return new VerifiedFiles(path, path === undefined ? new Map() : await readKept(path), logger, settleMs);
  }

  /** Whether the file of `id` was hashed and matched while it had this signature. */
  matches(id: BlockId, signature: string): boolean {
    return this.matched.get(id) === signature;
  }

  /** The file of `id`, with this signature, was hashed and matched its id. */
  record(id: BlockId, signature: string): void {
    this.matched.set(id, signature);
    if (this.kept.get(id) === signature || !settled(signature, this.settleMs)) return;
    this.kept.set(id, signature);
    this.queueWrite();
  }

  /** The file of `id` did not match (or is gone): it is hashed again on its next read. */
  forget(id: BlockId): void {
    this.matched.delete(id);
    if (this.kept.delete(id)) this.queueWrite();
  }

  /** Resolves once what was recorded so far is on disk (or failed to be written). */
  async flush(): Promise<void> {
    await this.writing;
  }

  /** One write for any number of records made before it starts; writes never overlap. */
  private queueWrite(): void {
    const path = this.path;
    if (path === undefined || this.writeQueued) return;
    this.writeQueued = true;
    this.writing = this.writing.then(async () => {
      this.writeQueued = false;
      const files = Object.fromEntries(this.kept);
      await writeFileAtomic(path, JSON.stringify({ format: FORMAT, files })).catch((error: Error) =>
        this.logger.debug(`store: could not keep verified signatures in ${path} (${error.message})`),
      );
    });
  }
}

/** The signature's ctime is at least `settleMs` in the past (signatures are `inode:size:ctimeNs`). */
function settled(signature: string, settleMs: number): boolean {
  const ctimeNs = signature.split(':')[2];
  if (ctimeNs === undefined || !/^\d+$/.test(ctimeNs)) return false;
  return Number(BigInt(ctimeNs) / 1_000_000n) <= Date.now() - settleMs;
}

async function readKept(path: string): Promise<Map<BlockId, string>> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as { format?: unknown; files?: unknown };
    if (data.format !== FORMAT || typeof data.files !== 'object' || data.files === null) return new Map();
    return new Map(Object.entries(data.files).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return new Map();
  }
}
