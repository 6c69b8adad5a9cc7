/**
 * A real distributed search on this machine: 2 `alsatian worker` processes with 1 ONNX Runtime thread each
 * against one `alsatian search` process with 2 threads (the default here), on a small resnet18 store. Wall
 * times include each command's start-up; the rankings are checked equal.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { generateSnapshotSet, openStore } from '@alsatian/store';
import { BIN, REDIS_SERVER, startRedis, startWorkerProcess, stopAll } from '../test/redis-and-workers.ts';

export interface RealRun {
  readonly singleSeconds: number;
  readonly distributedSeconds: number;
  readonly sameRanking: boolean;
}

export async function realRun(): Promise<RealRun | undefined> {
  if (!REDIS_SERVER || !existsSync(BIN)) {
    console.log('real run skipped: redis-server is not installed');
    return undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'bench-distributed-'));
  const redis = await startRedis();
  const workers = [
    startWorkerProcess(redis.url, ['--threads', '1']),
    startWorkerProcess(redis.url, ['--threads', '1']),
  ];
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
    const args = [
      'search',
      '--store',
      store.dir,
      '--dataset',
      'synthetic:classes=5,train=192,test=64,size=112,seed=1',
      '--batch-size',
      '16',
      '--workers',
      '0',
      '--json',
    ];
    await Promise.all(workers.map((w) => w.waitFor(/listening on/, 'a worker to listen')));
    const time = async (extra: string[]) => {
      const t = performance.now();
      const r = await execa('node', [BIN, ...args, ...extra]);
      return { seconds: (performance.now() - t) / 1000, ranking: JSON.stringify(JSON.parse(r.stdout).ranking) };
    };
    const single = await time([]);
    const distributed = await time(['--queue', redis.url, '--exchange-dir', join(dir, 'exchange')]);
    const same = single.ranking === distributed.ranking;
    console.log(
      '\nreal run (8 resnet18 snapshots, 112 px, 192 + 64 items): ' +
        `1 process x 2 threads ${single.seconds.toFixed(1)} s; ` +
        `2 workers x 1 thread ${distributed.seconds.toFixed(1)} s; same ranking: ${same}`,
    );
    return {
      singleSeconds: single.seconds,
      distributedSeconds: distributed.seconds,
      sameRanking: single.ranking === distributed.ranking,
    };
  } finally {
    await stopAll(workers);
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
