/**
 * `npx tsx bench/signed-subgraph.ts`: what a signed subgraph request costs the subgraph, with its
 * used nonces in the store's own file (`before`: the store's `acceptNonce`, on the store's
 * connection, synced in full on gifts and commerce) and in the nonce file beside it (`after`: the
 * store's `nonces`, `packages/kit/src/db/nonce-file.ts`), in the same run.
 *
 * Two measurements, each alternating before and after for `SIGNED_ROUNDS` (2) rounds:
 * - **accept alone**: `SIGNED_ACCEPTS` (3,000) nonces accepted one after another in this process,
 *   wall and CPU time per accept;
 * - **requests**: the subgraph (`SIGNED_SUBGRAPH`, gifts by default) served in a process of its own
 *   on a fresh store, `SIGNED_CONNECTIONS` (16) clients sending `{ __typename }` signed for a
 *   user (each request a new nonce, as the gateway signs them) for `SIGNED_SECONDS` (5) after a
 *   1 s warm-up: throughput, p50/p99 and the subgraph process's CPU per request.
 * Prints one JSON line per measurement and a summary (means over the rounds); the machine's load
 * (`uptime`) first and last.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { anonymousViewer, signViewer } from '../packages/kit/src/viewer.ts';
import { cpuMs } from './processes.ts';

type Mode = 'before' | 'after';
const SUBGRAPH = (process.env.SIGNED_SUBGRAPH ?? 'gifts') as 'gifts' | 'commerce' | 'users' | 'content';
const SECONDS = Number(process.env.SIGNED_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.SIGNED_CONNECTIONS ?? 16);
const ROUNDS = Number(process.env.SIGNED_ROUNDS ?? 2);
const ACCEPTS = Number(process.env.SIGNED_ACCEPTS ?? 3_000);
const SECRET = 'signed-bench-secret-0123456789abcdef0123456789abcdef';
const BODY = JSON.stringify({ query: '{ __typename }' });
const VIEWER = { ...anonymousViewer(), userId: 'user_signed_bench', country: 'US' };

async function openStore(file: string) {
  const opened = await import(`../subgraphs/${SUBGRAPH}/src/db/store.ts`);
  const open = Object.entries(opened).find(([name]) => /^open\w+Store$/.test(name) && !/Pg/.test(name))![1] as (path: string) => {
    acceptNonce(nonce: string, expiresAt: number, now: number): Promise<boolean>;
    nonces: { accept(nonce: string, expiresAt: number, now: number): boolean | Promise<boolean> };
    close(): void;
  };
  return open(file);
}

/** The child: serves the subgraph on a fresh store, its nonces where `mode` says, and prints its port. */
async function serveChild(mode: Mode, dir: string): Promise<void> {
  const { createLogger } = await import('../packages/kit/src/log.ts');
  const { nonceStoreOf } = await import('../packages/kit/src/db/kit-statements.ts');
  const server = await import(`../subgraphs/${SUBGRAPH}/src/server.ts`);
  const store = await openStore(path.join(dir, `${SUBGRAPH}.db`));
  const serve = (server.serve ?? server[`${SUBGRAPH}Service`]().serve) as (store: unknown, options: Record<string, unknown>) => Promise<{ port: number; stop(): Promise<void> }>;
  const running = await serve(store, {
    port: 0,
    host: '127.0.0.1',
    logger: createLogger(SUBGRAPH, { level: 'silent' }),
    internalSecret: SECRET,
    ...(mode === 'before' ? { nonces: nonceStoreOf(store as never) } : {}),
    onStop: () => store.close(),
  });
  console.log(JSON.stringify({ port: running.port }));
  process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));
}

function uptime(): string {
  return execFileSync('uptime').toString().trim();
}

