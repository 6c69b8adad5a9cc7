/**
 * bench:paper-config — Base, SHiFT and Alsatian on the configuration the original implementation was measured on
 * with 2 CPU cores: 35 distinct resnet18 snapshots per distribution (the reference's own draws: Top-Layers,
 * Top-25%, Top-50%), a 10-class folder of 256x256 JPEGs (quality 90), 256/64 and 512/128 train/test items at
 * 224 px, batch 32, cache and block-cache budgets of 10 GB, deterministic proxy.
 *
 * Each store is verified (every file hashed) before the runs, as after an earlier search or `store verify`: no run
 * hashes a file, so no strategy pays for checks an earlier one made (see the store's verified.json).
 *
 * Per cell and strategy it also prints the floor: the time to run each unique block once over the items the
 * strategy's schedule makes it see (per iteration, the blocks of the models still alive over that iteration's new
 * items, and the test items in the first), at the fused resnet18 throughput measured in this run, each block's
 * share by its FLOPs.
 *
 *   npm run bench:paper-config -- [--json] [--distributions top-layers,top-25,top-50] [--items 320,640]
 *                                 [--strategies baseline,shift,alsatian] [--dir DIR (keep stores and data)]
 *                                 [--store-read-limit 200MB/s]
 *
 * The last line is JSON: {machine, fusedImagesPerSecond, cells:[{distribution, items, strategy, total,
 * prepareModel, prepareModelParts, prepareData, inference, proxy, cache, planning, sessionsCreated, floor}],
 * checks}.
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { relaunchWithAllocatorSettings, parseRate } from '@alsatian/core';
import { openDataset, writeSyntheticImageFolder } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { buildModel, describeArchitecture } from '@alsatian/models';
import { createProxy } from '@alsatian/proxies';
import { checkDistribution, generateSnapshotSet, openStore, type ModelStore } from '@alsatian/store';
import { search, STRATEGY_NAMES, type SearchResult } from '../src/index.ts';

// glibc malloc settings that let sessions reuse freed memory (see libs/core/src/allocator.ts).
await relaunchWithAllocatorSettings();

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    distributions: { type: 'string', default: 'top-layers,top-25,top-50' },
    items: { type: 'string', default: '320,640' },
    strategies: { type: 'string', default: STRATEGY_NAMES.join(',') },
    dir: { type: 'string' },
    'store-read-limit': { type: 'string' },
  },
});

const ARCH = 'resnet18';
const BATCH = 32;
const BUDGET = 10e9;
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const distributions = list(args.distributions!).map(checkDistribution);
const itemCounts = list(args.items!).map(Number);
const strategies = list(args.strategies!);
const readLimit = args['store-read-limit'] ? parseRate(args['store-read-limit'], '--store-read-limit') : undefined;
const log = (line: string) => process.stderr.write(`${line}\n`);

const root = args.dir ?? (await mkdtemp(join(tmpdir(), 'bench-paper-config-')));
await mkdir(root, { recursive: true });
try {
  const fused = await fusedImagesPerSecond();
  log(`fused ${ARCH} (batch ${BATCH}, 224 px, ${availableParallelism()} threads): ${fused.toFixed(1)} img/s`);
  const blockShare = flopsShares();
  const rows: Record<string, unknown>[] = [];
  for (const distribution of distributions) {
    const storeDir = await ensureStore(distribution);
    const verified = await (await openStore(storeDir)).verify();
    if (!verified.ok) throw new Error(`${storeDir} is damaged: ${verified.problems[0].message}`);
    for (const items of itemCounts) {
      const data = await ensureData(items);
      for (const strategy of strategies) {
        const store = await openStore(storeDir, { readLimitBytesPerSec: readLimit, verifyReads: 'once' });
        const result = await runSearch(store, data, strategy);
        // Each strategy's own schedule: Base keeps every model for every item, SH strategies drop models.
        const floor = floorSeconds(store, result, items, blockShare, fused);
        const m = result.measurements;
        const row = {
          distribution,
          items,
          strategy,
          total: m.total,
          prepareModel: m.prepareModel,
          prepareModelParts: m.prepareModelParts,
          prepareData: m.prepareData,
          inference: m.inference,
          proxy: m.proxy,
          cache: m.cache,
          planning: m.planning,
          sessionsCreated: result.iterations.reduce((s, i) => s + i.sessionsCreated, 0),
          winner: result.ranking[0].model,
          floor,
        };
        rows.push(row);
        log(
          `${distribution.padEnd(10)} ${String(items).padStart(4)} items  ${strategy.padEnd(8)} total ` +
            `${fmt(m.total)}  prepare model ${fmt(m.prepareModel)} (read ${fmt(m.prepareModelParts.read)}, ` +
            `lower ${fmt(m.prepareModelParts.lower)}, session ${fmt(m.prepareModelParts.session)})  prepare ` +
            `data ${fmt(m.prepareData)}  inference ${fmt(m.inference)}  proxy ${fmt(m.proxy)}  sessions ` +
            `${row.sessionsCreated}  floor ${fmt(floor)}`,
        );
      }
    }
  }
  const checks = checksOf(rows);
  for (const c of checks) log(`${c.holds ? 'holds  ' : 'differs'} ${c.rule}: ${c.detail}`);
  const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model };
  process.stdout.write(`${JSON.stringify({ machine, fusedImagesPerSecond: fused, cells: rows, checks })}\n`);
} finally {
  if (!args.dir) await rm(root, { recursive: true, force: true });
}

function fmt(seconds: number): string {
  return `${seconds.toFixed(1).padStart(6)} s`;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/** The reference's 35-model set for the distribution (its first 34 non-zero draws), generated once. */
