/**
 * The graph as `npm start` runs it: five separate processes on free loopback ports, with file
 * stores in a fresh temporary DATA_DIR, or fresh Postgres databases when the suite runs on
 * Postgres (`postgres.ts`). For tests where concurrency must come from separate connections into
 * separate processes, not from one event loop.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { signUserToken } from '@app/gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, type JwtConfig } from '@app/gateway/src/config.ts';
import { openKeyStore } from '@app/gateway/src/db/keys.ts';
import { openPgGatewayStore } from '@app/gateway/src/db/open.ts';
import type { QueryResult } from './harness.ts';
import { dropDatabases, freshDatabases, PG_SUBGRAPHS, testPostgresUrl, type PgStoreName } from './postgres.ts';
import { pgRows, sqliteRows, type RowReader } from './rows.ts';

const root = path.resolve(import.meta.dirname, '..');
export const STACK_INTERNAL_SECRET = 'stack-internal-secret-0123456789abcdef012345';
export const STACK_JWT_SECRET = 'stack-jwt-secret-0123456789abcdef0123456789ab';

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve) => {
          const server = net.createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export interface StackOptions {
  env?: Record<string, string>;
  /** Reuse this DATA_DIR (and keep it at stop): a restart on the same stores. */
  dataDir?: string;
}

/** Starts the stack (services must be built: `npm test` builds first) and waits until it serves. */
export async function startStack(options: StackOptions = {}) {
  const extraEnv = options.env ?? {};
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'graph-stack-'));
  const [gateway, users, content, gifts, commerce] = (await freePorts(5)) as [number, number, number, number, number];
  // On Postgres, databases named after the DATA_DIR: a restart on the same DATA_DIR finds the same stores.
  const pgUrls = testPostgresUrl
    ? await freshDatabases(testPostgresUrl, [...PG_SUBGRAPHS, 'gateway'], `s${createHash('sha256').update(dataDir).digest('hex').slice(0, 10)}`)
    : null;
  const databaseEnv = Object.fromEntries(Object.entries(pgUrls ?? {}).map(([name, url]) => [`${name.toUpperCase()}_DATABASE_URL`, url]));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(gateway),
      USERS_PORT: String(users),
      CONTENT_PORT: String(content),
      GIFTS_PORT: String(gifts),
      COMMERCE_PORT: String(commerce),
      INTERNAL_SECRET: STACK_INTERNAL_SECRET,
      JWT_SECRET: STACK_JWT_SECRET,
      LOG_LEVEL: 'warn',
      ...databaseEnv,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (!output.includes('The graph is up')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the stack did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = `http://127.0.0.1:${gateway}/graphql`;
  const jwt: JwtConfig = { secret: STACK_JWT_SECRET, jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE };
  const keys = pgUrls ? (await openPgGatewayStore((pgUrls as Record<PgStoreName, string>).gateway)).keys : openKeyStore(path.join(dataDir, 'gateway.db'));
  const storePath = (subgraph: 'users' | 'content' | 'gifts' | 'commerce') => path.join(dataDir, `${subgraph}.db`);
  const readers = new Map<string, RowReader>();

  return {
    url,
    dataDir,
    ports: { gateway, users, content, gifts, commerce },
    /** The partner-key store the gateway process reads (one SQLite file, WAL, or its Postgres database). */
    keys,
    /** The stores' Postgres databases, when the suite runs on Postgres. */
    databaseUrls: pgUrls,
    output: () => output,
    /** A subgraph's rows, whichever engine it is on, for tests that check invariants in the rows themselves. */
    rows(subgraph: 'users' | 'content' | 'gifts' | 'commerce'): RowReader {
      let reader = readers.get(subgraph);
      if (!reader) {
        const url = pgUrls?.[subgraph as PgStoreName];
        reader = url ? pgRows(url) : sqliteRows(storePath(subgraph));
        readers.set(subgraph, reader);
      }
      return reader;
    },
    tokenFor(userId: string, options: { country?: string } = {}) {
      return signUserToken(jwt, { id: userId, country: options.country ?? 'US' }, { expiresIn: '1h' });
    },
    async query<T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<QueryResult<T>> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(20_000),
      });
      return { status: response.status, body: (await response.json()) as QueryResult<T>['body'] };
    },
    /** SIGTERM, as an orchestrator would send it; resolves with the exit code. */
    async terminate(): Promise<number | null> {
      await keys.close();
      for (const reader of readers.values()) await reader.close();
      readers.clear();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      return child.exitCode;
    },
    async stop() {
      await this.terminate();
      if (!options.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        if (pgUrls && testPostgresUrl) await dropDatabases(testPostgresUrl, Object.values(pgUrls));
      }
    },
  };
}

export type RunningStack = Awaited<ReturnType<typeof startStack>>;
