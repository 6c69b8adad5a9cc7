/**
 * `alsatian search`: rank the models of a store for a dataset with Base, SHiFT or Alsatian. Results go to stdout
 * (a table, or JSON with --json); progress to stderr.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  EXECUTION_PROVIDERS,
  formatBytes,
  InvalidArgumentError,
  parseBytes,
  parseRate,
  SEARCH_DEFAULTS,
  type TensorSpec,
} from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { createProxy, PROXY_NAMES } from '@alsatian/proxies';
import { openStore, type ModelStore } from '@alsatian/store';
import { distributedSearch } from '@alsatian/distributed';
import { DEFAULT_FEATURE_STORE_LIMIT, FeatureStore } from '@alsatian/cache';
import { IMPROVEMENT_NAMES, search, STRATEGY_NAMES, type Improvements, type SearchResult } from '@alsatian/strategies';
import { choiceOption, intOption, optionalInt } from '../util/options.ts';
import { progressBar } from '../util/progress.ts';

interface SearchCliOptions {
  store: string;
  dataset: string;
  strategy: string;
  cacheBudget: string;
  blockCache: string;
  proxy: string;
  ep: string;
  batchSize: string;
  seed: string;
  deterministic?: boolean;
  json?: boolean;
  models?: string;
  workers?: string;
  skipBad?: boolean;
  vocab?: string;
  storeReadLimit?: string;
  without?: string;
  pageCache?: string;
  verifyReads: string;
  compiledCache?: string;
  queue?: string;
  exchangeDir?: string;
  featureStore?: string;
  featureStoreLimit: string;
}

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('Rank the models of a store by how well they transfer to a dataset')
    .requiredOption('--store <dir>', 'model store directory')
    .requiredOption(
      '--dataset <spec>',
      'dataset directory, or synthetic:classes=10,train=2000,test=500,size=224,seed=1',
    )
    .option('--strategy <name>', `search strategy: ${STRATEGY_NAMES.join(' | ')}`, 'alsatian')
    .option(
      '--cache-budget <bytes>',
      'intermediate-cache budget (Alsatian), e.g. 2GiB',
      formatBytes(SEARCH_DEFAULTS.cacheBudgetBytes),
    )
    .option(
      '--block-cache <bytes>',
      'budget of compiled units kept for reuse across steps and iterations (with keepPrepared)',
      formatBytes(SEARCH_DEFAULTS.blockCacheBytes),
    )
    .option(
      '--without <improvements>',
      `switch off our improvements beyond the paper, comma-separated (${IMPROVEMENT_NAMES.join(', ')}), or ` +
        `'all' for the strategy as the paper runs it`,
    )
    .option(
      '--compiled-cache <dir>',
      'keep compiled units (optimised sessions) in this directory, so later searches over the same models ' +
        'only load them',
    )
    .option('--feature-store <dir>', "keep every unit's output per item here, for later searches (default off)")
    .option(
      '--feature-store-limit <bytes>',
      'prune the feature store to this size after a search (LRU)',
      formatBytes(DEFAULT_FEATURE_STORE_LIMIT),
    )
    .option('--proxy <name>', `proxy: ${PROXY_NAMES.join(' | ')}`, 'linear')
    .option('--ep <provider>', `execution provider: ${EXECUTION_PROVIDERS.join(' | ')}`, 'cpu')
    .option('--batch-size <n>', 'items per batch', String(SEARCH_DEFAULTS.batchSize))
    .option('--seed <n>', 'seed of the proxy initialisation', String(SEARCH_DEFAULTS.seed))
    .option(
      '--deterministic',
      'same proxy initialisation for every model (SHiFT and Alsatian then return identical scores)',
    )
    .option('--models <ids>', 'comma-separated model ids (default: all models in the store)')
    .option('--workers <n>', 'image decoding worker threads (default: half the cores, at least 1)')
    .option('--skip-bad', 'skip unreadable dataset items (listed in the output) instead of failing')
    .option('--vocab <file>', 'WordPiece vocab.txt for text datasets')
    .option(
      '--store-read-limit <rate>',
      "throttle block reads, e.g. 200MB/s (the paper's I/O-limited store); re-reads come from a modelled page cache",
    )
    .option(
      '--page-cache <bytes>',
      'size of the modelled page cache in front of a throttled store (default: unbounded)',
    )
    .option(
      '--verify-reads <when>',
      "hash block files: 'once' per version of a file (remembered in the store), 'always', or 'never'",
      'once',
    )
    .option('--queue <url>', 'run on `alsatian worker` processes through this Redis, e.g. redis://HOST:6379')
    .option('--exchange-dir <dir>', 'with --queue: directory all workers share (default: <store>/.alsatian-exchange)')
    .option('--json', 'print the result as JSON')
    .action(async (options: SearchCliOptions) => {
      const strategy = choiceOption('--strategy', options.strategy, STRATEGY_NAMES);
      const proxyName = choiceOption('--proxy', options.proxy, PROXY_NAMES);
      const ep = choiceOption('--ep', options.ep, EXECUTION_PROVIDERS);
      const batchSize = intOption('--batch-size', options.batchSize);
      const seed = intOption('--seed', options.seed, 0);
      const cacheBudgetBytes = parseBytes(options.cacheBudget, '--cache-budget');
      const blockCacheBytes = parseBytes(options.blockCache, '--block-cache');
      const featureStoreLimit = parseBytes(options.featureStoreLimit, '--feature-store-limit');
      if (options.featureStore !== undefined && options.skipBad) {
        throw new InvalidArgumentError(
          '--feature-store keys outputs by item and cannot be used with --skip-bad; ' +
            'fix the dataset or drop one of the two.',
        );
      }
      const store = await openStore(options.store, {
        readLimitBytesPerSec: options.storeReadLimit
          ? parseRate(options.storeReadLimit, '--store-read-limit')
          : undefined,
        pageCacheBytes: options.pageCache ? parseBytes(options.pageCache, '--page-cache') : undefined,
        // 'once': a block file is hashed unless it matched before, unchanged since (see verified-files.ts).
        verifyReads: choiceOption('--verify-reads', options.verifyReads, ['once', 'always', 'never'] as const),
      });
      const models = selectModels(store, options.models);
      const inputs = (await store.blockInfo(store.getModel(models[0]).blocks[0])).descriptor.inputs;
      if (options.queue && options.featureStore !== undefined) {
        throw new InvalidArgumentError(
          '--feature-store cannot be combined with --queue yet (workers keep no feature store); drop one of them.',
        );
      }
      const dataset = await openDataset(options.dataset, {
        ...datasetShape(inputs),
        workers: optionalInt('--workers', options.workers, 0),
        skipBad: options.skipBad === true,
        vocabFile: options.vocab,
      });
      const improvements = withoutOption(options.without);
      const featureStore =
        options.featureStore === undefined
          ? undefined
          : await FeatureStore.open(options.featureStore, { limitBytes: featureStoreLimit });
      const progress = progressBar();
      const common = {
        store,
        models,
        dataset,
        strategy,
        improvements,
        proxy: createProxy(proxyName),
        cacheBudgetBytes,
        batchSize,
        seed,
        deterministic: options.deterministic === true,
        onProgress: progress.update,
      };
      let result: SearchResult;
      if (options.queue) {
        // Workers open the dataset themselves, from the same spec and options.
        const spec = existsSync(options.dataset) ? resolve(options.dataset) : options.dataset;
        const skipBad = options.skipBad === true;
        const datasetSpec = { spec, ...datasetShape(inputs), skipBad, vocabFile: options.vocab };
        try {
          const { queue: queueUrl, exchangeDir } = options;
          const logger = warningsLogger;
          result = await distributedSearch({ ...common, queueUrl, datasetSpec, proxyName, exchangeDir, logger });
        } finally {
          progress.stop();
          await dataset.close();
        }
      } else {
        const engine = await createEngine({
          ep,
          preparation: { compiledKeepBytes: blockCacheBytes, compiledDir: options.compiledCache },
        });
        try {
          result = await search({ ...common, engine, featureStore });
        } finally {
          progress.stop();
          await featureStore?.close();
          await engine.dispose();
          await dataset.close();
        }
      }
      for (const warning of result.featureStore?.warnings ?? []) {
        process.stderr.write(`alsatian: warning: ${warning}\n`);
      }
      const skipped = dataset.skipped();
      if (options.json) process.stdout.write(`${JSON.stringify({ ...toJson(result), skipped }, null, 2)}\n`);
      else process.stdout.write(formatResult(result, skipped.length));
    });
}

/** `--without a,b` or `--without all`: those improvements off, the others as the strategy has them. */
function withoutOption(list: string | undefined): Partial<Improvements> {
  if (list === undefined) return {};
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return Object.fromEntries(IMPROVEMENT_NAMES.map((n) => [n, false]));
  const off: Partial<Improvements> = {};
  for (const name of names) {
    if (!(IMPROVEMENT_NAMES as readonly string[]).includes(name))
      throw new InvalidArgumentError(
        `--without: unknown improvement '${name}'. Known: ${IMPROVEMENT_NAMES.join(', ')} (or 'all').`,
      );
    off[name as keyof Improvements] = false;
  }
  return off;
}

