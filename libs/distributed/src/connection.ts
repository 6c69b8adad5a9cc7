/**
 * The Redis behind the queue: one URL (`--queue redis://HOST:PORT`), checked before anything is enqueued or
 * awaited, because ioredis would otherwise retry an unreachable server forever without saying so.
 */
import { Redis } from 'ioredis';
import { InvalidArgumentError, UnavailableError } from '@alsatian/core';

/** The BullMQ queue every coordinator and worker of this project uses; jobs are keyed by content. */
export const QUEUE_NAME = 'alsatian-search';

export function parseQueueUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError(`--queue must be a Redis URL such as redis://localhost:6379, got '${url}'.`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InvalidArgumentError(`--queue must be a redis:// or rediss:// URL, got '${url}'.`);
  }
  return parsed;
}

/** Resolves when Redis answers a PING; otherwise an error naming the URL and the fix. */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  parseQueueUrl(url);
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  probe.on('error', () => {}); // reported below, through the rejected connect
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new UnavailableError(
      `Cannot reach Redis at ${url} (${(error as Error).message}). ` +
        `Start it there (e.g. 'redis-server --port ${new URL(url).port || 6379}') ` +
        'or pass the URL of a running one with --queue.',
      { cause: error },
    );
  } finally {
    probe.disconnect();
  }
}

/** A connection for BullMQ: blocking commands need unlimited retries per request. */
export function bullConnection(url: string): Redis {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  connection.on('error', () => {}); // ioredis reconnects by itself; a lasting outage shows as jobs not finishing
  return connection;
}
