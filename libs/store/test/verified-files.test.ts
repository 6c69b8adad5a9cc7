import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntegrityError, silentLogger } from '@alsatian/core';
import { blockIdOf, openStore, storeLayout } from '../src/index.ts';
import { VerifiedFiles } from '../src/verified-files.ts';
import { makeBlock, modelInput, tempDir } from './helpers.ts';

const ID = 'a'.repeat(128);
/** A signature as readVerified makes it: inode:size:ctime in nanoseconds. */
const signature = (inode: number, ctimeMs: number) => `${inode}:100:${BigInt(ctimeMs) * 1_000_000n}`;

describe('verified files', () => {
  it('keeps a matched signature for later processes once its ctime has settled, and forgets it on demand', async () => {
    const path = join(await tempDir(), 'verified.json');
    const settled = signature(7, Date.now() - 10_000);
    const first = await VerifiedFiles.open(path, silentLogger, 5_000);
    first.record(ID, settled);
    await first.flush();
    const second = await VerifiedFiles.open(path, silentLogger, 5_000);
    expect(second.matches(ID, settled)).toBe(true);
    expect(second.matches(ID, signature(8, Date.now() - 10_000))).toBe(false); // another inode: another file

    second.forget(ID);
    expect(second.matches(ID, settled)).toBe(false);
    await second.flush();
    expect((await VerifiedFiles.open(path, silentLogger)).matches(ID, settled)).toBe(false);
  });

  it('keeps a fresh ctime in this process only: a write in the same tick could go unnoticed', async () => {
    const path = join(await tempDir(), 'verified.json');
    const fresh = signature(7, Date.now());
    const files = await VerifiedFiles.open(path, silentLogger, 5_000);
    files.record(ID, fresh);
    await files.flush();
    expect(files.matches(ID, fresh)).toBe(true);
    expect((await VerifiedFiles.open(path, silentLogger, 5_000)).matches(ID, fresh)).toBe(false);
  });

  it('treats a damaged or foreign file as empty', async () => {
    const path = join(await tempDir(), 'verified.json');
    const settled = signature(7, Date.now() - 10_000);
    for (const text of ['{not json', '{"format":2,"files":{}}', `{"format":1,"files":{"${ID}":5}}`]) {
      await writeFile(path, text);
      expect((await VerifiedFiles.open(path, silentLogger)).matches(ID, settled)).toBe(false);
    }
  });

  it('lets a later store handle skip the hash of an unchanged file, and catches one rewritten since', async () => {
    const dir = await tempDir();
    const block = makeBlock(3);
    const id = blockIdOf(block);
    await (await openStore(dir)).putModel(modelInput('m', 1), [block]);
    // Signatures are kept only once the file's ctime is two seconds old.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const report = await (await openStore(dir)).verify();
    expect(report.ok).toBe(true);
    const kept = JSON.parse(await readFile(storeLayout(dir).verified, 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(kept.files)).toEqual([id]);

    const file = storeLayout(dir).weightsFile(id);
    const bytes = await readFile(file);
    bytes[bytes.length - 2] ^= 0x04; // same size, another ctime
    await writeFile(file, bytes);
    await expect((await openStore(dir, { verifyReads: 'once' })).getBlock(id)).rejects.toThrow(IntegrityError);
  });
});
