/**
 * One search across several worker processes on a real redis-server: the ranking and every score are
 * bit-identical to the single-process search on the same store; a worker SIGKILLed mid-job has its job retried
 * by another worker, with the same result and its time counted once; a coordinator SIGKILLed mid-search resumes
 * from the jobs that finished. `.ci/run` installs redis-server; without it these tests are skipped, saying so.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDataset } from '@alsatian/data';
import { createProxy } from '@alsatian/proxies';
import { generateSnapshotSet, openStore } from '@alsatian/store';
import { DEFAULT_COSTS, distributedSearch } from '../src/index.ts';
import { snapshotStore } from '@alsatian/store/testing';
import {
  BIN,
  freePort,
  REDIS_SERVER,
  runSearch,
  startRedis,
  startWorkerProcess,
  stopAll,
  watch,
  type SearchJson,
  type Watched,
} from './redis-and-workers.ts';

if (!REDIS_SERVER)
  console.warn(
    'distributed search tests SKIPPED: redis-server is not installed (apt-get install redis-server; .ci/run does).',
  );

const DATASET = 'synthetic:classes=3,train=48,test=24,size=32,seed=2';
const common = (store: string, dataset = DATASET) => [
  '--store',
  store,
  '--dataset',
  dataset,
  '--batch-size',
  '4',
  '--workers',
  '0',
];
const dirs: string[] = [];
const tempDir = async (name: string) => {
  const dir = await mkdtemp(join(tmpdir(), name));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function expectSameSearch(distributed: SearchJson, single: SearchJson): void {
  // toEqual on numbers is exact (Object.is): bit-identical scores, in every iteration and in the final ranking.
  expect(distributed.ranking).toEqual(single.ranking);
  expect(distributed.iterations.map((i) => i.ranking)).toEqual(single.iterations.map((i) => i.ranking));
}

describe.skipIf(!REDIS_SERVER)('a distributed search on two workers', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let workers: Watched[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    workers = [startWorkerProcess(redis.url), startWorkerProcess(redis.url)];
    await Promise.all(workers.map((w) => w.waitFor(/listening on/, 'the worker to listen')));
  });
  afterAll(async () => {
    await stopAll(workers);
    await redis?.stop();
  });

  it.each(['alsatian', 'shift'])(
    'gives the single-process ranking and scores on a tiny resnet family (%s)',
    async (strategy) => {
      const { store } = await snapshotStore('tiny_resnet', [1, 2, 3, 1, 2]);
      dirs.push(store.dir);
      const args = [...common(store.dir), '--strategy', strategy];
      const single = await runSearch(args);
      const distributed = await runSearch([
        ...args,
        '--queue',
        redis.url,
        '--exchange-dir',
        await tempDir('exchange-'),
      ]);
      expectSameSearch(distributed, single);
      expect(distributed.distributed!.workersSeen).toBe(2);
      expect(new Set(distributed.distributed!.jobs.map((j) => j.worker)).size).toBeGreaterThanOrEqual(1);
    },
  );

  it('gives the same ranking and scores with shared prefixes computed once and item slices', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2, 3, 1, 2]);
    dirs.push(store.dir);
    const single = await runSearch(common(store.dir));
    const dataset = await openDataset(DATASET, { imageSize: 32, workers: 0 });
    // Free preparation and exchange make sharing and slicing look cheap, so the partition uses both.
    const costs = {
      ...DEFAULT_COSTS,
      prepareSecondsPerUnit: 0,
      prepareSecondsPerWeightByte: 0,
      exchangeSecondsPerByte: 0,
      jobOverheadSeconds: 1e-9,
    };
    try {
      const result = await distributedSearch({
        store,
        dataset,
        strategy: 'alsatian',
        proxy: createProxy('linear'),
        proxyName: 'linear',
        batchSize: 4,
        queueUrl: redis.url,
        costs,
        partitionMode: 'share',
        datasetSpec: { spec: DATASET, imageSize: 32, skipBad: false },
        exchangeDir: await tempDir('exchange-'),
      });
      expect(result.distributed.iterations.some((i) => i.mode === 'share')).toBe(true);
      expect(result.distributed.jobs.some((j) => j.stage === 0)).toBe(true);
      expect(result.distributed.jobs.some((j) => /items slice/.test(j.label))).toBe(true);
      expectSameSearch(
        {
          ranking: [...result.ranking],
          iterations: result.iterations.map((i) => ({ ranking: [...i.ranking] })),
        } as SearchJson,
        single,
      );
    } finally {
      await dataset.close();
    }
  });

  it('gives the single-process ranking and scores on a resnet18 store', async () => {
    const dir = await tempDir('resnet18-');
    const store = await openStore(join(dir, 'store'));
    await generateSnapshotSet(store, {
      architecture: 'resnet18',
      count: 4,
      seed: 42,
      distribution: 'top-50',
      structure: 'chained',
      imageSize: 64,
    });
    const args = common(store.dir, 'synthetic:classes=3,train=16,test=8,size=64,seed=1');
    const single = await runSearch(args);
    const distributed = await runSearch([...args, '--queue', redis.url, '--exchange-dir', join(dir, 'exchange')]);
    expectSameSearch(distributed, single);
    // Each job's timed parts are disjoint stretches of its attempt: none negative, together within its wall time.
    for (const { timings: t } of distributed.distributed!.jobs) {
      const parts = [t.startup, t.exchangeRead, t.exchangeWrite, t.compute, t.cleanup];
      for (const part of [t.pickup, ...parts]) expect(part).toBeGreaterThanOrEqual(0);
      expect(parts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(t.wall + 1e-9);
    }
    expect(distributed.distributed!.jobOverheadSeconds).toBeGreaterThan(0);
  });

  it('resumes from the finished jobs when the coordinator was killed', async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2, 3, 1, 2, 3]);
    dirs.push(store.dir);
    const exchange = await tempDir('exchange-');
    const args = [...common(store.dir), '--queue', redis.url, '--exchange-dir', exchange];
    const doomed = execa('node', [BIN, 'search', ...args, '--json'], { reject: false });
    const results = join(exchange, 'results');
    let finished: string[] = [];
    while (finished.length === 0) {
      finished = await readdir(results).catch(() => []);
      await new Promise((r) => setTimeout(r, 20));
    }
    doomed.kill('SIGKILL');
    expect((await doomed).signal).toBe('SIGKILL');
    const before = new Set((await readdir(results)).map((f) => f.replace(/\.json$/, '')));
    const from = workers.map((w) => w.lines.length);
    const resumed = await runSearch(args);
    expectSameSearch(resumed, await runSearch(common(store.dir)));
    // No job that had finished before the kill ran again.
    const startedAfter = workers
      .flatMap((w, i) => w.lines.slice(from[i]))
      .map((l) => /job (\w+) started/.exec(l)?.[1])
      .filter(Boolean);
    expect(startedAfter.filter((k) => before.has(k!))).toEqual([]);
    expect(resumed.distributed!.jobs.filter((j) => before.has(j.key)).length).toBe(before.size);
  });
});

describe.skipIf(!REDIS_SERVER)('a worker killed in the middle of a job', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const workers: Watched[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await stopAll(workers);
    await redis?.stop();
  });

  it("has its job retried by another worker: same ranking and scores, the job's time counted once", async () => {
    const { store } = await snapshotStore('tiny_resnet', [1, 2, 3]);
    dirs.push(store.dir);
    const args = [
      '--store',
      store.dir,
      '--dataset',
      'synthetic:classes=3,train=64,test=1600,size=32,seed=3',
      '--batch-size',
      '16',
      '--workers',
      '0',
    ];
    const doomed = startWorkerProcess(redis.url);
    await doomed.waitFor(/listening on/, 'the first worker to listen');
    const search = watch(
      execa(
        'node',
        [BIN, 'search', ...args, '--json', '--queue', redis.url, '--exchange-dir', await tempDir('exchange-')],
        { reject: false },
      ),
    );
    const [, key] = await doomed.waitFor(/job (\w+) started/, 'the first worker to take a job');
    doomed.proc.kill('SIGKILL');
    await doomed.proc;
    workers.push(startWorkerProcess(redis.url), startWorkerProcess(redis.url));
    const names = await Promise.all(
      workers.map(async (w) => (await w.waitFor(/worker (\S+) listening on/, 'a worker to listen'))[1]),
    );
    const done = await search.proc;
    expect(done.exitCode, done.stderr as string).toBe(0);
    const distributed = JSON.parse(done.stdout as string) as SearchJson;
    expectSameSearch(distributed, await runSearch(args));

    const jobs = distributed.distributed!.jobs;
    const retried = jobs.find((j) => j.key === key)!;
    expect(retried.attempt).toBeGreaterThanOrEqual(2);
    expect(names).toContain(retried.worker);
    // Each job once in the result, and the search's seconds are the finished attempts' plus the coordinator's.
    expect(new Set(jobs.map((j) => j.key)).size).toBe(jobs.length);
    const counted = jobs.reduce((s, j) => s + j.seconds, 0) + distributed.distributed!.planningSeconds;
    expect(distributed.measurements.total).toBeCloseTo(counted, 6);
  });
});

describe('distributed search errors', () => {
  it('names an unreachable Redis URL and the fix, with a non-zero exit (search and worker)', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const { store } = await snapshotStore('tiny_resnet', [1]);
    dirs.push(store.dir);
    const search = await execa('node', [BIN, 'search', ...common(store.dir), '--queue', url], { reject: false });
    expect(search.exitCode).not.toBe(0);
    expect(search.stderr).toMatch(new RegExp(`Cannot reach Redis at ${url}.*redis-server`));
    const worker = await execa('node', [BIN, 'worker', '--queue', url], { reject: false });
    expect(worker.exitCode).not.toBe(0);
    expect(worker.stderr).toMatch(new RegExp(`Cannot reach Redis at ${url}`));
    const bad = await execa('node', [BIN, 'worker', '--queue', 'localhost:6379'], { reject: false });
    expect(bad.stderr).toMatch(/--queue must be a redis:\/\/ or rediss:\/\/ URL/);
  });
});
