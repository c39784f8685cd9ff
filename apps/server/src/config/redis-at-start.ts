import type Redis from 'ioredis';
import { ConfigError } from './config.loader';
import type { ConfigService } from './config.service';
import { messageOf } from '../common/errors';

/**
 * With `redis_url` Redis is part of the deployment: everything that uses it (rate limits, socket
 * fan-out) connects at start through {@link openWithRedis}, and the first that cannot reach it
 * stops the start with the one message below, like a bad setting.
 */

/** Where a client connects, without credentials (for logs and errors): `host:port/db`. */
export function redisTarget(client: Redis): string {
  const { host, port, db } = client.options;
  return `${host ?? 'localhost'}:${port ?? 6379}/${db ?? 0}`;
}

/**
 * Connects clients made with `lazyConnect: true`, or rejects with `Redis at <target> is not
 * reachable (<reason>).` and leaves them disconnected (no reconnect attempts go on).
 */
export async function connectAtStart(clients: Redis[]): Promise<void> {
  // The connection error itself (ECONNREFUSED …) says more than connect()'s rejection.
  let firstError: string | null = null;
  const record = (error: Error) => (firstError ??= error.message);
  for (const client of clients) client.on('error', record);
  try {
    await Promise.all(clients.map((client) => client.connect()));
  } catch (error) {
    for (const client of clients) client.disconnect();
    const reason = firstError ?? messageOf(error);
    throw new Error(`Redis at ${redisTarget(clients[0])} is not reachable (${reason}).`);
  } finally {
    for (const client of clients) client.off('error', record);
  }
}

/**
 * Opens what needs Redis when `redis_url` is set, or gives null without it (one instance). A
 * failure to connect fails the start: the message names where the URL came from and the fix.
 */
export async function openWithRedis<T>(
  config: ConfigService,
  open: (url: string) => Promise<T>,
): Promise<T | null> {
  const url = config.config.redis_url;
  if (!url) return null;
  try {
    return await open(url);
  } catch (error) {
    const source = config.view().overridden_by_env.includes('redis_url')
      ? 'environment variable REDIS_URL (redis_url)'
      : 'redis_url in config.json';
    throw new ConfigError(
      `${source}: ${messageOf(error)} Fix: start Redis, correct the URL, or unset it to run a single instance.`,
    );
  }
}