function selectModels(store: ModelStore, list: string | undefined): string[] {
  if (!list) {
    const all = store.listModels().map((m) => m.id);
    if (all.length === 0)
      throw new InvalidArgumentError(
        `The store ${store.dir} has no models; add some with 'alsatian snapshots generate' or 'alsatian store import'.`,
      );
    return all;
  }
  const ids = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids)
    if (!store.hasModel(id)) throw new InvalidArgumentError(`--models: the store ${store.dir} has no model '${id}'.`);
  return ids;
}

/** The dataset must produce what the models take: image side or token count from the first block's inputs. */
function datasetShape(inputs: readonly TensorSpec[]): { imageSize?: number; maxLength?: number } {
  const [first] = inputs;
  if (first.dtype === 'float32' && first.shape.length === 3) return { imageSize: first.shape[2] };
  if (first.dtype === 'int64' && first.shape.length === 1) return { maxLength: first.shape[0] };
  return {};
}

/** The coordinator's warnings (no live workers) go between progress-bar lines; its progress goes to the bar. */
const warningsLogger = {
  debug() {},
  info() {},
  warn: (message: string) => process.stderr.write(`\nwarning: ${message}\n`),
};

function toJson(result: SearchResult) {
  return {
    ...('distributed' in result ? { distributed: result.distributed } : {}),
    strategy: result.strategy,
    improvements: result.improvements,
    storeReads: result.storeReads,
    ranking: result.ranking.map((r) => ({ model: r.model, score: r.score, iteration: r.iteration })),
    measurements: result.measurements,
    iterations: result.iterations,
    peakCacheBytes: result.peakCacheBytes,
    cacheBudgetBytes: result.cacheBudgetBytes,
    sessions: result.sessions,
    work: { units: result.work.units, blocks: result.work.blocks, unitItems: result.work.unitItems },
    ...(result.featureStore ? { featureStore: result.featureStore } : {}),
  };
}

