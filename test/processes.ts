/**
 * The graph as five separate processes that a test starts and kills one by one: `kill -9` one
 * service and start it again on the same port and store, while the others keep running.
 * (`stack.ts` runs them under `npm start`, which stops all five when one dies.) The services
 * must be built (`npm test` builds first). Stores are files in a temporary DATA_DIR, or fresh
 * Postgres databases when the suite runs on Postgres (`postgres.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signUserToken } from '@app/gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, type JwtConfig } from '@app/gateway/src/config.ts';
import type { QueryResult } from './harness.ts';
import { dropDatabases, freshDatabases, PG_SUBGRAPHS, testPostgresUrl, type PgStoreName } from './postgres.ts';
import { pgRows, sqliteRows, type RowReader } from './rows.ts';
import { freePorts, STACK_INTERNAL_SECRET, STACK_JWT_SECRET } from './stack.ts';

const root = path.resolve(import.meta.dirname, '..');
const SUBGRAPHS = ['users', 'content', 'gifts', 'commerce'] as const;
type Service = (typeof SUBGRAPHS)[number] | 'gateway';

const entryOf = (service: Service) => path.join(root, service === 'gateway' ? 'gateway' : path.join('subgraphs', service), 'dist', 'index.js');

export interface ProcessesOptions {
  /** The subgraphs to run (all four by default); the gateway always runs, and others are down. */
  subgraphs?: readonly (typeof SUBGRAPHS)[number][];
}

export async function startProcesses(options: ProcessesOptions = {}) {
  const running = options.subgraphs ?? SUBGRAPHS;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'graph-processes-'));
  const [gateway, users, content, gifts, commerce] = (await freePorts(5)) as [number, number, number, number, number];
  const ports: Record<Service, number> = { gateway, users, content, gifts, commerce };
  const pgUrls = testPostgresUrl ? await freshDatabases(testPostgresUrl, [...PG_SUBGRAPHS, 'gateway']) : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    INTERNAL_SECRET: STACK_INTERNAL_SECRET,
    JWT_SECRET: STACK_JWT_SECRET,
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(Object.entries(pgUrls ?? {}).map(([name, url]) => [`${name.toUpperCase()}_DATABASE_URL`, url])),
  };
  delete env.PORT;
  for (const service of [...SUBGRAPHS, 'gateway'] as const) env[`${service.toUpperCase()}_PORT`] = String(ports[service]);
  for (const service of SUBGRAPHS) env[`${service.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[service]}/graphql`;

  const children = new Map<Service, ChildProcess>();
  let output = '';

  async function start(service: Service): Promise<void> {
    const child = spawn(process.execPath, ['--enable-source-maps', entryOf(service)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.set(service, child);
    child.stdout!.on('data', (chunk) => (output += `${service}: ${chunk}`));
    child.stderr!.on('data', (chunk) => (output += `${service}: ${chunk}`));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${service} did not start:\n${output}`);
      }
      try {
        // A subgraph is ready once its store is open; the gateway's own readiness is the whole graph's, so its liveness it is.
        if ((await fetch(`http://127.0.0.1:${ports[service]}/${service === 'gateway' ? 'health' : 'ready'}`, { signal: AbortSignal.timeout(1_000) })).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Sends `signal` to one service and waits for it to exit. */
  async function kill(service: Service, signal: NodeJS.Signals): Promise<void> {
    const child = children.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  }

  try {
    await Promise.all(running.map(start));
    await start('gateway');
  } catch (error) {
    await Promise.all([...children.keys()].map((service) => kill(service, 'SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
    if (pgUrls && testPostgresUrl) await dropDatabases(testPostgresUrl, Object.values(pgUrls));
    throw error;
  }

  const url = `http://127.0.0.1:${gateway}/`;
  const jwt: JwtConfig = { secret: STACK_JWT_SECRET, jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE };
  return {
    /** The gateway's base URL, ending in `/` (as the subscription clients take it). */
    url,
    ports,
    /** The environment the services run with: where their stores are, for a command run beside them (e.g. `npm run reconcile`). */
    env,
    output: () => output,
    /** A subgraph's rows, whichever engine it is on (a new reader each time: close it). */
    rows: (subgraph: (typeof SUBGRAPHS)[number]): RowReader => {
      const url = pgUrls?.[subgraph as PgStoreName];
      return url ? pgRows(url) : sqliteRows(path.join(dataDir, `${subgraph}.db`));
    },
    start,
    kill,
    tokenFor(userId: string) {
      return signUserToken(jwt, { id: userId, country: 'US' }, { expiresIn: '1h' });
    },
    async query<T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<QueryResult<T>> {
      const response = await fetch(`${url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(20_000),
      });
      return { status: response.status, body: (await response.json()) as QueryResult<T>['body'] };
    },
    /** The gateway first (its clients hear their subscriptions complete), then the subgraphs. */
    async stop() {
      await kill('gateway', 'SIGTERM');
      await Promise.all(SUBGRAPHS.map((service) => kill(service, 'SIGTERM')));
      rmSync(dataDir, { recursive: true, force: true });
      if (pgUrls && testPostgresUrl) await dropDatabases(testPostgresUrl, Object.values(pgUrls));
    },
  };
}

export type RunningProcesses = Awaited<ReturnType<typeof startProcesses>>;
