/**
 * `npm run bench`: starts the graph on loopback with its fixed seed (plus a stock Apollo Gateway
 * over the same subgraphs), drives each case from a separate process after a warm-up, checks
 * every response, and prints tables plus bench/results.json.
 *
 * Cases: `same` (today's: one query from every connection, autocannon), `live` (LIVE fan-out over
 * WebSocket: bench/live.ts, BENCH_LIVE_CLIENTS, BENCH_LIVE_RATE, BENCH_LIVE_SECONDS, and the same room at
 * BENCH_LIVE_SUSTAINED_RATE, 20/s), then `varied`,
 * `signed-in` and `varied + writes` (random operations from the seeded world, each answer
 * compared with its reference; bench/driver.ts), ours and stock alternating.
 *
 * BENCH_SECONDS (default 10) per case, BENCH_CONNECTIONS (default 16), BENCH_CASES (default
 * `same,live,varied,signed-in,writes`), BENCH_ROUNDS (default 2) of ours-then-stock per new case, BENCH_SOAK_SECONDS (default 0: off) for a memory soak of
 * the feed through our gateway, BENCH_CPU_PROFILE=1 (or a list: gateway,users,…) to write CPU
 * profiles (bench/<name>.cpuprofile), BENCH_COMPARE_GATEWAY=<a gateway build's dist/index.js>
 * to run another build of our gateway alongside (an A/B of one change, same run; BENCH_COMPARE_ENV, JSON,
 * sets its environment, e.g. {"ENTITY_CACHE":"off"} for this build with one lever off; BENCH_COMPARE_STORE=sqlite
 * runs it over SQLite subgraphs of its own beside a Postgres run), BENCH_DOCUMENTS=text
 * to send operation text instead of persisted document ids, BENCH_RATE=<requests a second> to offer
 * the driver cases a fixed load instead of a closed loop (CPU per request compared at one load).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { openRedis, scriptsRun, type Redis } from '../packages/kit/src/redis.ts';
import { benchStore, openBenchStores, writeBenchResults } from './stores.ts';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { signUserToken } from '../gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../gateway/src/config.ts';
import { openGatewayStores } from '../gateway/src/db/open.ts';
import { creatorIds, liveStreamIds, productBrandId, productIds, userIds } from '../packages/fixtures/src/world.ts';
import { freePorts } from '../test/stack.ts';
import { dataOf } from './answers.ts';
import { type DocumentMode, persistedQuery } from './documents.ts';
import type { DriverCase, DriverResult } from './driver.ts';
import { prepareWrites, type Reference, viewerReads, withReferences } from './mixes.ts';
import { cpuMs, cpuSplitMs, descendantsOf, entityCacheCounters, Processes, rssMb, subgraphCounters, waitFor } from './processes.ts';
import { publicScreens } from './screens.ts';
import { measureLiveFanOut, type LiveBenchResult } from './live.ts';
import { readWriteState, type Run, WRITE_OPERATIONS, type WriteState, type WritesSpec } from './writes.ts';

const root = path.resolve(import.meta.dirname, '..');
/** `npm run bench -- --large-dir DIR` (or `--scale`, `--large-pg URL` on Postgres): what the scale bench is given afterwards. */
const { values: scaleOptions } = parseArgs({ options: { 'large-dir': { type: 'string' }, 'large-pg': { type: 'string' }, scale: { type: 'boolean' } } });
const SCALE_ARGS = [
  ...(scaleOptions['large-dir'] ? ['--large-dir', scaleOptions['large-dir']] : []),
  ...(scaleOptions['large-pg'] ? ['--large-pg', scaleOptions['large-pg']] : []),
  ...(scaleOptions.scale ? ['--scale'] : []),
];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Math.max(2, Math.round(SECONDS / 4));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** Requests a second offered to each driver case (0: a closed loop, as fast as answered). */
const RATE = Number(process.env.BENCH_RATE ?? 0);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 0);
const CASES = new Set((process.env.BENCH_CASES ?? 'same,live,varied,signed-in,writes').split(',').map((name) => name.trim()));
/** Processes to profile (`1` means the gateway): each writes bench/<name>.cpuprofile when it stops. */
const CPU_PROFILE = new Set((process.env.BENCH_CPU_PROFILE === '1' ? 'gateway' : (process.env.BENCH_CPU_PROFILE ?? '')).split(',').filter(Boolean));
/** Another build of our gateway (its dist/index.js) run alongside for an A/B of one change, e.g. the commit before it. */
const COMPARE_GATEWAY = process.env.BENCH_COMPARE_GATEWAY ?? null;
/** Environment of the compared build (JSON), e.g. {"ENTITY_CACHE":"off"}: the same build with one lever off. */
const COMPARE_ENV = JSON.parse(process.env.BENCH_COMPARE_ENV ?? '{}') as Record<string, string>;
/**
 * `BENCH_COMPARE_STORE=sqlite` (with BENCH_STORE=postgres and a compared build): the compared build
 * runs over four more subgraphs of its own on SQLite files, seeded alike, its shared state in
 * memory: the SQLite run beside the Postgres + Redis one in the same minutes (issue 24's CPU target).
 */
const COMPARE_STORE = process.env.BENCH_COMPARE_STORE ?? null;
if (COMPARE_STORE !== null && COMPARE_STORE !== 'sqlite') throw new Error(`BENCH_COMPARE_STORE must be sqlite, got ${COMPARE_STORE}`);
/** How the new cases' clients send operations: only the id of a persisted document (default), or the text. */
const DOCUMENTS: DocumentMode = process.env.BENCH_DOCUMENTS === 'text' ? 'text' : 'persisted';
/** Rounds of ours-then-stock per new case: drift in a shared machine hits both alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WRITE_SHARE = 0.05;
/** The share of `varied + writes` iterations that read a written entity while the writes run. */
const WATCH_SHARE = 0.1;
const LIVE_CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 1_000);
const LIVE_RATE = Number(process.env.BENCH_LIVE_RATE ?? 50);
const LIVE_SUSTAINED_RATE = Number(process.env.BENCH_LIVE_SUSTAINED_RATE ?? 20);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? SECONDS);
/**
 * The peers run beside ours and stock (issue 24): Hive Gateway as its users install it, the same
 * with its response cache on, and with Hive Router's Rust query planner (bench/hive/gateway.config.ts).
 * `BENCH_PEERS` picks some (`hive,hive-cache,hive-rust`, the default) or `none`. They serve `same`
 * (the feed), `varied` and `signed-in`; not `varied + writes`, whose read-your-writes check needs a
 * gateway that drops what a write changed, and a peer's response cache does not know our writes.
 */
