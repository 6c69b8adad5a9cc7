/**
 * Block-read throughput of the store against a plain sequential read of the same files in the same run.
 *
 *   npx tsx libs/store/bench/store.bench.ts [--archs resnet152,vit_l_32] [--reps 3] [--sessions 6]
 *
 * For each architecture, its feature blocks are written to a fresh store (weights filled uniformly from a seed:
 * values do not change read cost, and this is much faster than the real init), then three readers run in turn,
 * `reps` times, and medians are printed:
 *   plain      fs.readFile of every weights file, in block order;
 *   store      getBlock (size check, sha256, safetensors parse into tensors);
 *   store-nohash getBlock with verifyReads 'never';
 *   store-once   getBlock with verifyReads 'once' (hashed on the first rep only: what repeated SH reads cost).
 * All reads are warm (the files were just written and fit the page cache): Node cannot drop the page cache
 * (no posix_fadvise), so both sides are measured on equal, warm terms. A rate-limited pass (200 MB/s) shows the
 * token bucket's pacing, and ONNX Runtime session creation time per block (CPU EP) is measured for the first
 * `sessions` blocks.
 */
import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Block, HostTensor } from '@alsatian/core';
import { relaunchWithAllocatorSettings, float32Tensor, numel, Rng } from '@alsatian/core';
import { createEngine } from '@alsatian/engine';
import { architecture, blockKind, describeBlocks } from '@alsatian/models';
import { openStore, storeLayout } from '../src/index.ts';

// glibc malloc settings that let sessions reuse freed memory (see libs/core/src/allocator.ts).
await relaunchWithAllocatorSettings();

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const archs = (args.get('archs') ?? 'resnet152,vit_l_32').split(',');
const reps = Number(args.get('reps') ?? 3);
const sessions = Number(args.get('sessions') ?? 6);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => bytes / 1e6;

function cheapBlock(arch: string, j: number): Block {
  const { features } = describeBlocks(architecture(arch));
  const d = features[j];
  const rng = Rng.derive(1, 'bench', arch, j);
  const weights = new Map<string, HostTensor>();
  for (const w of blockKind(d.kind).weights(d.inputs, d.attrs))
    weights.set(w.name, float32Tensor(w.shape, rng.fillUniform(new Float32Array(numel(w.shape)), -0.05, 0.05)));
  return { descriptor: d, weights };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

for (const arch of archs) {
  const dir = await mkdtemp(join(tmpdir(), `store-bench-${arch}-`));
  const store = await openStore(dir);
  const ids: string[] = [];
  await store.batch(async () => {
    for (let j = 0; j < describeBlocks(architecture(arch)).features.length; j++)
      ids.push(await store.putBlock(cheapBlock(arch, j)));
  });
  const layout = storeLayout(dir);
  const bytes = ids.reduce((s, id) => s + store.listBlocks().find((b) => b.id === id)!.bytes, 0);
  const noHash = await openStore(dir, { verifyReads: 'never' });
  const once = await openStore(dir, { verifyReads: 'once' });
  const readers: Record<string, () => Promise<void>> = {
    plain: async () => {
      for (const id of ids) await readFile(layout.weightsFile(id));
    },
    store: async () => {
      for (const id of ids) await store.getBlock(id);
    },
    'store-nohash': async () => {
      for (const id of ids) await noHash.getBlock(id);
    },
    'store-once': async () => {
      for (const id of ids) await once.getBlock(id);
    },
  };
  const seconds: Record<string, number[]> = { plain: [], store: [], 'store-nohash': [], 'store-once': [] };
  await readers.plain(); // warm-up: every file in the page cache before timing
  for (let r = 0; r < reps; r++) for (const [name, fn] of Object.entries(readers)) seconds[name].push(await timed(fn));
  const plainRate = mb(bytes) / median(seconds.plain);
  console.log(`\n${arch}: ${ids.length} blocks, ${mb(bytes).toFixed(1)} MB, warm page cache, median of ${reps}`);
  for (const [name, s] of Object.entries(seconds)) {
    const rate = mb(bytes) / median(s);
    console.log(
      `  ${name.padEnd(13)} ${rate.toFixed(0).padStart(6)} MB/s  (${((100 * rate) / plainRate).toFixed(0)}% of plain)`,
    );
  }

  // Rate limit: read up to ~400 MB at 200 MB/s and report the achieved rate.
  const limited = await openStore(dir, { readLimitBytesPerSec: 200e6 });
  let limitedBytes = 0;
  const limitedIds: string[] = [];
  for (const id of ids)
    if (limitedBytes < 400e6) {
      limitedIds.push(id);
      limitedBytes += store.listBlocks().find((b) => b.id === id)!.bytes;
    }
  const limitedSeconds = await timed(async () => {
    for (const id of limitedIds) await limited.getBlock(id);
  });
  console.log(
    `  limited 200MB/s ${(mb(limitedBytes) / limitedSeconds).toFixed(0).padStart(4)} MB/s over ` +
      `${mb(limitedBytes).toFixed(0)} MB`,
  );

  const engine = await createEngine({ ep: 'cpu' });
  const prep: string[] = [];
  for (const id of ids.slice(0, sessions)) {
    const block = await store.getBlock(id);
    const t = performance.now();
    const unit = await engine.prepare([block]);
    prep.push(`${block.descriptor.kind} ${((performance.now() - t) / 1000).toFixed(3)} s`);
    await unit.dispose();
  }
  await engine.dispose();
  console.log(`  session creation (CPU EP), first ${prep.length} blocks: ${prep.join(', ')}`);
  await rm(dir, { recursive: true, force: true });
}
