/**
 * bench:search — Base vs SHiFT vs Alsatian on one synthetic snapshot set, each strategy once in the same run,
 * same store, same data. Prints a table and, as its last line, JSON with times, speedups and the regret of
 * successive halving (where the SH winner ranks in Base's full-data ranking).
 *
 *   npm run bench:search -- [--json] [--arch resnet18] [--models 16] [--distribution top-layers]
 *                           [--train 256] [--test 64] [--size 224] [--batch-size 32]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy } from '@alsatian/proxies';
import { generateSnapshotSet, openStore } from '@alsatian/store';
import { search, STRATEGY_NAMES, type SearchResult } from '../src/index.ts';
import { relaunchWithAllocatorSettings } from '@alsatian/core';

// glibc malloc settings that let sessions reuse freed memory (see libs/core/src/allocator.ts).
await relaunchWithAllocatorSettings();

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    arch: { type: 'string', default: 'resnet18' },
    models: { type: 'string', default: '16' },
    distribution: { type: 'string', default: 'top-layers' },
    train: { type: 'string', default: '256' },
    test: { type: 'string', default: '64' },
    size: { type: 'string', default: '224' },
    'batch-size': { type: 'string', default: '32' },
  },
});

const dir = await mkdtemp(join(tmpdir(), 'bench-search-'));
try {
  const store = await openStore(join(dir, 'store'));
  const set = await generateSnapshotSet(store, {
    architecture: args.arch!,
    count: Number(args.models),
    seed: 42,
    distribution: args.distribution as 'top-layers',
    structure: 'chained',
  });
  const spec = `synthetic:classes=10,train=${args.train},test=${args.test},size=${args.size},seed=1`;
  const results: { strategy: string; result: SearchResult }[] = [];
  for (const strategy of STRATEGY_NAMES) {
    const dataset = await openDataset(spec, {});
    const engine = await createEngine({});
    try {
      const result = await search({
        store,
        dataset,
        strategy,
        engine,
        proxy: createProxy('linear'),
        batchSize: Number(args['batch-size']),
        deterministic: true,
        seed: 42,
        workDir: join(dir, `work-${strategy}`),
      });
      results.push({ strategy, result });
      process.stderr.write(
        `${strategy.padEnd(9)} ${result.measurements.total.toFixed(1).padStart(8)} s  (prepare data ` +
          `${result.measurements.prepareData.toFixed(1)}, prepare model ` +
          `${result.measurements.prepareModel.toFixed(1)}, inference ` +
          `${result.measurements.inference.toFixed(1)}, proxy ${result.measurements.proxy.toFixed(1)}, cache ` +
          `${result.measurements.cache.toFixed(1)}, planning ${result.measurements.planning.toFixed(2)})\n`,
      );
    } finally {
      await engine.dispose();
      await dataset.close();
    }
  }
  const seconds = (s: string) => results.find((r) => r.strategy === s)!.result.measurements.total;
  const baseRanking = results.find((r) => r.strategy === 'baseline')!.result.ranking.map((r) => r.model);
  const winner = (s: string) => results.find((r) => r.strategy === s)!.result.ranking[0].model;
  const summary = {
    setup: {
      architecture: args.arch,
      models: set.models.length,
      distribution: args.distribution,
      train: Number(args.train),
      test: Number(args.test),
      size: Number(args.size),
      uniqueBlocks: store.stats().uniqueBlocks,
      blocks: store.stats().blocks,
    },
    results: results.map(({ strategy, result }) => ({
      strategy,
      seconds: result.measurements.total,
      measurements: result.measurements,
      winner: result.ranking[0].model,
      peakCacheBytes: result.peakCacheBytes,
    })),
    speedups: {
      alsatianVsBaseline: seconds('baseline') / seconds('alsatian'),
      alsatianVsShift: seconds('shift') / seconds('alsatian'),
      shiftVsBaseline: seconds('baseline') / seconds('shift'),
    },
    /** 1 = successive halving picked Base's best model. */
    winnerRankInBase: {
      shift: baseRanking.indexOf(winner('shift')) + 1,
      alsatian: baseRanking.indexOf(winner('alsatian')) + 1,
    },
  };
  if (!args.json) {
    process.stdout.write(
      `speedup alsatian/baseline ${summary.speedups.alsatianVsBaseline.toFixed(2)}x, alsatian/shift ` +
        `${summary.speedups.alsatianVsShift.toFixed(2)}x\n`,
    );
    process.stdout.write(
      `SH winner's rank in Base's ranking: shift ${summary.winnerRankInBase.shift}, alsatian ` +
        `${summary.winnerRankInBase.alsatian}\n`,
    );
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