const PEER_SPECS = [
  { key: 'hive', variant: 'plain', name: 'Hive Gateway' },
  { key: 'hive-cache', variant: 'response-cache', name: 'Hive Gateway, response cache' },
  { key: 'hive-rust', variant: 'rust-planner', name: 'Hive Gateway, Rust query planner' },
] as const;
type PeerKey = (typeof PEER_SPECS)[number]['key'];
const PEER_KEYS = new Set((process.env.BENCH_PEERS ?? PEER_SPECS.map((peer) => peer.key).join(',')).split(',').map((key) => key.trim()));
const PEERS = PEER_SPECS.filter((peer) => PEER_KEYS.has(peer.key));
const peerName = (key: string) => PEER_SPECS.find((peer) => peer.key === key)?.name ?? key;
const HIVE_GATEWAY_BIN = path.join(root, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
const INTERNAL_SECRET = 'bench-internal-secret-0123456789abcdef0123456789';
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456789abcd';

const FEED = `query Feed { feed(first: 20) { edges { node { id caption publishedAt creator { id handle displayName verified } products { id title price { amount currencyCode } } } } pageInfo { hasNextPage endCursor } } }`;
const PROFILE = `query CreatorProfile($handle: String!) { creator(handle: $handle) { displayName followerCount followers(first: 3) { edges { node { handle } } }
  videos(first: 5) { edges { node { caption products { title price { formatted } brand { name } } } } pageInfo { hasNextPage endCursor } }
  liveStreams(first: 3) { edges { node { title status pinnedProducts { title price { formatted } } giftTotals { coins diamonds } } } }
  topGifters(first: 3) { rank coins user { handle } } catalogs(first: 3) { edges { node { name brand { name } } } } showcase(first: 5) { edges { node { title price { formatted } } } } } }`;
/** What the gateway's first fetch for FEED asks the content subgraph: the floor for the feed. */
const FEED_FIRST_FETCH = `query Feed__content__0 { feed(first: 20) { edges { node { __typename id caption publishedAt creator { __typename id } } } pageInfo { hasNextPage endCursor } } }`;

const SUBGRAPHS = ['users', 'content', 'gifts', 'commerce'] as const;
const processes = new Processes(root);
let subgraphPorts: number[] = [];
/** The compared build's own subgraphs (BENCH_COMPARE_STORE): its rows count their CPU and statements. */
let comparedSubgraphs: { names: string[]; ports: number[] } | null = null;

interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: number;
  failures: number;
  wrongAnswers: number;
  firstFailures: string[];
}

interface LoadSpec {
  url: string;
  bodies: string[];
  headers?: Record<string, string>;
  /** The `data` every answer must hold (JSON, exactly: bench/answers.ts), when the case has one answer. */
  expect?: string;
}

