/**
 * `alsatian worker`: takes jobs from the queue and runs them with one engine for the whole process (so compiled
 * units are reused across jobs), stores and datasets opened once per path. A worker killed mid-job holds a lock
 * that expires after `lockDurationMs`; another worker's stalled-job check (every `stalledIntervalMs`) puts the
 * job back in the queue, and since jobs are keyed and written by content, running it again changes nothing.
 */
import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import type { Dataset, Logger, Proxy } from '@alsatian/core';
import { silentLogger } from '@alsatian/core';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import type { BlockSource } from '@alsatian/executor';
import { createProxy } from '@alsatian/proxies';
import { openStore } from '@alsatian/store';
import { bullConnection, checkRedis, QUEUE_NAME } from './connection.ts';
import { jobKey, type JobResult, type JobSpec } from './job.ts';
import { runJob, type WorkerResources } from './run-job.ts';

export interface WorkerOptions {
  readonly queueUrl: string;
  /** Jobs this process runs at once (default 1: one job already uses every core ONNX Runtime is given). */
  readonly concurrency?: number;
  readonly ep?: string;
  /** ONNX Runtime intra-op threads (default: every core). */
  readonly threads?: number;
  readonly blockCacheBytes?: number;
  readonly compiledDir?: string;
  /** Image decoding threads per dataset (default: the data lib's). */
  readonly decodeWorkers?: number;
  /** How long a job's lock lasts without renewal; a dead worker's job is retried after it (BullMQ default 30 s). */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  readonly logger?: Logger;
}

export interface RunningWorker {
  readonly name: string;
  close(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  await checkRedis(options.queueUrl);
  const logger = options.logger ?? silentLogger;
  const name = `${hostname()}:${process.pid}`;
  const engine = await createEngine({
    ep: options.ep,
    threads: options.threads,
    logger,
    preparation: { compiledKeepBytes: options.blockCacheBytes, compiledDir: options.compiledDir },
  });
  const resources = new Resources(engine, options.decodeWorkers);
  const connection = bullConnection(options.queueUrl);
  // End of this worker's last job: a job enqueued earlier could not have started before it (pick-up time).
  let idleSince = 0;
  const worker = new Worker<JobSpec, JobResult>(
    QUEUE_NAME,
    async (job) => {
      const attempt = job.attemptsMade + job.stalledCounter + 1;
      logger.info(`job ${jobKey(job.data)} started: ${job.data.label} (attempt ${attempt})`);
      const availableSince = Math.max(job.timestamp, idleSince);
      try {
        const result = await runJob(job.data, resources, attempt, name, availableSince);
        logger.info(`job ${result.key} done in ${result.measurements.total.toFixed(3)} s`);
        return result;
      } finally {
        idleSince = Date.now();
      }
    },
    {
      connection,
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A job whose workers keep dying is failed after this many, with the reason, instead of looping forever.
      maxStalledCount: 3,
      name,
    },
  );
  worker.on('failed', (job, error) => logger.warn(`job ${job ? jobKey(job.data) : '?'} failed: ${error.message}`));
  await worker.waitUntilReady();
  logger.info(
    `worker ${name} listening on ${options.queueUrl} (queue ${QUEUE_NAME}, concurrency ${options.concurrency ?? 1})`,
  );
  return {
    name,
    async close() {
      await worker.close();
      connection.disconnect(); // BullMQ does not close a connection it was given
      await resources.close();
      await engine.dispose();
    },
  };
}

class Resources implements WorkerResources {
  private readonly stores = new Map<string, Promise<BlockSource>>();
  private readonly datasets = new Map<string, Promise<Dataset>>();
  private readonly proxies = new Map<string, Proxy>();

  constructor(
    readonly engine: WorkerResources['engine'],
    private readonly decodeWorkers: number | undefined,
  ) {}

  store(dir: string): Promise<BlockSource> {
    let store = this.stores.get(dir);
    if (!store) this.stores.set(dir, (store = openStore(dir, { verifyReads: 'once' })));
    return store;
  }

  dataset(spec: JobSpec['context']['dataset']): Promise<Dataset> {
    const key = JSON.stringify(spec);
    let dataset = this.datasets.get(key);
    if (!dataset) {
      const { spec: path, ...options } = spec;
      this.datasets.set(key, (dataset = openDataset(path, { ...options, workers: this.decodeWorkers })));
    }
    return dataset;
  }

  proxy(name: string): Proxy {
    let proxy = this.proxies.get(name);
    if (!proxy) this.proxies.set(name, (proxy = createProxy(name)));
    return proxy;
  }

  async close(): Promise<void> {
    for (const dataset of this.datasets.values()) await (await dataset.catch(() => undefined))?.close();
  }
}