async function acceptAlone(mode: Mode): Promise<{ mode: Mode; accepts: number; wallUsPerAccept: number; cpuUsPerAccept: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signed-accept-'));
  const store = await openStore(path.join(dir, `${SUBGRAPH}.db`));
  const accept = mode === 'before' ? (n: string, e: number, t: number) => store.acceptNonce(n, e, t) : (n: string, e: number, t: number) => store.nonces.accept(n, e, t);
  for (let i = 0; i < 200; i++) await accept(`warm-${i}`, Date.now() + 30_000, Date.now());
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < ACCEPTS; i++) await accept(`n-${i}`, Date.now() + 30_000, Date.now());
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return { mode, accepts: ACCEPTS, wallUsPerAccept: round((wall * 1000) / ACCEPTS), cpuUsPerAccept: round((used.user + used.system) / ACCEPTS) };
}

async function startChild(mode: Mode, dir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve', mode, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the ${mode} subgraph exited with ${code}`)));
  });
  return { child, port };
}

async function load(port: number, seconds: number): Promise<{ requests: number; latencies: number[]; failures: number }> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CONNECTIONS, pipelining: 1 });
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await pool.request({ path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', ...signViewer(VIEWER, BODY, SECRET, SUBGRAPH) }, body: BODY });
        const text = await response.body.text();
        if (response.statusCode !== 200 || !text.includes('"__typename"')) failures++;
        latencies.push(performance.now() - started);
      }
    }),
  );
  await pool.close();
  return { requests: latencies.length, latencies, failures };
}

async function requests(mode: Mode) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signed-serve-'));
  const { child, port } = await startChild(mode, dir);
  try {
    await load(port, 1);
    const cpuBefore = cpuMs(child.pid!);
    const { requests: count, latencies, failures } = await load(port, SECONDS);
    const cpu = cpuMs(child.pid!) - cpuBefore;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
    return { mode, requests: count, failures, rps: Math.round(count / SECONDS), p50Ms: at(0.5), p99Ms: at(0.99), subgraphCpuMsPerRequest: round(cpu / count, 4) };
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mean = (values: number[]) => round(values.reduce((sum, value) => sum + value, 0) / values.length, 4);

if (process.argv[2] === '--serve') {
  await serveChild(process.argv[3] as Mode, process.argv[4]!);
} else {
  console.log(`load before: ${uptime()}`);
  const accepts: Awaited<ReturnType<typeof acceptAlone>>[] = [];
  const served: Awaited<ReturnType<typeof requests>>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ['before', 'after'] as const) {
      const result = await acceptAlone(mode);
      accepts.push(result);
      console.log(JSON.stringify({ subgraph: SUBGRAPH, measure: 'accept', round: round + 1, ...result }));
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ['before', 'after'] as const) {
      const result = await requests(mode);
      served.push(result);
      console.log(JSON.stringify({ subgraph: SUBGRAPH, measure: 'requests', round: round + 1, ...result }));
    }
  }
  const of = <T extends { mode: Mode }>(rows: T[], mode: Mode, pick: (row: T) => number) => mean(rows.filter((row) => row.mode === mode).map(pick));
  const summary = {
    subgraph: SUBGRAPH,
    acceptWallUs: { before: of(accepts, 'before', (r) => r.wallUsPerAccept), after: of(accepts, 'after', (r) => r.wallUsPerAccept) },
    acceptCpuUs: { before: of(accepts, 'before', (r) => r.cpuUsPerAccept), after: of(accepts, 'after', (r) => r.cpuUsPerAccept) },
    rps: { before: of(served, 'before', (r) => r.rps), after: of(served, 'after', (r) => r.rps) },
    p50Ms: { before: of(served, 'before', (r) => r.p50Ms), after: of(served, 'after', (r) => r.p50Ms) },
    p99Ms: { before: of(served, 'before', (r) => r.p99Ms), after: of(served, 'after', (r) => r.p99Ms) },
    subgraphCpuMsPerRequest: { before: of(served, 'before', (r) => r.subgraphCpuMsPerRequest), after: of(served, 'after', (r) => r.subgraphCpuMsPerRequest) },
    failures: served.reduce((sum, r) => sum + r.failures, 0),
  };
  console.log(JSON.stringify({ summary }));
  console.log(`load after: ${uptime()}`);
}
