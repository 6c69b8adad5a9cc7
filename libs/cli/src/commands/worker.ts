/**
 * `alsatian worker --queue URL`: runs jobs of distributed searches until stopped (SIGINT / SIGTERM finish the
 * current job first). The store and the exchange directory must be at the same paths as on the coordinator.
 */
import type { Command } from 'commander';
import { EXECUTION_PROVIDERS, formatBytes, parseBytes, SEARCH_DEFAULTS, type Logger } from '@alsatian/core';
import { parseQueueUrl, startWorker } from '@alsatian/distributed';
import { choiceOption, intOption, optionalInt } from '../util/options.ts';

interface WorkerCliOptions {
  queue: string;
  concurrency: string;
  ep: string;
  threads?: string;
  blockCache: string;
  compiledCache?: string;
  workers?: string;
  lockDuration?: string;
  stalledInterval?: string;
}

const stderrLogger: Logger = {
  debug() {},
  info: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
};

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run jobs of distributed searches (alsatian search --queue) taken from a Redis queue')
    .requiredOption('--queue <url>', 'Redis URL of the queue, e.g. redis://HOST:6379')
    .option('--concurrency <n>', 'jobs this process runs at once', '1')
    .option('--ep <provider>', `execution provider: ${EXECUTION_PROVIDERS.join(' | ')}`, 'cpu')
    .option('--threads <n>', 'ONNX Runtime intra-op threads (default: every core)')
    .option(
      '--block-cache <bytes>',
      'budget of compiled units kept for reuse across jobs',
      formatBytes(SEARCH_DEFAULTS.blockCacheBytes),
    )
    .option('--compiled-cache <dir>', 'keep compiled units in this directory')
    .option('--workers <n>', 'image decoding worker threads (default: half the cores, at least 1)')
    .option(
      '--lock-duration <ms>',
      'how long a job stays locked without renewal before another worker retries it',
      '30000',
    )
    .option('--stalled-interval <ms>', 'how often this worker looks for jobs of dead workers', '30000')
    .action(async (options: WorkerCliOptions) => {
      parseQueueUrl(options.queue);
      const worker = await startWorker({
        queueUrl: options.queue,
        concurrency: intOption('--concurrency', options.concurrency),
        ep: choiceOption('--ep', options.ep, EXECUTION_PROVIDERS),
        threads: optionalInt('--threads', options.threads),
        blockCacheBytes: parseBytes(options.blockCache, '--block-cache'),
        compiledDir: options.compiledCache,
        decodeWorkers: optionalInt('--workers', options.workers, 0),
        lockDurationMs: optionalInt('--lock-duration', options.lockDuration),
        stalledIntervalMs: optionalInt('--stalled-interval', options.stalledInterval),
        logger: stderrLogger,
      });
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.stderr.write(`worker ${worker.name}: stopping after the current job\n`);
          void worker.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
