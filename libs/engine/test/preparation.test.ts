/**
 * How a unit is prepared must never change what it computes: compiled and loaded from a file, created directly,
 * with weights external or inlined, pre-packed or not, reused from a compiled-unit directory kept on disk, and
 * cut into several units anywhere a unit may start. Every comparison here is bit for bit.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { itemBytes, type Block, type HostTensor } from '@alsatian/core';
import { buildModel, joinsPrevious } from '@alsatian/models';
import { sliceItems } from '../src/batch-slices.ts';
import { createEngine, type CreateEngineOptions } from '../src/index.ts';
import { sampleBatch } from './helpers.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function outputs(
  blocks: readonly Block[],
  batch: readonly HostTensor[],
  options: CreateEngineOptions,
  contentKey?: string,
): Promise<HostTensor[]> {
  const engine = await createEngine({ threads: 2, ...options });
  try {
    return await (await engine.prepare(blocks, { contentKey, continuesChain: true })).run(batch);
  } finally {
    await engine.dispose();
  }
}

function expectIdentical(a: readonly HostTensor[], b: readonly HostTensor[]): void {
  expect(a.map((t) => t.shape)).toEqual(b.map((t) => t.shape));
  a.forEach((t, i) =>
    expect(
      Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(
        Buffer.from(b[i].data.buffer, b[i].data.byteOffset, b[i].data.byteLength),
      ),
    ).toBe(true),
  );
}

describe('unit preparation', () => {
  // resnet18's first stage at 224 px: 64 channels, so the CPU provider's blocked layout and fusions are in play.
  const blocks = buildModel('resnet18', { seed: 5 }).blocks.slice(4, 8);
  const batch = sampleBatch(blocks[0].descriptor.inputs, 2);

  it('gives bit-identical outputs however the unit is prepared', async () => {
    const fromScratch = await outputs(blocks, batch, {
      preparation: { sessions: 'direct', weights: 'inline', prepacking: true },
    });
    // A content key makes the default CPU engine compile the unit and run it from the saved file.
    expectIdentical(await outputs(blocks, batch, {}, 'compiled'), fromScratch);
    expectIdentical(await outputs(blocks, batch, {}), fromScratch);
    expectIdentical(await outputs(blocks, batch, { preparation: { sessions: 'direct' } }), fromScratch);
    expectIdentical(
      await outputs(blocks, batch, { preparation: { weights: 'inline', prepacking: true } }, 'compiled'),
      fromScratch,
    );
  });

  it('runs a batch in slices when its activations exceed sliceBytes, with the outputs of one run', async () => {
    const items = 5;
    const five = sampleBatch(blocks[0].descriptor.inputs, items);
    const perItem = itemBytes(blocks[0].descriptor.inputs[0]);
    expect(sliceItems(blocks, 2 * perItem + 1)).toBe(2);
    expect(sliceItems(blocks, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    const whole = await outputs(blocks, five, { preparation: { sliceBytes: Number.POSITIVE_INFINITY } });
    for (const sliceBytes of [perItem, 2 * perItem + 1]) {
      const sliced = await outputs(blocks, five, { preparation: { sliceBytes } });
      expect(sliced[0].shape[0]).toBe(items);
      expectIdentical(sliced, whole);
    }
  });

  it('reuses a compiled unit kept on disk by another engine, with the same outputs, and only loads it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alsatian-compiled-test-'));
    dirs.push(dir);
    const first = await createEngine({ preparation: { compiledDir: dir } });
    const a = await first.prepare(blocks, { contentKey: 'stage1', continuesChain: true });
    const outA = await a.run(batch);
    await first.dispose();
    expect((await readdir(dir)).filter((f) => f.endsWith('.onnx'))).toHaveLength(1);

    const second = await createEngine({ preparation: { compiledDir: dir } });
    const phases: string[] = [];
    const b = await second.prepare(blocks, {
      contentKey: 'stage1',
      continuesChain: true,
      onPhase: (p) => phases.push(p),
    });
    expect(b.timings.source).toBe('reused');
    expect(phases).not.toContain('lower');
    expectIdentical(await b.run(batch), outA);
    // Another content key is another unit: compiled anew.
    const c = await second.prepare(blocks, { contentKey: 'other', continuesChain: true });
    expect(c.timings.source).toBe('compiled');
    await second.dispose();
  });

  it('compiles only units that will be loaded again; the others get direct sessions, same outputs', async () => {
    const engine = await createEngine();
    const dir = engine.compiledDir!;
    const onnxFiles = async () => (await readdir(dir)).filter((f) => f.endsWith('.onnx'));
    // No content key: nothing could find the unit again.
    const once = await engine.prepare(blocks, { continuesChain: true });
    expect(once.timings.source).toBe('direct');
    expect(once.borrowsWeights).toBe(true);
    // A content key, but the caller does not expect to prepare it again.
    const single = await engine.prepare(blocks, { contentKey: 'single', reuseExpected: false, continuesChain: true });
    expect(single.timings.source).toBe('direct');
    expect(await onnxFiles()).toEqual([]);
    // Expected again: compiled, and the compiled unit runs from its own file.
    const shared = await engine.prepare(blocks, { contentKey: 'shared', continuesChain: true });
    expect(shared.timings.source).toBe('compiled');
    expect(shared.borrowsWeights).toBe(false);
    expect(await onnxFiles()).toHaveLength(1);
    // Once compiled, it is loaded even where no reuse was expected.
    const again = await engine.prepare(blocks, { contentKey: 'shared', reuseExpected: false, continuesChain: true });
    expect(again.timings.source).toBe('reused');
    const out = await once.run(batch);
    for (const unit of [single, shared, again]) expectIdentical(await unit.run(batch), out);
    await engine.dispose();
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });

  it('with a compiled-unit directory kept for later searches, compiles every unit with a content key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alsatian-compiled-test-'));
    dirs.push(dir);
    const engine = await createEngine({ preparation: { compiledDir: dir } });
    const unit = await engine.prepare(blocks, { contentKey: 'later', reuseExpected: false, continuesChain: true });
    expect(unit.timings.source).toBe('compiled');
    await engine.dispose();
    expect((await readdir(dir)).filter((f) => f.endsWith('.onnx'))).toHaveLength(1);
  });

  it('keeps units prepared with a content key for reuse, least recently used first out over the budget', async () => {
    const oneUnit = (await outputsBytes()) + 1;
    const engine = await createEngine({ preparation: { compiledKeepBytes: oneUnit } });
    const dir = engine.compiledDir!;
    const a = await engine.prepare(blocks, { contentKey: 'a' });
    await a.dispose();
    const again = await engine.prepare(blocks, { contentKey: 'a' });
    expect(again.reused).toBe(true);
    await again.dispose();
    // A second kept unit pushes the first out: the budget holds one.
    await (await engine.prepare(blocks, { contentKey: 'b' })).dispose();
    expect((await readdir(dir)).filter((f) => f.endsWith('.onnx'))).toHaveLength(1);
    expect((await engine.prepare(blocks, { contentKey: 'a' })).reused).toBe(false);
    await engine.dispose();

    /** Bytes of one compiled unit of `blocks` (model + weights files). */
    async function outputsBytes(): Promise<number> {
      const probe = await createEngine();
      await probe.prepare(blocks, { contentKey: 'size' });
      const files = await readdir(probe.compiledDir!);
      let bytes = 0;
      for (const f of files) bytes += (await stat(join(probe.compiledDir!, f))).size;
      await probe.dispose();
      return bytes;
    }
  });
});

