/**
 * A real distributed search on this machine: 2 `alsatian worker` processes with 1 ONNX Runtime thread each
 * against one `alsatian search` process with 2 threads (the default here), on a small resnet18 store, `repeats`
 * times, both cold each time (fresh workers), alternating (the machine is shared: medians, and ratios of runs made
 * back to back). Wall times include each command's start-up; the rankings are checked equal. The distributed runs'
 * job timings give the job overhead (queue round trip + start-up) that the simulation then uses.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { generateSnapshotSet, openStore } from '@alsatian/store';
import { median } from '../src/job-timings.ts';
import { BIN, REDIS_SERVER, startRedis, startWorkerProcess, stopAll } from '../test/redis-and-workers.ts';
import type { SearchJson, Watched } from '../test/redis-and-workers.ts';
import { breakdown, formatBreakdown, type Breakdown } from './job-breakdown.ts';

export interface RealRun {
  readonly singleSeconds: number[];
  readonly distributedSeconds: number[];
  /** Per repeat: distributed / single. */
  readonly ratios: number[];
  readonly sameRanking: boolean;
  readonly breakdowns: Breakdown[];
  /** Median over the runs' median per-job overheads. */
  readonly jobOverheadSeconds: number;
}

export async function realRun(repeats = 3): Promise<RealRun | undefined> {
  if (!REDIS_SERVER || !existsSync(BIN)) {
    console.log('real run skipped: redis-server is not installed');
    return undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'bench-distributed-'));
  const redis = await startRedis();
  let workers: Watched[] = [];
  // Fresh workers for every repeat: a single-process search starts with no compiled units, so must they.
  const startWorkers = async () => {
    await stopAll(workers);
    workers = [0, 1].map(() => startWorkerProcess(redis.url, ['--threads', '1'], 'default'));
    await Promise.all(workers.map((w) => w.waitFor(/listening on/, 'a worker to listen')));
  };
  try {
    const store = await openStore(join(dir, 'store'));
    await generateSnapshotSet(store, {
      architecture: 'resnet18',
      count: 8,
      seed: 42,
      distribution: 'top-layers',
      structure: 'chained',
      imageSize: 112,
    });
    const dataset = 'synthetic:classes=5,train=192,test=64,size=112,seed=1';
    const args = ['search', '--store', store.dir, '--dataset', dataset, '--batch-size', '16', '--workers', '0'];
    args.push('--json');
    const time = async (extra: string[]) => {
      const t = performance.now();
      const r = await execa('node', [BIN, ...args, ...extra]);
      return { seconds: (performance.now() - t) / 1000, json: JSON.parse(r.stdout) as SearchJson };
    };
    const out = { single: [] as number[], distributed: [] as number[], same: true, breakdowns: [] as Breakdown[] };
    console.log(`real run: 8 resnet18 snapshots, 112 px, 192 + 64 items, ${repeats} repeats`);
    for (let r = 0; r < repeats; r++) {
      await startWorkers();
      const single = await time([]);
      // A fresh exchange each time: a run must not find the previous run's results.
      const distributed = await time(['--queue', redis.url, '--exchange-dir', join(dir, `exchange-${r}`)]);
      out.same &&= JSON.stringify(single.json.ranking) === JSON.stringify(distributed.json.ranking);
      out.single.push(single.seconds);
      out.distributed.push(distributed.seconds);
      out.breakdowns.push(breakdown(distributed.json));
      console.log(
        `  1 process x 2 threads ${single.seconds.toFixed(1)} s; 2 workers x 1 thread ` +
          `${distributed.seconds.toFixed(1)} s (x${(distributed.seconds / single.seconds).toFixed(2)}); ` +
          formatBreakdown(out.breakdowns.at(-1)!),
      );
    }
    const ratios = out.single.map((s, i) => out.distributed[i] / s);
    const jobOverheadSeconds = median(out.breakdowns.map((b) => b.jobOverheadSeconds));
    console.log(
      `real run medians: 1 process x 2 threads ${median(out.single).toFixed(1)} s; 2 workers x 1 thread ` +
        `${median(out.distributed).toFixed(1)} s; ratio x${median(ratios).toFixed(2)}; same ranking: ${out.same}; ` +
        `measured job overhead ${(1000 * jobOverheadSeconds).toFixed(0)} ms`,
    );
    return {
      singleSeconds: out.single,
      distributedSeconds: out.distributed,
      ratios,
      sameRanking: out.same,
      breakdowns: out.breakdowns,
      jobOverheadSeconds,
    };
  } finally {
    await stopAll(workers);
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