function formatResult(result: SearchResult, skipped: number): string {
  const lines = [`strategy: ${result.strategy}`, '', 'rank  score    iteration  model'];
  result.ranking.forEach((r, i) =>
    lines.push(
      `${String(i + 1).padStart(4)}  ${r.score.toFixed(4)}   ${String(r.iteration + 1).padStart(9)}  ${r.model}`,
    ),
  );
  const m = result.measurements;
  lines.push('', 'seconds by category:');
  for (const k of ['prepareData', 'prepareModel', 'inference', 'proxy', 'cache', 'planning', 'total'] as const)
    lines.push(`  ${k.padEnd(13)}${m[k].toFixed(3).padStart(10)}`);
  lines.push('', 'iteration  models  train items  runs  seconds');
  for (const it of result.iterations)
    lines.push(
      `${String(it.iteration + 1).padStart(9)}  ${String(it.models).padStart(6)}  ` +
        `${String(it.trainItemsSoFar).padStart(11)}  ${String(it.runs).padStart(4)}  ` +
        `${it.measurements.total.toFixed(3).padStart(7)}`,
    );
  lines.push('', `peak cache: ${formatBytes(result.peakCacheBytes)} of ${formatBytes(result.cacheBudgetBytes)} budget`);
  if (skipped > 0) lines.push(`skipped ${skipped} bad dataset items (see --json)`);
  const fs = result.featureStore;
  if (fs) {
    const written = `${fs.writes} written (${formatBytes(fs.writtenBytes)})`;
    const read = `${fs.reads} entries read (${formatBytes(fs.readBytes)})`;
    lines.push(`feature store: ${read}, ${written}, ${fs.corrupt} corrupt`);
    for (const warning of fs.warnings) lines.push(`warning: ${warning}`);
  }
  return `${lines.join('\n')}\n`;
}
