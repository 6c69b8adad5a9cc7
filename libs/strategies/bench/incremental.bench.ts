/**
 * bench:incremental — a model lake that grows, searched with a persistent feature store: 35 distinct resnet18
 * snapshots (the reference's Top-Layers draws), a 10-class JPEG folder (80% train, 20% test, 224 px), Alsatian,
 * batch 32, deterministic linear proxy. Then:
 *
 *   1. first search over the 35 models, into an empty feature store (the reference);
 *   2. 4 models fine-tuned from the same base are added; search the 39 (target: <= 20% of 1);
 *   3. the same search again, nothing changed (target: <= 10% of 1: proxy and planning only);
 *   4. the same 39 with another proxy (kNN) (target: no block computed when the features it needs are stored).
 *
 * Every ratio is against search 1 of this run. With --cold, a search of the 39 without the store checks that 2's
 * scores are bit-identical to a cold search's.
 *
 *   npm run bench:incremental -- [--items 320] [--cold] [--dir DIR (keep store, data and features)]
 *
 * The last line is JSON: {machine, items, searches:[{name, total, units, blocks, unitItems, reads, writes,
 * writtenBytes, ratio}], checks}.
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FeatureStore } from '@alsatian/cache';
import { relaunchWithAllocatorSettings, type Block } from '@alsatian/core';
import { openDataset, writeSyntheticImageFolder } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { architecture, describeBlocks, initBlockAt } from '@alsatian/models';
import { createProxy } from '@alsatian/proxies';
import { generateSnapshotSet, openStore, type ModelStore } from '@alsatian/store';
import { search, type SearchResult } from '../src/index.ts';

// glibc malloc settings that let sessions reuse freed memory (see libs/core/src/allocator.ts).
await relaunchWithAllocatorSettings();

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '320' },
    cold: { type: 'boolean', default: false },
    dir: { type: 'string' },
  },
});

const ARCH = 'resnet18';
const BATCH = 32;
const BUDGET = 10e9;
const ADDED_KS = [1, 2, 1, 3];
const items = Number(args.items);
const log = (line: string) => process.stderr.write(`${line}\n`);
const root = args.dir ?? (await mkdtemp(join(tmpdir(), 'bench-incremental-')));
await mkdir(root, { recursive: true });

try {
  const store = await openStore(join(root, 'store'));
  if (store.listModels().length === 0) {
    log(`generating 35 distinct ${ARCH} snapshots (top-layers) ...`);
    const spec = { architecture: ARCH, count: 35, distribution: 'top-layers' as const, paperIndices: true, seed: 42 };
    await generateSnapshotSet(store, spec);
  }
  const first35 = store
    .listModels()
    .map((m) => m.id)
    .slice(0, 35);
  const data = join(root, `data-${items}`);
  if (!(await stat(join(data, 'val')).catch(() => undefined))) {
    const [train, test] = [Math.round(items * 0.8), Math.round(items * 0.2)];
    await writeSyntheticImageFolder(data, { classes: 10, train, test, seed: 1, size: 256, quality: 90 });
  }
  const features = join(root, 'features');
  await rm(features, { recursive: true, force: true });

  const rows: { name: string; result: SearchResult }[] = [];
  type Models = readonly string[] | undefined;
  const step = async (name: string, models: Models, proxy: 'linear' | 'knn', withStore = true) => {
    const result = await runSearch(store, data, models, proxy, withStore ? features : undefined);
    rows.push({ name, result });
    const f = result.featureStore;
    const work = `units ${result.work.units}  blocks ${result.work.blocks}  unit-items ${result.work.unitItems}`;
    const io = f ? `  read ${f.reads}  written ${f.writes} (${(f.writtenBytes / 2 ** 20).toFixed(0)} MiB)` : '';
    log(`${name.padEnd(28)} ${result.measurements.total.toFixed(1).padStart(7)} s  ${work}${io}`);
    return result;
  };
  const first = await step('1. first search, 35 models', first35, 'linear');
  const added = await addModelsFromBase(store, first35[0]);
  log(`added ${added.length} models fine-tuned from ${first35[0]} (k = ${ADDED_KS.join(', ')})`);
  const grown = await step('2. 4 models added (39)', undefined, 'linear');
  const same = await step('3. no change (39)', undefined, 'linear');
  const knn = await step('4. proxy changed to kNN (39)', undefined, 'knn');
  const cold = args.cold ? await step('cold search of the 39', undefined, 'linear', false) : undefined;

  const ratio = (r: SearchResult) => r.measurements.total / first.measurements.total;
  const percent = (r: SearchResult) => `${(100 * ratio(r)).toFixed(1)}%`;
  const checks = [
    { rule: 'search after adding 4 models <= 20% of the first', holds: ratio(grown) <= 0.2, detail: percent(grown) },
    { rule: 'search with no change <= 10% of the first', holds: ratio(same) <= 0.1, detail: percent(same) },
    {
      rule: 'a changed proxy computes no block',
      holds: knn.work.blocks === 0,
      detail: `${knn.work.blocks} blocks, ${knn.work.unitItems} unit-items computed`,
    },
    ...(cold
      ? [
          {
            rule: "scores after adding models bit-identical to a cold search's",
            holds: JSON.stringify(grown.ranking) === JSON.stringify(cold.ranking),
            detail: `winner ${grown.ranking[0].model}`,
          },
        ]
      : []),
  ];
  for (const c of checks) log(`${c.holds ? 'holds  ' : 'differs'} ${c.rule}: ${c.detail}`);
  const searches = rows.map(({ name, result: r }) => ({
    name,
    total: r.measurements.total,
    measurements: r.measurements,
    ratio: ratio(r),
    units: r.work.units,
    blocks: r.work.blocks,
    unitItems: r.work.unitItems,
    reads: r.featureStore?.reads ?? 0,
    writes: r.featureStore?.writes ?? 0,
    writtenBytes: r.featureStore?.writtenBytes ?? 0,
  }));
  const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model };
  process.stdout.write(`${JSON.stringify({ machine, items, searches, checks })}\n`);
} finally {
  if (!args.dir) await rm(root, { recursive: true, force: true });
}

/** Four snapshots of the base with their last k blocks re-initialised (new seeds), as fine-tuning would change them. */
async function addModelsFromBase(store: ModelStore, baseId: string): Promise<string[]> {
  const def = architecture(ARCH);
  const { features } = describeBlocks(def);
  const base = await Promise.all(store.getModel(baseId).blocks.map((b) => store.getBlock(b)));
  const ids: string[] = [];
  for (const [i, k] of ADDED_KS.entries()) {
    if (store.hasModel(`added-${i}`)) {
      ids.push(`added-${i}`); // kept from an earlier run with --dir
      continue;
    }
    const first = def.splitIndexes[k];
    const blocks: Block[] = base.map((b, j) => (j >= first ? initBlockAt(ARCH, features[j], 1000 + i, j) : b));
    const id = `added-${i}`;
    const input = { id, architecture: ARCH, source: 'synthetic', featureDim: def.featureDim, params: 0 };
    const manifest = await store.putModel({ ...input, metadata: { k } }, blocks);
    ids.push(manifest.id);
  }
  return ids;
}

async function runSearch(
  store: ModelStore,
  data: string,
  models: readonly string[] | undefined,
  proxy: 'linear' | 'knn',
  features: string | undefined,
): Promise<SearchResult> {
  const dataset = await openDataset(data, { imageSize: 224, recycleBatches: true });
  const engine = await createEngine({ preparation: { compiledKeepBytes: BUDGET } });
  const featureStore = features === undefined ? undefined : await FeatureStore.open(features);
  try {
    return await search({
      store,
      models,
      dataset,
      strategy: 'alsatian',
      engine,
      proxy: createProxy(proxy),
      cacheBudgetBytes: BUDGET,
      batchSize: BATCH,
      deterministic: true,
      seed: 42,
      featureStore,
    });
  } finally {
    await featureStore?.close();
    await engine.dispose();
    await dataset.close();
  }
}
