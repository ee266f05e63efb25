/**
 * Redis for the replicas' shared, short-lived state (`REDIS_URL`): the gateway's entity and
 * response cache and rate-limit buckets, and every subgraph's used signature nonces. Postgres
 * keeps what must be durable; nothing here is lost for good when Redis is (a cache misses, a
 * bucket starts full, a nonce table holds the nonces while Redis is away).
 *
 * The client is `ioredis`: one connection per process, commands pipelined on it, Lua scripts
 * sent by hash (`defineCommand`), and reconnection on its own. It is set up to fail fast rather
 * than to wait: no offline queue (a command while disconnected is refused at once, so a request
 * never waits on a Redis that is away), one try per command, a short command timeout. What
 * fails that way is an outage (`isRedisUnreachable`), which the callers turn into their local
 * fallback behind an `OutageGate`; a reply error (a bug, a script error, OOM) is not.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from './log.ts';
import { OutageGate } from './outage.ts';
import type { NonceStore } from './viewer.ts';

export type { Redis } from 'ioredis';

export interface OpenRedisOptions {
  /** Prefix of every key this client writes (tests and deployments sharing one server keep apart). */
  keyPrefix?: string;
  /** How long a command may take before it counts as an outage (default 2 s). */
  commandTimeoutMs?: number;
  /** How long `openRedis` waits for the first connection before it returns anyway (default 2 s). */
  connectWaitMs?: number;
  /** Whether commands issued in the same tick share one socket write (default false; for comparisons). */
  autoPipelining?: boolean;
}

/**
 * A client for `url` (`redis://[:password@]host:port[/db]`, `rediss://` for TLS). Resolves once
 * it is connected, or after `connectWaitMs` when the server does not answer: a replica starts
 * degraded rather than not at all, and the client keeps reconnecting in the background.
 */
export async function openRedis(url: string, options: OpenRedisOptions = {}): Promise<Redis> {
  const settings: RedisOptions = {
    keyPrefix: options.keyPrefix ?? '',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 2_000,
    connectTimeout: 2_000,
    // Reconnect forever, at most one attempt every 500 ms.
    retryStrategy: (times) => Math.min(50 * times, 500),
    lazyConnect: true,
    // Each command its own socket write. ioredis can put the commands of one tick in one write
    // (auto-pipelining), which the writes' share of the gateway's CPU on Postgres + Redis suggested;
    // measured (bench/redis-ops.ts, a request's take, lookup, store and refund from 32 callers) it
    // did not cost less CPU and answered later, so it stays off.
    enableAutoPipelining: options.autoPipelining ?? false,
  };
  const redis = new Redis(url, settings);
  // Connection errors are reported through the commands that fail (and the gate that counts
  // them); without a listener ioredis would print every reconnection attempt.
  redis.on('error', () => undefined);
  const connected = redis.connect().then(
    () => true,
    () => false,
  );
  await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, options.connectWaitMs ?? 2_000).unref())]);
  return redis;
}

const UNREACHABLE_MESSAGES = /Stream isn't writeable|Connection is closed|Command timed out|max retries per request|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|Socket closed unexpectedly|LOADING/i;

/**
 * Whether `error` says Redis did not answer (down, unreachable, too slow, restarting), as
 * opposed to an answer that was an error (`ReplyError`: a bug or a full server), which is thrown.
 */
export function isRedisUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND)$/.test(code)) return true;
  return UNREACHABLE_MESSAGES.test(error.message);
}

/**
 * Scripts the server has run so far (`INFO commandstats`): the gateway's Redis operations are one
 * script each, one round trip (a first run on a connection may be an `EVAL`). The commands a script
 * calls are counted under their own names, which is why those are not summed.
 */
export async function scriptsRun(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  return [...stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Whether Redis answers `PING` now (for `/ready`); false on any failure. */
export async function pingRedis(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}

/**
 * Used signature nonces in Redis, shared by every replica of every subgraph: one `SET key 1 NX
 * PX ttl` per signed request, which sets the key only if no replica did, and lets Redis forget
 * it when the signature it came with has expired anyway (`SIGNATURE_TTL_MS`).
 *
 * While Redis does not answer, nonces are checked against `fallback`, the store's own nonce
 * table (shared by replicas on Postgres), so a signed request is neither refused nor unchecked:
 * only a nonce accepted in Redis in the seconds before the outage could be replayed once, within
 * its 30 s lifetime, during it.
 */
export class RedisNonceStore implements NonceStore {
  constructor(
    private readonly redis: Redis,
    private readonly gate: OutageGate,
    private readonly fallback: NonceStore,
  ) {}

  async accept(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    return this.gate.run(
      async () => (await this.redis.set(`nonce:${nonce}`, '1', 'PX', Math.max(1, Math.ceil(expiresAt - now)), 'NX')) === 'OK',
      () => this.fallback.accept(nonce, expiresAt, now),
      isRedisUnreachable,
    );
  }
}

/**
 * Where a subgraph keeps used nonces: in Redis when `REDIS_URL` is set (the store's table while
 * Redis is away), else the store's own table. `close` ends the Redis connection, if any.
 */
export async function sharedNonces(storeNonces: NonceStore, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<{ nonces: NonceStore; close(): Promise<void> }> {
  const url = env.REDIS_URL;
  if (!url) return { nonces: storeNonces, close: async () => undefined };
  const redis = await openRedis(url);
  const gate = new OutageGate({
    onDown: (error) => logger.warn({ err: error }, "Redis does not answer: signature nonces are checked against this subgraph's store until it does"),
    onUp: () => logger.info('Redis answers again: signature nonces are shared there again'),
  });
  return {
    nonces: new RedisNonceStore(redis, gate, storeNonces),
    close: async () => {
      redis.disconnect();
    },
  };
}
