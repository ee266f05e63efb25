/**
 * Where the bench's stores live. `BENCH_STORE=sqlite` (the default) keeps them as `npm start` does,
 * files under a temporary DATA_DIR; `BENCH_STORE=postgres` starts a throwaway PostgreSQL cluster
 * (the one `npm run test:postgres` uses) and points every subgraph and the gateway at a database
 * of their own on it, created empty: each service migrates and seeds its own at start, and a
 * throwaway `redis-server` beside it for the replicas' shared state (`REDIS_URL`: entity cache,
 * rate limits, used nonces).
 *
 * Both runs land in one bench/results.json: a SQLite run writes the whole summary and keeps the
 * last Postgres run under `postgres`; a Postgres run replaces only `postgres` (feed and write mix
 * throughput and p99, SQL per request for 5 and 50 items, every case as measured).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { startThrowawayCluster } from '../packages/kit/src/pg-cluster.ts';
import { startThrowawayRedis } from '../packages/kit/src/redis-server.ts';

export type BenchStore = 'sqlite' | 'postgres';

export function benchStore(env: NodeJS.ProcessEnv = process.env): BenchStore {
  const store = env.BENCH_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`BENCH_STORE must be sqlite or postgres, got ${store}`);
  return store;
}

const DATABASES = ['users', 'content', 'gifts', 'commerce', 'gateway'] as const;

/** The environment that puts the services' stores on `store`, and how to tear it down. */
export async function openBenchStores(store: BenchStore): Promise<{ env: Record<string, string>; gatewayDatabaseUrl: string | null; stop(): void }> {
  if (store === 'sqlite') return { env: {}, gatewayDatabaseUrl: null, stop: () => undefined };
  const cluster = await startThrowawayCluster();
  for (const name of DATABASES) await cluster.createDatabase(`bench_${name}`);
  const redis = await startThrowawayRedis();
  const env = { ...Object.fromEntries(DATABASES.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, cluster.urlFor(`bench_${name}`)])), REDIS_URL: redis.url };
  return {
    env,
    gatewayDatabaseUrl: cluster.urlFor('bench_gateway'),
    stop: () => {
      redis.stop();
      cluster.stop();
    },
  };
}

/** Writes a run's summary into `file` beside the other engine's last run (see above). */
export function writeBenchResults(file: string, store: BenchStore, summary: Record<string, unknown>): void {
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  if (store === 'sqlite') {
    writeFileSync(file, `${JSON.stringify({ ...summary, ...(previous.postgres ? { postgres: previous.postgres } : {}) }, null, 2)}\n`);
    return;
  }
  const { live: _live, memoryMb: _memory, soak: _soak, ...measured } = summary;
  writeFileSync(file, `${JSON.stringify({ ...previous, postgres: { store: 'postgres', ...measured } }, null, 2)}\n`);
}