function runLoad(spec: LoadSpec & { seconds: number; connections?: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench', 'load.ts'), JSON.stringify({ url: spec.url, bodies: spec.bodies, headers: spec.headers, expect: spec.expect, connections: spec.connections ?? CONNECTIONS, durationSeconds: spec.seconds })],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });
}

interface CaseResult {
  name: string;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
  statementsPerRequest: number;
  gatewayCpuMsPerRequest: number;
  /** Answers with data other than the reference's (cases given one). */
  wrongAnswers?: number;
}

/** A case of random operations, on one gateway: what `bench/driver.ts` measured, plus CPU and subgraph work. */
interface MixResult extends CaseResult {
  gateway: 'ours' | 'stock' | 'compared' | PeerKey;
  writes: number;
  /** Reads of written entities racing the writes (their stale ones are in `staleReads`). */
  concurrentReads: number;
  /** The share of the gateway's CPU spent in the kernel (its sockets). */
  gatewaySystemCpuShare: number;
  /** The lowest gateway CPU per request of the rounds: other work on the machine only ever adds to it. */
  gatewayCpuMsPerRequestBest: number;
  wrongAnswers: number;
  staleReads: number;
  subgraphCpuMsPerRequest: number;
  subgraphRequestsPerRequest: number;
  /** Of the entity cache's lookups during the run (representations and root fetches), the share it answered; null without one. */
  entityCacheHitRate: number | null;
  /** Of the requests the response cache looked up during the run, the share it answered; null without one. */
  responseCacheHitRate: number | null;
  /** Scripts the Redis server ran per request during the run: the gateway's round trips for its cache and buckets (the subgraphs' nonces are plain SETs); null without Redis. */
  redisCommandsPerRequest: number | null;
}

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * SQL statements per request, exactly: a few requests one at a time once the load has stopped
 * (under load, requests still in flight at the end would blur the count).
 */
async function statementsPerRequest(spec: { url: string; bodies: string[]; headers?: Record<string, string> }): Promise<number> {
  // Let requests the load generator abandoned at its deadline finish first.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const before = (await subgraphCounters(subgraphPorts)).statements;
  const rounds = 5;
  for (let i = 0; i < rounds; i++) {
    for (const body of spec.bodies) {
      await fetch(spec.url, { method: 'POST', headers: { 'content-type': 'application/json', ...spec.headers }, body: body.replaceAll('{{n}}', `probe-${Date.now()}-${i}`) });
    }
  }
  return ((await subgraphCounters(subgraphPorts)).statements - before) / (rounds * spec.bodies.length);
}

/** Warm up, then measure: throughput, latency, every failure, SQL statements and the serving process's CPU. */
async function measure(name: string, spec: LoadSpec, cpuPid: number, seconds = SECONDS): Promise<CaseResult> {
  const warm = await runLoad({ ...spec, seconds: WARMUP_SECONDS });
  const cpuBefore = cpuMs(cpuPid);
  const load = await runLoad({ ...spec, seconds });
  const cpu = cpuMs(cpuPid) - cpuBefore;
  const errors = load.failures + load.socketErrors;
  totalWrongAnswers += warm.wrongAnswers + load.wrongAnswers;
  if (errors > 0) console.error(`${name}: ${errors} failed responses (${load.wrongAnswers} wrong answers), e.g. ${load.firstFailures[0] ?? '(socket errors)'}`);
  const requests = Math.max(1, load.requests);
  return {
    name,
    rps: Math.round(load.rps),
    p50Ms: round(load.p50Ms),
    p95Ms: round(load.p95Ms),
    p99Ms: round(load.p99Ms),
    errors,
    requests: load.requests,
    statementsPerRequest: round(await statementsPerRequest(spec)),
    gatewayCpuMsPerRequest: round(cpu / requests, 3),
    ...(spec.expect === undefined ? {} : { wrongAnswers: load.wrongAnswers }),
  };
}

let totalWrongAnswers = 0;
let totalStaleReads = 0;

/**
 * One run of the driver against one gateway, with the gateway's and the subgraphs' CPU time and
 * the subgraphs' requests and statements counted from when its load starts to when it ends.
 */
async function runDriver(
  spec: DriverCase,
  gatewayPid: number,
  subgraphs: { names: readonly string[]; ports: number[] } = { names: SUBGRAPHS, ports: subgraphPorts },
): Promise<
  DriverResult & { gatewayCpuMs: number; gatewaySystemCpuMs: number; subgraphCpuMs: number; subgraphRequests: number; statements: number; cacheHits: number; cacheLookups: number; responseHits: number; responseLookups: number; redisCommands: number }
> {
  const file = path.join(dataDir, `driver-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'driver.ts'), file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const subgraphPids = subgraphs.names.map((name) => processes.pid(name));
  const sample = async () => ({
    gateway: cpuMs(gatewayPid),
    gatewaySystem: cpuSplitMs(gatewayPid).system,
    subgraphs: subgraphPids.reduce((sum, pid) => sum + cpuMs(pid), 0),
    ...(await subgraphCounters(subgraphs.ports)),
    cache: await entityCacheCounters(spec.url),
    redis: redisServer ? await scriptsRun(redisServer) : 0,
  });
  let before: Awaited<ReturnType<typeof sample>> | null = null;
  let after: Awaited<ReturnType<typeof sample>> | null = null;
  let result: DriverResult | null = null;
  for await (const line of createInterface({ input: child.stdout! })) {
    const message = JSON.parse(line) as { event?: string } & DriverResult;
    if (message.event === 'start') before = await sample();
    else {
      after = await sample();
      result = message;
    }
  }
  const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  rmSync(file, { force: true });
  if (code !== 0 || !result || !before || !after) throw new Error(`the load driver exited with ${code}`);
  totalWrongAnswers += result.wrongAnswers;
  totalStaleReads += result.staleReads;
  return {
    ...result,
    gatewayCpuMs: after.gateway - before.gateway,
    gatewaySystemCpuMs: after.gatewaySystem - before.gatewaySystem,
    subgraphCpuMs: after.subgraphs - before.subgraphs,
    subgraphRequests: after.requests - before.requests,
    statements: after.statements - before.statements,
    cacheHits: after.cache.hits - before.cache.hits,
    cacheLookups: after.cache.hits + after.cache.misses - (before.cache.hits + before.cache.misses),
    responseHits: after.cache.responseHits - before.cache.responseHits,
    responseLookups: after.cache.responseHits + after.cache.responseMisses - (before.cache.responseHits + before.cache.responseMisses),
    redisCommands: after.redis - before.redis,
  };
}

/** A driver case on one gateway: warm-up, then a measured run. `writeState` carries the writes' model from run to run. */
async function measureMix(name: string, gateway: MixResult['gateway'], spec: Omit<DriverCase, 'durationSeconds'>, gatewayPid: number): Promise<MixResult> {
  const withState = (): DriverCase => ({
    ...spec,
    durationSeconds: SECONDS,
    ...(RATE > 0 ? { ratePerSecond: RATE } : {}),
    ...(spec.writes && writeState ? { writes: { ...spec.writes, state: writeState } } : {}),
  });
  const subgraphs = gateway === 'compared' && comparedSubgraphs ? comparedSubgraphs : undefined;
  const warm = await runDriver({ ...withState(), durationSeconds: WARMUP_SECONDS }, gatewayPid, subgraphs);
  if (warm.state) writeState = warm.state;
  const run = await runDriver(withState(), gatewayPid, subgraphs);
  if (run.state) writeState = run.state;
  for (const [label, result] of [
    ['warm-up', warm],
    ['run', run],
  ] as const) {
    if (result.errors > 0) console.error(`${name} (${gateway}, ${label}): ${result.errors} failed (${result.wrongAnswers} wrong answers, ${result.staleReads} stale reads), e.g.\n  ${result.firstFailures.join('\n  ')}`);
  }
  const requests = Math.max(1, run.requests);
  return {
    name: `${name}${gateway === 'stock' ? ' (stock @apollo/gateway)' : gateway === 'compared' ? ' (compared build)' : gateway === 'ours' ? '' : ` (${peerName(gateway)})`}`,
    gateway,
    rps: Math.round(run.rps),
    p50Ms: run.p50Ms,
    p95Ms: run.p95Ms,
    p99Ms: run.p99Ms,
    errors: run.errors,
    wrongAnswers: run.wrongAnswers,
    staleReads: run.staleReads,
    requests: run.requests,
    writes: run.writes,
    concurrentReads: run.watchedReads,
    statementsPerRequest: round(run.statements / requests),
    gatewayCpuMsPerRequest: round(run.gatewayCpuMs / requests, 3),
    gatewaySystemCpuShare: round(run.gatewaySystemCpuMs / Math.max(1, run.gatewayCpuMs)),
    gatewayCpuMsPerRequestBest: round(run.gatewayCpuMs / requests, 3),
    subgraphCpuMsPerRequest: round(run.subgraphCpuMs / requests, 3),
    subgraphRequestsPerRequest: round(run.subgraphRequests / requests),
    entityCacheHitRate: run.cacheLookups > 0 ? round(run.cacheHits / run.cacheLookups) : null,
    responseCacheHitRate: run.responseLookups > 0 ? round(run.responseHits / run.responseLookups) : null,
    redisCommandsPerRequest: redisServer ? round(run.redisCommands / requests) : null,
  };
}

let writeState: WriteState | null = null;
/** The bench's own connection to the run's Redis server (Postgres runs), for its command counts. */
let redisServer: Redis | null = null;

function meanOf<T extends CaseResult>(runs: T[], name: string): T {
  const mean = (pick: (run: T) => number, places = 2) => round(runs.reduce((sum, run) => sum + pick(run), 0) / runs.length, places);
  return {
    ...runs[0]!,
    name,
    rps: Math.round(mean((run) => run.rps)),
    // The worst of the rounds: a latency target must hold in each.
    p50Ms: Math.max(...runs.map((run) => run.p50Ms)),
    p95Ms: Math.max(...runs.map((run) => run.p95Ms)),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    ...(runs[0]!.wrongAnswers === undefined ? {} : { wrongAnswers: runs.reduce((sum, run) => sum + (run.wrongAnswers ?? 0), 0) }),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    gatewayCpuMsPerRequest: mean((run) => run.gatewayCpuMsPerRequest, 3),
    ...('subgraphCpuMsPerRequest' in runs[0]!
      ? {
          wrongAnswers: runs.reduce((sum, run) => sum + (run as unknown as MixResult).wrongAnswers, 0),
          staleReads: runs.reduce((sum, run) => sum + (run as unknown as MixResult).staleReads, 0),
          writes: runs.reduce((sum, run) => sum + (run as unknown as MixResult).writes, 0),
          concurrentReads: runs.reduce((sum, run) => sum + (run as unknown as MixResult).concurrentReads, 0),
          statementsPerRequest: mean((run) => run.statementsPerRequest),
          redisCommandsPerRequest: (runs[0] as unknown as MixResult).redisCommandsPerRequest === null ? null : mean((run) => (run as unknown as MixResult).redisCommandsPerRequest ?? 0),
          subgraphCpuMsPerRequest: mean((run) => (run as unknown as MixResult).subgraphCpuMsPerRequest, 3),
          gatewayCpuMsPerRequestBest: Math.min(...runs.map((run) => (run as unknown as MixResult).gatewayCpuMsPerRequestBest)),
          gatewaySystemCpuShare: mean((run) => (run as unknown as MixResult).gatewaySystemCpuShare),
          subgraphRequestsPerRequest: mean((run) => (run as unknown as MixResult).subgraphRequestsPerRequest),
          entityCacheHitRate: (runs[0] as unknown as MixResult).entityCacheHitRate === null ? null : mean((run) => (run as unknown as MixResult).entityCacheHitRate ?? 0),
          responseCacheHitRate: (runs[0] as unknown as MixResult).responseCacheHitRate === null ? null : mean((run) => (run as unknown as MixResult).responseCacheHitRate ?? 0),
        }
      : {}),
  };
}

interface Target {
  url: string;
  pid: number;
}

/** A peer gateway, and the reads as it is sent them (operation text: it does not know our documents' ids). */
interface PeerTarget extends Target {
  key: PeerKey;
}

/** A new case, ours and stock (and a compared build, when given) alternating for ROUNDS rounds. */
async function compare(
  name: string,
  ours: Target,
  stock: Target,
  compared: Target | null,
  spec: Omit<DriverCase, 'durationSeconds' | 'url'>,
  writeSpecs?: WritesSpec[],
  peers: { at: PeerTarget[]; reads: DriverCase['reads'] } = { at: [], reads: [] },
) {
  const oursRuns: MixResult[] = [];
  const stockRuns: MixResult[] = [];
  const comparedRuns: MixResult[] = [];
  const peerRuns = new Map<PeerKey, MixResult[]>(peers.at.map((peer) => [peer.key, []]));
  const versus = (a: MixResult, b: MixResult) => `${round(a.rps / Math.max(1, b.rps))}x rps, ${round(a.gatewayCpuMsPerRequest / Math.max(0.001, b.gatewayCpuMsPerRequest))}x CPU`;
  const cpu = (r: MixResult) => `${r.gatewayCpuMsPerRequest} ms CPU/req (${Math.round(r.gatewaySystemCpuShare * 100)} % kernel)`;
  for (let i = 0; i < ROUNDS; i++) {
    // Each gateway writes its own share of the reserved entities (`prepareWrites`).
    const own = (gateway: number) => (spec.writes && writeSpecs ? { writes: { ...spec.writes, spec: writeSpecs[gateway]! } } : {});
    const o = await measureMix(name, 'ours', { ...spec, ...own(0), url: ours.url }, ours.pid);
    const c = compared ? await measureMix(name, 'compared', { ...spec, ...own(2), url: compared.url }, compared.pid) : null;
    const p = [];
    for (const peer of peers.at) {
      const result = await measureMix(name, peer.key, { ...spec, reads: peers.reads, documents: 'text', url: peer.url }, peer.pid);
      peerRuns.get(peer.key)!.push(result);
      p.push(result);
    }
    const s = await measureMix(name, 'stock', { ...spec, ...own(1), url: stock.url }, stock.pid);
    oursRuns.push(o);
    stockRuns.push(s);
    if (c) comparedRuns.push(c);
    console.error(
      `${name} round ${i + 1} (load ${round(os.loadavg()[0]!)}): ours ${o.rps} rps ${cpu(o)}, stock ${s.rps} rps ${cpu(s)}: ${versus(o, s)}${c ? `; compared build ${c.rps} rps ${cpu(c)}: ours ${versus(o, c)} of it` : ''}${p.map((r) => `; ${peerName(r.gateway)} ${r.rps} rps ${cpu(r)}, ${r.wrongAnswers} wrong: ours ${versus(o, r)} of it`).join('')}`,
    );
  }
  return {
    ours: meanOf(oursRuns, name),
    stock: meanOf(stockRuns, `${name} (stock @apollo/gateway)`),
    peers: [...peerRuns.entries()].map(([key, runs]) => meanOf(runs, `${name} (${peerName(key)})`)),
    ...(compared ? { compared: meanOf(comparedRuns, `${name} (compared build)`) } : {}),
  };
}

const STORE = benchStore();
let stopStores: () => void = () => undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'graph-bench-'));
async function stopAll(): Promise<void> {
  await processes.stopAll();
  rmSync(dataDir, { recursive: true, force: true });
  redisServer?.disconnect();
  stopStores();
}
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

/**
 * Starts each peer as its users would: the `hive-gateway` CLI serving a supergraph file (ours, with
 * the bench's subgraph URLs written in), one process each, in production mode.
 */
async function startPeers(subgraphUrls: Record<string, string>): Promise<PeerTarget[]> {
  if (PEERS.length === 0) return [];
  const supergraph = path.join(dataDir, 'supergraph.graphql');
  writeFileSync(
    supergraph,
    readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8').replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (_all, name: string) => `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")`),
  );
  const ports = await freePorts(PEERS.length);
  const started: PeerTarget[] = [];
  for (const [i, peer] of PEERS.entries()) {
    const port = ports[i]!;
    const child = processes.start(
      peer.key,
      ['--import', 'tsx', HIVE_GATEWAY_BIN, 'supergraph', supergraph, '--host', '127.0.0.1', '--port', String(port), '--fork', '1', '--config-path', path.join(root, 'bench', 'hive', 'gateway.config.ts')],
      { NODE_ENV: 'production', HIVE_VARIANT: peer.variant, SUPERGRAPH_FILE: supergraph, INTERNAL_SECRET, JWT_SECRET, GATEWAY_DB: path.join(dataDir, 'gateway.db') },
    );
    await waitFor(`http://127.0.0.1:${port}/readiness`, 120_000);
    started.push({ key: peer.key, url: `http://127.0.0.1:${port}/graphql`, pid: child.pid! });
    console.error(`${peer.name} at http://127.0.0.1:${port}/graphql (${1 + descendantsOf(child.pid!).length} process${descendantsOf(child.pid!).length ? 'es' : ''})`);
  }
  return started;
}

/**
 * Four more subgraphs on SQLite files of their own, seeded as ours are (BENCH_COMPARE_STORE): the
 * environment a gateway over them needs, every store URL and REDIS_URL emptied (unset).
 */
async function startSqliteWorld(env: NodeJS.ProcessEnv, storeEnv: Record<string, string>): Promise<Record<string, string>> {
  const ports = await freePorts(SUBGRAPHS.length);
  const worldEnv: Record<string, string> = {
    ...Object.fromEntries(Object.keys(storeEnv).map((key) => [key, ''])),
    DATA_DIR: path.join(dataDir, 'sqlite-world'),
    ...Object.fromEntries(SUBGRAPHS.flatMap((name, i) => [[`${name.toUpperCase()}_PORT`, String(ports[i])], [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[i]}/graphql`]])),
  };
  mkdirSync(worldEnv.DATA_DIR!, { recursive: true });
  for (const name of SUBGRAPHS) processes.start(`sqlite-${name}`, ['--enable-source-maps', `subgraphs/${name}/dist/index.js`], { ...env, ...worldEnv });
  await Promise.all(ports.map((port) => waitFor(`http://127.0.0.1:${port}/ready`)));
  comparedSubgraphs = { names: SUBGRAPHS.map((name) => `sqlite-${name}`), ports };
  console.error(`compared build over its own SQLite world: ${SUBGRAPHS.map((name, i) => `${name} :${ports[i]}`).join(', ')}`);
  return worldEnv;
}

type PartnerKeyStore = Awaited<ReturnType<typeof openGatewayStores>>['keys'];

/** One key per brand whose products the bench edits, made up front in `keys` (creating one is async). */
async function partnerKeysIn(keys: PartnerKeyStore): Promise<(brandId: string) => string> {
  const partnerKeys = new Map<string, string>();
  for (const brandId of new Set(productIds.map((_, index) => productBrandId(index)))) {
    partnerKeys.set(brandId, (await keys.create({ partnerId: brandId, name: 'bench', scopes: ['catalog:write'] })).secret);
  }
  return (brandId) => partnerKeys.get(brandId)!;
}

async function main() {
  const [gatewayPort, stockPort, users, content, gifts, commerce, responseCacheOffPort] = (await freePorts(7)) as [number, number, number, number, number, number, number];
  const stores = await openBenchStores(STORE);
  stopStores = stores.stop;
  if (stores.env.REDIS_URL) redisServer = await openRedis(stores.env.REDIS_URL);
  subgraphPorts = [users, content, gifts, commerce];
  const urls = { users, content, gifts, commerce } as Record<string, number>;
  const subgraphUrls = Object.fromEntries(Object.entries(urls).map(([name, port]) => [name, `http://127.0.0.1:${port}/graphql`]));
  const unlimited = { max: 1e9, restoreRate: 1e9 };
  const env = {
    DATA_DIR: dataDir,
    INTERNAL_SECRET,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    USERS_PORT: String(users),
    CONTENT_PORT: String(content),
    GIFTS_PORT: String(gifts),
    COMMERCE_PORT: String(commerce),
    GATEWAY_PORT: String(gatewayPort),
    USERS_URL: subgraphUrls.users,
    CONTENT_URL: subgraphUrls.content,
    GIFTS_URL: subgraphUrls.gifts,
    COMMERCE_URL: subgraphUrls.commerce,
    // The bench is one caller sending thousands of requests a second: give it room.
    RATE_LIMIT_TIERS: JSON.stringify({ anonymous: unlimited, user: unlimited, partner: { standard: unlimited } }),
    // The LIVE case's clients all come from this one address.
    SUBSCRIPTIONS_PER_IP: String(LIVE_CLIENTS + 10),
    CONNECTIONS_PER_IP: String(LIVE_CLIENTS + 10),
    ...stores.env,
  };
  const profileDir = (name: string) => path.join(dataDir, 'profile', name);
  const profiling = (name: string) => (CPU_PROFILE.has(name) ? ['--cpu-prof', `--cpu-prof-dir=${profileDir(name)}`] : []);
  for (const name of SUBGRAPHS) processes.start(name, [...profiling(name), '--enable-source-maps', `subgraphs/${name}/dist/index.js`], env);
  await Promise.all(subgraphPorts.map((port) => waitFor(`http://127.0.0.1:${port}/ready`)));
  processes.start('gateway', [...profiling('gateway'), 'gateway/dist/index.js'], env);
  const ours = `http://127.0.0.1:${gatewayPort}/graphql`;
  const theirs = `http://127.0.0.1:${stockPort}/graphql`;
  await waitFor(`http://127.0.0.1:${gatewayPort}/ready`);
  // Started once ours has created the partner-key store it also reads.
  const stock = processes.start('stock', ['--import', 'tsx', 'bench/stock-gateway.ts'], {
    PORT: String(stockPort),
    SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
    INTERNAL_SECRET,
    JWT_SECRET,
    GATEWAY_DB: path.join(dataDir, 'gateway.db'),
    ...(stores.gatewayDatabaseUrl ? { GATEWAY_DATABASE_URL: stores.gatewayDatabaseUrl } : {}),
  });
  await waitFor(`http://127.0.0.1:${stockPort}/?query=%7B__typename%7D`);
  const peers = await startPeers(subgraphUrls);
  const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
  // Through stock, setup sends the text with its id: Apollo's APQ registers it for the clients that send only the id.
  const runOn =
    (url: string, register = false): Run =>
    async (query, variables, headers = {}) => {
      const payload = register && DOCUMENTS === 'persisted' ? JSON.stringify({ query, variables, extensions: persistedQuery(query) }) : body(query, variables);
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
      const result = dataOf(await response.text());
      if ('problem' in result) throw new Error(`setup failed: ${result.problem} (${query.slice(0, 80)})`);
      return result.data;
    };
  const graphql = runOn(ours);
  const reference = runOn(theirs, true);

  const jwt = { secret: JWT_SECRET, jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE };
  const tokenFor = (id: string, country?: string) => signUserToken(jwt, { id, country: country ?? null }, { expiresIn: '2h' });
  const { keys } = await openGatewayStores({ keyStorePath: path.join(dataDir, 'gateway.db'), keyStoreUrl: stores.gatewayDatabaseUrl });
  const partnerKeyFor = await partnerKeysIn(keys);

  const gatewayPid = processes.pid('gateway');
  const stockPid = stock.pid!;
  // For `same`: our gateway again with its response cache off, so the cache's worth is measured in the same run.
  const responseCacheOff = CASES.has('same') ? processes.start('gateway-response-cache-off', ['gateway/dist/index.js'], { ...env, GATEWAY_PORT: String(responseCacheOffPort), RESPONSE_CACHE: 'off' }) : null;
  const withoutResponseCache = `http://127.0.0.1:${responseCacheOffPort}/graphql`;
  if (responseCacheOff) await waitFor(`http://127.0.0.1:${responseCacheOffPort}/ready`);
  console.error(`bench (${STORE} stores): ${SECONDS}s per case after ${WARMUP_SECONDS}s warm-up, ${CONNECTIONS} connections${RATE > 0 ? ` paced to ${RATE} requests a second` : ''}, ${os.cpus().length} cores, cases: ${[...CASES].join(', ')}`);

  // The write mix and the LIVE case: a US user with coins gifts to live streams and checks out a product in stock.
  const buyer = userIds[40] as string;
  const auth = { authorization: `Bearer ${await tokenFor(buyer, 'US')}` };
  let rose = '';
  if (CASES.has('same') || CASES.has('live')) {
    await graphql('mutation ($id: ID!) { updateProduct(input: { id: $id, inventory: 1000000, status: ACTIVE }) { id } }', { id: productIds[1] }, { 'x-api-key': partnerKeyFor(productBrandId(1)) });
    for (let i = 0; i < 40; i++) await graphql('mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_17500", idempotencyKey: $key }) { wallet { coins } } }', { key: `bench-coins-${i}` }, auth);
    const liveGifts = await graphql('{ liveGifts { id coinPrice } }', {});
    rose = [...(liveGifts.liveGifts as { id: string; coinPrice: number }[])].sort((a, b) => a.coinPrice - b.coinPrice)[0]!.id;
  }

  // Today's cases: one query from every connection.
  const results: CaseResult[] = [];
  let same: Record<string, unknown> = {};
  if (CASES.has('same')) {
    const gift = body(`mutation { sendLiveGift(input: { liveStreamId: "${liveStreamIds[1]}", giftId: "${rose}", quantity: 1, idempotencyKey: "g-{{n}}" }) { send { coins } } }`);
    const checkout = body(`mutation { checkout(input: { lines: [{ productId: "${productIds[1]}", quantity: 1 }], idempotencyKey: "c-{{n}}" }) { order { id } } }`);
    const handle = ((await graphql('query ($id: ID!) { creator(id: $id) { handle } }', { id: creatorIds[0] })).creator as { handle: string }).handle;

    // Ours (response cache on, then off) and stock alternate on the feed, twice each, so drift in the machine hits them alike.
    // Every gateway's feed is checked against the same reference (stock's), as the new cases are.
    const expect = JSON.stringify(await reference(FEED, {}));
    const feedRuns: CaseResult[] = [];
    const offRuns: CaseResult[] = [];
    const stockRuns: CaseResult[] = [];
    const peerFeedRuns = new Map<PeerKey, CaseResult[]>(peers.map((peer) => [peer.key, []]));
    for (let i = 0; i < 2; i++) {
      feedRuns.push(await measure('feed', { url: ours, bodies: [body(FEED)], expect }, gatewayPid));
      offRuns.push(await measure('feed, response cache off', { url: withoutResponseCache, bodies: [body(FEED)], expect }, responseCacheOff!.pid!));
      for (const peer of peers) peerFeedRuns.get(peer.key)!.push(await measure(`feed (${peerName(peer.key)})`, { url: peer.url, bodies: [body(FEED)], expect }, peer.pid));
      stockRuns.push(await measure('feed (stock @apollo/gateway)', { url: theirs, bodies: [body(FEED)], expect }, stockPid));
    }
    const feed = meanOf(feedRuns, 'feed');
    const feedOff = meanOf(offRuns, 'feed, response cache off');
    const stockFeed = meanOf(stockRuns, 'feed (stock @apollo/gateway)');
    const peerFeeds = [...peerFeedRuns.entries()].map(([key, runs]) => ({ key, result: meanOf(runs, `feed (${peerName(key)})`) }));
    results.push(feed, feedOff);
    results.push(await measure('creator profile', { url: ours, bodies: [body(PROFILE, { handle })] }, gatewayPid));
    results.push(await measure('write mix (LIVE gift + checkout)', { url: ours, bodies: [gift, checkout], headers: auth }, gatewayPid));
    results.push(stockFeed, ...peerFeeds.map((peer) => peer.result));
    const floor = await measure('feed floor (content subgraph direct)', { url: subgraphUrls.content!, bodies: [body(FEED_FIRST_FETCH)] }, processes.pid('content'));
    results.push(floor);

    // SQL statements per request must not grow with the page: 5 items against 50.
    const small = await measure('feed, 5 items', { url: ours, bodies: [body(FEED.replace('first: 20', 'first: 5'))] }, gatewayPid, 3);
    const large = await measure('feed, 50 items', { url: ours, bodies: [body(FEED.replace('first: 20', 'first: 50'))] }, gatewayPid, 3);
    same = {
      feedVsStockGateway: round(feed.rps / Math.max(1, stockFeed.rps)),
      /** The response cache's worth on the repeated feed: throughput and gateway CPU per request, on over off. */
      feedResponseCacheOnVsOff: { rps: round(feed.rps / Math.max(1, feedOff.rps)), gatewayCpu: round(feed.gatewayCpuMsPerRequest / Math.max(0.001, feedOff.gatewayCpuMsPerRequest)) },
      feedThroughGatewayVsFloor: round(feed.rps / Math.max(1, floor.rps)),
      statementsPerRequest: { fiveItems: small.statementsPerRequest, fiftyItems: large.statementsPerRequest },
      /** Ours over each peer on the repeated feed: throughput and gateway CPU per request (issue 24: >= 1.3x and <= 0.5x Hive Gateway's response cache). */
      feedVsPeers: Object.fromEntries(peerFeeds.map(({ key, result }) => [key, { rps: round(feed.rps / Math.max(1, result.rps)), gatewayCpu: round(feed.gatewayCpuMsPerRequest / Math.max(0.001, result.gatewayCpuMsPerRequest)), wrongAnswers: result.wrongAnswers ?? 0 }])),
      targets: {
        feedVsStockGateway: { target: '>= 1.5', met: feed.rps / Math.max(1, stockFeed.rps) >= 1.5 },
        feedErrors: { target: 0, met: feed.errors === 0 },
        feedP99VsStock: { target: '<= stock p99', met: feed.p99Ms <= stockFeed.p99Ms },
        statementsFlat: { target: '5 items = 50 items', met: small.statementsPerRequest === large.statementsPerRequest },
      },
    };
  }

  // LIVE fan-out: one stream, many WebSocket clients, gifts at a steady rate. It runs before the
  // new cases take their references: its gifts change what the stream and its creator show.
  let live: LiveBenchResult | null = null;
  let liveSustained: (LiveBenchResult & { ratePerSecond?: number }) | null = null;
  if (CASES.has('live') && LIVE_CLIENTS > 0) {
    live = await measureLiveFanOut({
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/`,
      gatewayPid,
      clients: LIVE_CLIENTS,
      ratePerSecond: LIVE_RATE,
      seconds: LIVE_SECONDS,
      liveStreamId: liveStreamIds[2] as string,
      giftId: rose,
      senderHeaders: auth,
      cpuMs,
    });
    // Beside it, from the same run, the same room at a rate this box sustains: 50 gifts a second
    // to 1,000 clients is 50,000 WebSocket messages a second, beyond two cores that also run the
    // clients, so the first case measures a growing queue as much as the gateway.
    if (LIVE_SUSTAINED_RATE > 0) {
      liveSustained = await measureLiveFanOut({
        gatewayUrl: `http://127.0.0.1:${gatewayPort}/`,
        gatewayPid,
        clients: LIVE_CLIENTS,
        ratePerSecond: LIVE_SUSTAINED_RATE,
        seconds: LIVE_SECONDS,
        liveStreamId: liveStreamIds[3] as string,
        giftId: rose,
        senderHeaders: auth,
        cpuMs,
      });
    }
  }

  // The new cases: random operations from the seeded world, each answer checked against its
  // reference, taken through stock while nothing else runs.
  const mixes: { name: string; key: 'varied' | 'signedIn' | 'variedWrites'; ours: MixResult; stock: MixResult; compared?: MixResult; peers: MixResult[] }[] = [];
  const oursAt = { url: ours, pid: gatewayPid };
  const stockAt = { url: theirs, pid: stockPid };
  let comparedAt: Target | null = null;
  // With its own SQLite world, the compared build's writes need their setup there too: its own partner keys.
  let comparedWorld: { keys: PartnerKeyStore; partnerKeyFor: (brandId: string) => string } | null = null;
  if (COMPARE_GATEWAY) {
    const [port] = (await freePorts(1)) as [number];
    const ownWorld = COMPARE_STORE === 'sqlite' ? await startSqliteWorld(env, stores.env) : null;
    const compared = processes.start('compared', [...profiling('compared'), COMPARE_GATEWAY], { ...env, ...ownWorld, ...COMPARE_ENV, GATEWAY_PORT: String(port) });
    await waitFor(`http://127.0.0.1:${port}/ready`);
    comparedAt = { url: `http://127.0.0.1:${port}/graphql`, pid: compared.pid! };
    if (ownWorld) {
      const { keys: comparedKeys } = await openGatewayStores({ keyStorePath: path.join(ownWorld.DATA_DIR!, 'gateway.db'), keyStoreUrl: null });
      comparedWorld = { keys: comparedKeys, partnerKeyFor: await partnerKeysIn(comparedKeys) };
    }
  }
  const strip = ({ shows: _shows, textBody: _text, ...read }: Reference) => read;
  // The peers are sent each operation's text: they do not know our documents' ids.
  const asText = ({ shows: _shows, textBody, ...read }: Reference) => ({ ...read, body: textBody });
  let publicReferences: Reference[] = [];
  if (CASES.has('varied') || CASES.has('signed-in') || CASES.has('writes')) {
    publicReferences = await withReferences(await publicScreens(reference), reference, DOCUMENTS);
    console.error(`varied: ${publicReferences.length} distinct operations, sent as ${DOCUMENTS === 'persisted' ? 'persisted document ids' : 'text'}`);
  }
  if (CASES.has('varied')) {
    mixes.push({
      name: 'varied',
      key: 'varied',
      ...(await compare('varied', oursAt, stockAt, comparedAt, { concurrency: CONNECTIONS, documents: DOCUMENTS, reads: publicReferences.map(strip) }, undefined, { at: peers, reads: publicReferences.map(asText) })),
    });
  }
  if (CASES.has('signed-in')) {
    const viewers = await Promise.all(userIds.slice(0, 50).map(async (id) => ({ id, token: await tokenFor(id) })));
    const own = await viewerReads(viewers, reference, DOCUMENTS);
    console.error(`signed-in: ${publicReferences.length} screens with a random viewer of ${viewers.length}, ${own.length} viewer-own screens`);
    const reads = [...publicReferences.map(strip), ...own.map(strip)];
    const peerReads = [...publicReferences.map(asText), ...own.map(asText)];
    mixes.push({
      name: 'signed-in',
      key: 'signedIn',
      ...(await compare('signed-in', oursAt, stockAt, comparedAt, { concurrency: CONNECTIONS, documents: DOCUMENTS, reads, tokens: viewers.map((viewer) => viewer.token) }, undefined, { at: peers, reads: peerReads })),
    });
  }
  if (CASES.has('writes')) {
    if (peers.length > 0) {
      console.error(
        'varied + writes: not run on the peers (they are compared on same, varied and signed-in; each gateway writing its own share of the reserved entities would need a share per peer)',
      );
    }
    const setup = { references: publicReferences, tokenFor: (id: string) => tokenFor(id), avoid: [productIds[1]!], share: WRITE_SHARE, watchShare: WATCH_SHARE, gateways: comparedAt ? 3 : 2 };
    const { spec, specs, reserved } = await prepareWrites({ ...setup, run: reference, partnerKeyFor });
    // The compared build's share set up again in its own world (the same entities: the selection reads the same seed).
    if (comparedWorld && comparedAt) specs[2] = (await prepareWrites({ ...setup, run: runOn(comparedAt.url), partnerKeyFor: comparedWorld.partnerKeyFor })).specs[2]!;
    writeState = await readWriteState(spec, reference);
    // Stock learns the writes' documents the APQ way (registered before execution, whatever the variables).
    for (const query of WRITE_OPERATIONS) await fetch(theirs, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: {}, extensions: persistedQuery(query) }) });
    const reads = publicReferences.filter((read) => ![...reserved].some((id) => read.shows.has(id))).map(strip);
    console.error(`varied + writes: ${reads.length} distinct reads that no write changes, ${Math.round(WRITE_SHARE * 100)} % of iterations write and read back, ${Math.round(WATCH_SHARE * 100)} % read written entities while writes run`);
    mixes.push({ name: 'varied + writes', key: 'variedWrites', ...(await compare('varied + writes', oursAt, stockAt, comparedAt, { concurrency: CONNECTIONS, documents: DOCUMENTS, reads, writes: { spec, state: writeState, keyPrefix: 'bench' } }, specs)) });
  }
  await keys.close();
  await comparedWorld?.keys.close();

  let soak: { seconds: number; gatewayRssMb: number[]; slopeMbPerMinute: number } | null = null;
  if (SOAK_SECONDS > 0) {
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(gatewayPid)), 5_000);
    await runLoad({ url: ours, bodies: [body(FEED)], seconds: SOAK_SECONDS });
    clearInterval(sampler);
    // Least-squares slope of RSS over the samples (5 s apart), in MB per minute.
    const n = samples.length;
    const meanX = (n - 1) / 2;
    const meanY = samples.reduce((a, b) => a + b, 0) / Math.max(1, n);
    const slope = samples.reduce((acc, y, x) => acc + (x - meanX) * (y - meanY), 0) / Math.max(1, samples.reduce((acc, _y, x) => acc + (x - meanX) ** 2, 0));
    soak = { seconds: SOAK_SECONDS, gatewayRssMb: samples, slopeMbPerMinute: round(slope * 12) };
  }

  const memoryMb = Object.fromEntries([...processes.byName.entries()].map(([name, child]) => [name, rssMb(child.pid!)]));
  const ratio = (key: string, pick: (result: MixResult) => number) => {
    const mix = mixes.find((candidate) => candidate.key === key);
    return mix ? round(pick(mix.ours) / Math.max(0.001, pick(mix.stock))) : null;
  };
  const mixTargets = Object.fromEntries(
    mixes.map(({ key, ours: o, stock: s }) => [
      key,
      {
        throughputVsStock: { target: '>= 2', met: o.rps / Math.max(1, s.rps) >= 2 },
        p99VsStock: { target: '<= stock p99', met: o.p99Ms <= s.p99Ms },
        gatewayCpuVsStock: { target: '<= 0.5', met: o.gatewayCpuMsPerRequest <= 0.5 * s.gatewayCpuMsPerRequest },
        errors: { target: 0, met: o.errors === 0 },
        staleReads: { target: 0, met: o.staleReads === 0 },
      },
    ]),
  );
  // Issue 24: ours against each peer in the same run (throughput and gateway CPU per request, ours over theirs), and
  // against the best peer on varied and signed-in (target >= 3x), with each peer's wrong answers.
  const peerSummary = Object.fromEntries(
    mixes
      .filter((mix) => mix.peers.length > 0)
      .map(({ key, ours: o, peers: p }) => {
        const best = p.reduce((a, b) => (b.rps > a.rps ? b : a));
        return [
          key,
          {
            oursVsBestPeer: { peer: best.gateway, rps: round(o.rps / Math.max(1, best.rps)), target: '>= 3', met: o.rps >= 3 * best.rps },
            byPeer: Object.fromEntries(p.map((r) => [r.gateway, { rps: r.rps, gatewayCpuMsPerRequest: r.gatewayCpuMsPerRequest, wrongAnswers: r.wrongAnswers, errors: r.errors, oursVsPeer: { rps: round(o.rps / Math.max(1, r.rps)), gatewayCpu: round(o.gatewayCpuMsPerRequest / Math.max(0.001, r.gatewayCpuMsPerRequest)) } }])),
          },
        ];
      }),
  );
  const summary = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg().map((load) => round(load)) },
    settings: { peers: PEERS.map((peer) => peer.key), seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS, ratePerSecond: RATE || null, rounds: ROUNDS, writeShare: WRITE_SHARE, concurrentReadShare: WATCH_SHARE, documents: DOCUMENTS, cases: [...CASES] },
    ...same,
    variedVsStockGateway: ratio('varied', (r) => r.rps),
    signedInVsStockGateway: ratio('signedIn', (r) => r.rps),
    variedWritesVsStockGateway: ratio('variedWrites', (r) => r.rps),
    gatewayCpuVsStock: { varied: ratio('varied', (r) => r.gatewayCpuMsPerRequest), signedIn: ratio('signedIn', (r) => r.gatewayCpuMsPerRequest), variedWrites: ratio('variedWrites', (r) => r.gatewayCpuMsPerRequest) },
    /** The same ratio from each gateway's best round: less moved by the rest of the machine. */
    gatewayCpuVsStockBestRounds: {
      varied: ratio('varied', (r) => r.gatewayCpuMsPerRequestBest),
      signedIn: ratio('signedIn', (r) => r.gatewayCpuMsPerRequestBest),
      variedWrites: ratio('variedWrites', (r) => r.gatewayCpuMsPerRequestBest),
    },
    wrongAnswers: totalWrongAnswers,
    staleReads: totalStaleReads,
    mixTargets,
    memoryMb,
    soak,
    live,
    liveAtSustainedRate: liveSustained ? { ratePerSecond: LIVE_SUSTAINED_RATE, ...liveSustained } : null,
    cases: results,
    peers: peerSummary,
    mixes: mixes.flatMap(({ ours: o, stock: s, compared: c, peers: p }) => [o, ...(c ? [c] : []), ...p, s]),
  };
  writeBenchResults(path.join(root, 'bench', 'results.json'), STORE, summary);

  // A profile is written when its process exits: stop each profiled one first.
  for (const name of CPU_PROFILE) {
    const child = processes.byName.get(name);
    if (!child) continue;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    const profile = readdirSync(profileDir(name)).sort().at(-1);
    if (profile) renameSync(path.join(profileDir(name), profile), path.join(root, 'bench', `${name}.cpuprofile`));
  }

  const pad = (value: unknown, width: number) => String(value).padStart(width);
  if (results.length) {
    console.log(`\n${'case'.padEnd(40)}${pad('rps', 8)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad('errors', 8)}${pad('SQL/req', 9)}${pad('CPU ms/req', 12)}`);
    for (const result of results) {
      console.log(`${result.name.padEnd(40)}${pad(result.rps, 8)}${pad(result.p50Ms, 9)}${pad(result.p95Ms, 9)}${pad(result.p99Ms, 9)}${pad(result.errors, 8)}${pad(result.statementsPerRequest, 9)}${pad(result.gatewayCpuMsPerRequest, 12)}`);
    }
  }
  if (mixes.length) {
    console.log(
      `\n${'case'.padEnd(44)}${pad('rps', 7)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 7)}${pad('wrong', 6)}${pad('stale', 6)}${pad('writes', 7)}${pad('gw CPU ms', 10)}${pad('sg CPU ms', 10)}${pad('sg req', 7)}${pad('SQL', 6)}${redisServer ? pad('Redis', 7) : ''}`,
    );
    for (const result of mixes.flatMap(({ ours: o, stock: s, compared: c, peers: p }) => [o, ...(c ? [c] : []), ...p, s])) {
      console.log(
        `${result.name.padEnd(44)}${pad(result.rps, 7)}${pad(result.p50Ms, 8)}${pad(result.p99Ms, 8)}${pad(result.errors, 7)}${pad(result.wrongAnswers, 6)}${pad(result.staleReads, 6)}${pad(result.writes, 7)}${pad(result.gatewayCpuMsPerRequest, 10)}${pad(result.subgraphCpuMsPerRequest, 10)}${pad(result.subgraphRequestsPerRequest, 7)}${pad(result.statementsPerRequest, 6)}${redisServer ? pad(result.redisCommandsPerRequest ?? '', 7) : ''}`,
      );
    }
  }
  const mark = (met: boolean) => (met ? 'met' : 'NOT met');
  const lines: string[] = [];
  if ('feedVsStockGateway' in same) {
    const targets = same.targets as Record<string, { met: boolean }>;
    lines.push(`feed vs stock gateway:      ${same.feedVsStockGateway}x   (target >= 1.5: ${mark(targets.feedVsStockGateway!.met)})`);
    lines.push(`feed through gateway/floor: ${same.feedThroughGatewayVsFloor}x`);
    const onVsOff = same.feedResponseCacheOnVsOff as { rps: number; gatewayCpu: number };
    lines.push(`feed, response cache on/off: ${onVsOff.rps}x rps, ${onVsOff.gatewayCpu}x gateway CPU per request`);
    lines.push(`SQL per request, 5 vs 50:   ${JSON.stringify(same.statementsPerRequest)}   (target equal: ${mark(targets.statementsFlat!.met)})`);
    for (const [key, versus] of Object.entries(same.feedVsPeers as Record<string, { rps: number; gatewayCpu: number; wrongAnswers: number }>)) {
      const target = key === 'hive-cache' ? ` (target >= 1.3x and <= 0.5x: ${mark(versus.rps >= 1.3 && versus.gatewayCpu <= 0.5)})` : '';
      lines.push(`feed vs ${peerName(key)}: ${versus.rps}x rps, ${versus.gatewayCpu}x gateway CPU per request${target}; its wrong answers ${versus.wrongAnswers}`);
    }
  }
  for (const { name, key, ours: o, stock: s } of mixes) {
    const t = mixTargets[key]!;
    lines.push(
      `${`${name} vs stock:`.padEnd(28)}${round(o.rps / Math.max(1, s.rps))}x rps (>= 2: ${mark(t.throughputVsStock.met)}), gateway CPU ${round(o.gatewayCpuMsPerRequest / Math.max(0.001, s.gatewayCpuMsPerRequest))}x (<= 0.5: ${mark(t.gatewayCpuVsStock.met)}; best rounds ${o.gatewayCpuMsPerRequestBest} vs ${s.gatewayCpuMsPerRequestBest} ms), p99 ${o.p99Ms} vs ${s.p99Ms} ms (${mark(t.p99VsStock.met)})`,
    );
  }
  for (const [key, peerResult] of Object.entries(peerSummary)) {
    const best = peerResult.oursVsBestPeer;
    lines.push(`${key} vs the best peer (${peerName(best.peer)}): ${best.rps}x rps (>= 3: ${mark(best.met)}); ${Object.entries(peerResult.byPeer).map(([peer, r]) => `${peerName(peer)}: ${r.oursVsPeer.rps}x rps, ${r.oursVsPeer.gatewayCpu}x CPU, ${r.wrongAnswers} wrong`).join('; ')}`);
  }
  const refusals = (result: LiveBenchResult) => {
    const entries = Object.entries(result.sendsRefused);
    return entries.length === 0 ? '' : ` (refused: ${entries.map(([code, n]) => `${n} ${code}`).join(', ')})`;
  };
  if (live) {
    lines.push(
      `LIVE fan-out: ${live.clients} clients, ${live.upstreamSubscriptions} upstream, ${live.eventsSent} sent${refusals(live)}, ${live.eventsCommitted} committed (${live.committedPerTotals} by the stream's totals), ${live.eventsDelivered} delivered (${live.everyClientEveryEvent ? 'every client every event' : 'MISSING EVENTS'}), ${live.deliveredPerSecond}/s, p50 ${live.p50Ms} ms, p99 ${live.p99Ms} ms, ${live.gatewayCpuMsPerEvent} ms CPU/event, ${live.gatewayKbPerSubscription} kB/subscription`,
    );
  }
  if (liveSustained) {
    lines.push(
      `LIVE at ${LIVE_SUSTAINED_RATE}/s: ${liveSustained.clients} clients, ${liveSustained.upstreamSubscriptions} upstream, ${liveSustained.eventsSent} sent${refusals(liveSustained)}, ${liveSustained.eventsCommitted} committed (${liveSustained.committedPerTotals} by the stream's totals), ${liveSustained.eventsDelivered} delivered (${liveSustained.everyClientEveryEvent ? 'every client every event' : 'MISSING EVENTS'}), ${liveSustained.deliveredPerSecond}/s, p50 ${liveSustained.p50Ms} ms, p99 ${liveSustained.p99Ms} ms, ${liveSustained.gatewayCpuMsPerEvent} ms CPU/event, ${liveSustained.gatewayKbPerSubscription} kB/subscription`,
    );
  }
  lines.push(`wrong answers: ${totalWrongAnswers}, stale reads: ${totalStaleReads} (whole run, both gateways, warm-ups included)`);
  lines.push(`memory (MB RSS): ${Object.entries(memoryMb).map(([name, mb]) => `${name} ${mb}`).join(', ')}${soak ? `\nsoak ${soak.seconds}s gateway RSS slope: ${soak.slopeMbPerMinute} MB/min` : ''}`);
  console.log(`\n${lines.join('\n')}\nwrote bench/results.json`);
}

try {
  await main();
} finally {
  await stopAll();
}

// The large world (issue 21): with --large-dir DIR (SQLite) or on Postgres with --scale (built in the
// run) or --large-pg URL, the scale bench runs next, once this run's processes are gone.
if (SCALE_ARGS.length > 0) {
  console.log(`\nnpm run bench:scale -- ${SCALE_ARGS.join(' ')}`);
  const scale = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'scale.ts'), ...SCALE_ARGS.filter((arg) => arg !== '--scale')], { cwd: root, stdio: 'inherit' });
  process.exitCode = scale.status ?? 1;
}
