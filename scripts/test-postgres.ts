/**
 * `npm run test:postgres`: the whole end-to-end suite with every subgraph's store and the
 * gateway's key store on a real PostgreSQL server. Starts a throwaway PostgreSQL 15 cluster
 * (`initdb`/`pg_ctl` on the PATH; as the `postgres` user when run as root) on a free loopback
 * port with its data in a temporary directory, makes one seeded template database per store,
 * runs `vitest run --project e2e` against it (extra arguments are passed on, e.g. a test file),
 * and stops and removes the cluster afterwards, on failure and on Ctrl-C too. A throwaway
 * `redis-server` runs beside it and the suite gets its `REDIS_URL`, so the gateways' entity cache and
 * rate limits and the subgraphs' used nonces are in Redis, as a deployment with both would have them.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { testSeedTime } from '../packages/fixtures/src/seed-time.ts';
import { startThrowawayCluster } from '../packages/kit/src/pg-cluster.ts';
import { startThrowawayRedis } from '../packages/kit/src/redis-server.ts';

// The templates are seeded here and the tests read the same world: date it before the seed loads.
process.env.SEED_TIME ??= new Date(testSeedTime()).toISOString();
const { prepareTemplates } = await import('../test/postgres.ts');

const root = path.resolve(import.meta.dirname, '..');
const cluster = await startThrowawayCluster();
const redis = await startThrowawayRedis().catch((error: unknown) => {
  cluster.stop();
  throw error;
});
let exiting = false;
const finish = (code: number) => {
  if (exiting) return;
  exiting = true;
  redis.stop();
  cluster.stop();
  process.exit(code);
};

let child: ReturnType<typeof spawn> | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    child?.kill('SIGTERM');
    finish(130);
  });
}

try {
  console.log(`PostgreSQL ${cluster.serverUrl} (data in ${cluster.dir}), Redis ${redis.url}; preparing seeded templates`);
  const started = performance.now();
  await prepareTemplates(cluster);
  console.log(`templates ready in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(error);
  finish(1);
}

child = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'e2e', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TEST_POSTGRES_URL: cluster.serverUrl, REDIS_URL: redis.url },
});
child.on('exit', (code, signal) => finish(code ?? (signal ? 1 : 0)));