async function ensureStore(distribution: ReturnType<typeof checkDistribution>): Promise<string> {
  const dir = join(root, `store-${distribution}`);
  if (!(await exists(join(dir, 'index.json')))) {
    log(`generating 35 distinct ${ARCH} snapshots (${distribution}) ...`);
    await generateSnapshotSet(await openStore(dir), {
      architecture: ARCH,
      count: 35,
      distribution,
      paperIndices: true,
      seed: 42,
    });
  }
  return dir;
}

/** A 10-class JPEG folder with 80% of `items` for training and 20% for testing (256/64, 512/128). */
async function ensureData(items: number): Promise<string> {
  const dir = join(root, `data-${items}`);
  if (!(await exists(join(dir, 'val'))))
    await writeSyntheticImageFolder(dir, {
      classes: 10,
      train: (items * 4) / 5,
      test: items / 5,
      seed: 1,
      size: 256,
      quality: 90,
    });
  return dir;
}

async function runSearch(store: ModelStore, data: string, strategy: string): Promise<SearchResult> {
  const dataset = await openDataset(data, { imageSize: 224, recycleBatches: true });
  const engine = await createEngine({ preparation: { compiledKeepBytes: BUDGET } });
  try {
    return await search({
      store,
      dataset,
      strategy,
      engine,
      proxy: createProxy('linear'),
      cacheBudgetBytes: BUDGET,
      batchSize: BATCH,
      deterministic: true,
      seed: 42,
    });
  } finally {
    await engine.dispose();
    await dataset.close();
  }
}

/** Images per second of one fused resnet18 session (median of 5 batches after one warm-up). */
async function fusedImagesPerSecond(): Promise<number> {
  const engine = await createEngine({});
  try {
    const model = buildModel(ARCH, { seed: 1 });
    const unit = await engine.prepare(model.blocks);
    const [spec] = model.blocks[0].descriptor.inputs;
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const x = {
      dtype: 'float32' as const,
      shape: [BATCH, ...spec.shape],
      data: Float32Array.from({ length: BATCH * size }, (_, i) => Math.sin(i)),
    };
    await unit.run([x]);
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      await unit.run([x]);
      times.push((performance.now() - t0) / 1000);
    }
    times.sort((a, b) => a - b);
    return BATCH / times[2];
  } finally {
    await engine.dispose();
  }
}

/** Each block's share of the model's FLOPs (the floor charges a block this share of a fused item). */
function flopsShares(): number[] {
  const info = describeArchitecture(ARCH);
  const total = info.blocks.reduce((s, b) => s + b.flops, 0);
  return info.blocks.map((b) => b.flops / total);
}

/**
 * Seconds to run every unique block of the alive models once over each item it must see: per iteration, the
 * alive models' distinct block prefixes over the iteration's new train items (plus the test items in the first).
 */
function floorSeconds(
  store: ModelStore,
  result: SearchResult,
  items: number,
  share: readonly number[],
  imagesPerSecond: number,
): number {
  const test = items / 5;
  let seconds = 0;
  for (const it of result.iterations) {
    const newItems = it.trainRange.end - it.trainRange.start + (it.iteration === 0 ? test : 0);
    const prefixes = new Map<string, number>();
    for (const { model } of it.ranking) {
      const blocks = store.getModel(model).blocks;
      blocks.forEach((_, j) => prefixes.set(blocks.slice(0, j + 1).join(), j));
    }
    for (const depth of prefixes.values()) seconds += (newItems * share[depth]) / imagesPerSecond;
  }
  return seconds;
}

/** The targets, computed: Alsatian's prepare model <= 20% of its inference, its total <= 1.5x the floor. */
function checksOf(rows: Record<string, unknown>[]) {
  const als = rows.filter((r) => r.strategy === 'alsatian') as {
    distribution: string;
    items: number;
    prepareModel: number;
    inference: number;
    total: number;
    floor: number;
  }[];
  // Without an Alsatian cell there is nothing to check (a rule over no cells would hold vacuously).
  if (als.length === 0) return [];
  const cell = (r: { distribution: string; items: number }) => `${r.distribution}/${r.items}`;
  const prep = als.map((r) => ({ cell: cell(r), ratio: r.prepareModel / r.inference }));
  const floor = als.map((r) => ({ cell: cell(r), ratio: r.total / r.floor }));
  return [
    {
      rule: "Alsatian's prepare model <= 20% of its inference",
      holds: prep.every((p) => p.ratio <= 0.2),
      detail: prep.map((p) => `${p.cell} ${(100 * p.ratio).toFixed(0)}%`).join(', '),
    },
    {
      rule: "Alsatian's total <= 1.5x its floor",
      holds: floor.every((p) => p.ratio <= 1.5),
      detail: floor.map((p) => `${p.cell} ${p.ratio.toFixed(2)}x`).join(', '),
    },
  ];
}