describe('cut anywhere a unit may start', () => {
  /** Runs blocks [from, to) fused, then cut in two at every block that may start a unit; all must match bit for bit. */
  async function checkCuts(name: string, from = 0, to?: number): Promise<number> {
    const blocks = buildModel(name, { seed: 11 }).blocks.slice(from, to);
    const batch = sampleBatch(blocks[0].descriptor.inputs, 2);
    const continuesChain = from > 0;
    const engine = await createEngine({ threads: 2 });
    try {
      const fused = await (await engine.prepare(blocks, { continuesChain })).run(batch);
      let cuts = 0;
      for (let at = 1; at < blocks.length; at++) {
        if (joinsPrevious(blocks[at].descriptor)) continue;
        const head = await engine.prepare(blocks.slice(0, at), { continuesChain });
        const tail = await engine.prepare(blocks.slice(at), { continuesChain: true });
        expectIdentical(await tail.run(await head.run(batch)), fused);
        await Promise.all([head.dispose(), tail.dispose()]);
        cuts++;
      }
      return cuts;
    } finally {
      await engine.dispose();
    }
  }

  it("resnet18: every cut gives the fused model's features", async () => {
    expect(await checkCuts('resnet18')).toBe(11);
  });

  it("mobilenet_v2: every cut gives the fused model's features", async () => {
    expect(await checkCuts('mobilenet_v2')).toBeGreaterThanOrEqual(18);
  });

  it('vit_b_32: cuts in the embedding, first and last encoder blocks (final layer norm joins its block)', async () => {
    expect(await checkCuts('vit_b_32', 0, 6)).toBe(5);
    expect(await checkCuts('vit_b_32', 12)).toBe(3);
  });
});
