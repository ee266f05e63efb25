/**
 * `npm run bench`: starts the graph on loopback with its fixed seed (plus a stock Apollo Gateway
 * over the same subgraphs), drives each case with autocannon from a separate process after a
 * warm-up, checks every response, and prints one table plus bench/results.json.
 *
 * BENCH_SECONDS (default 10) per case, BENCH_CONNECTIONS (default 16), BENCH_SOAK_SECONDS
 * (default 0: off) for a memory soak of the feed through our gateway. BENCH_STORE=postgres runs it
 * all with every store on a throwaway Postgres (`stores.ts`).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signUserToken } from '../gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../gateway/src/config.ts';
import { openGatewayStores } from '../gateway/src/db/open.ts';
import { creatorIds, liveStreamIds, productBrandId, productIds, userIds } from '../packages/fixtures/src/world.ts';
import { freePorts } from '../test/stack.ts';
import { measureLiveFanOut, type LiveBenchResult } from './live.ts';
import { benchStore, openBenchStores, writeBenchResults } from './stores.ts';

const root = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Math.max(2, Math.round(SECONDS / 4));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 0);
const LIVE_CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 1_000);
const LIVE_RATE = Number(process.env.BENCH_LIVE_RATE ?? 50);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? SECONDS);
const INTERNAL_SECRET = 'bench-internal-secret-0123456789abcdef0123456789';
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456789abcd';
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

const FEED = `query Feed { feed(first: 20) { edges { node { id caption publishedAt creator { id handle displayName verified giftEarnings { diamonds } } products { id title price { amount currencyCode } } } } pageInfo { hasNextPage endCursor } } }`;
const PROFILE = `query CreatorProfile($handle: String!) { creator(handle: $handle) { displayName followerCount followers(first: 3) { edges { node { handle } } }
  videos(first: 5) { edges { node { caption products { title price { formatted } brand { name } } } } pageInfo { hasNextPage endCursor } }
  liveStreams(first: 3) { edges { node { title status pinnedProducts { title price { formatted } } giftTotals { coins diamonds } } } }
  giftEarnings { diamonds value { formatted } } catalogs(first: 3) { edges { node { name brand { name } } } } showcase(first: 5) { edges { node { title price { formatted } } } } } }`;
/** What the gateway's first fetch for FEED asks the content subgraph: the floor for the feed. */
const FEED_FIRST_FETCH = `query Feed__content__0 { feed(first: 20) { edges { node { __typename id caption publishedAt creator { __typename id } } } pageInfo { hasNextPage endCursor } } }`;

type Service = 'users' | 'content' | 'gifts' | 'commerce' | 'gateway' | 'stock';
const processes = new Map<Service, ChildProcess>();

function startProcess(name: Service, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  child.once('exit', (code) => {
    if (code && !stopping) console.error(`${name} exited with ${code}:\n${errors.slice(-2000)}`);
  });
  processes.set(name, child);
  return child;
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok || response.status === 400) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** User + system CPU of a process, in milliseconds, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

let subgraphPorts: Record<'users' | 'content' | 'gifts' | 'commerce', number>;
async function statementTotal(): Promise<number> {
  let total = 0;
  for (const port of Object.values(subgraphPorts)) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    total += Number(/^sql_statements_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0);
  }
  return total;
}

interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: number;
  failures: number;
  firstFailures: string[];
}

function runLoad(spec: { url: string; bodies: string[]; headers?: Record<string, string>; seconds: number; connections?: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench', 'load.ts'), JSON.stringify({ url: spec.url, bodies: spec.bodies, headers: spec.headers, connections: spec.connections ?? CONNECTIONS, durationSeconds: spec.seconds })],
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
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * SQL statements per request, exactly: a few requests one at a time once the load has stopped
 * (under load, requests still in flight at the end would blur the count).
 */
async function statementsPerRequest(spec: { url: string; bodies: string[]; headers?: Record<string, string> }): Promise<number> {
  // Let requests the load generator abandoned at its deadline finish first.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const before = await statementTotal();
  const rounds = 5;
  for (let i = 0; i < rounds; i++) {
    for (const body of spec.bodies) {
      await fetch(spec.url, { method: 'POST', headers: { 'content-type': 'application/json', ...spec.headers }, body: body.replaceAll('{{n}}', `probe-${Date.now()}-${i}`) });
    }
  }
  return ((await statementTotal()) - before) / (rounds * spec.bodies.length);
}

/** Warm up, then measure: throughput, latency, every failure, SQL statements and the serving process's CPU. */
async function measure(name: string, spec: { url: string; bodies: string[]; headers?: Record<string, string> }, cpuPid: number, seconds = SECONDS): Promise<CaseResult> {
  await runLoad({ ...spec, seconds: WARMUP_SECONDS });
  const cpuBefore = cpuMs(cpuPid);
  const load = await runLoad({ ...spec, seconds });
  const cpu = cpuMs(cpuPid) - cpuBefore;
  const errors = load.failures + load.socketErrors;
  if (errors > 0) console.error(`${name}: ${errors} failed responses, e.g. ${load.firstFailures[0] ?? '(socket errors)'}`);
  const requests = Math.max(1, load.requests);
  return {
    name,
    rps: Math.round(load.rps),
    p50Ms: round(load.p50Ms),
    p95Ms: round(load.p95Ms),
    p99Ms: round(load.p99Ms),
    errors,
    requests: load.requests,
    statementsPerRequest: Math.round((await statementsPerRequest(spec)) * 100) / 100,
    gatewayCpuMsPerRequest: Math.round((cpu / requests) * 1000) / 1000,
  };
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (body.errors) throw new Error(`setup failed: ${body.errors[0]?.message}`);
  return body.data ?? {};
}

let stopping = false;
const STORE = benchStore();
let stopStores: () => void = () => undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'graph-bench-'));
async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(
    [...processes.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  rmSync(dataDir, { recursive: true, force: true });
  stopStores();
}
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

async function main() {
  const [gatewayPort, stockPort, users, content, gifts, commerce] = (await freePorts(6)) as [number, number, number, number, number, number];
  const stores = await openBenchStores(STORE);
  stopStores = stores.stop;
  subgraphPorts = { users, content, gifts, commerce };
  const urls = Object.fromEntries(Object.entries(subgraphPorts).map(([name, port]) => [name, `http://127.0.0.1:${port}/graphql`]));
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
    USERS_URL: urls.users,
    CONTENT_URL: urls.content,
    GIFTS_URL: urls.gifts,
    COMMERCE_URL: urls.commerce,
    // The bench is one caller sending thousands of requests a second: give it room.
    RATE_LIMIT_TIERS: JSON.stringify({ anonymous: { max: 1e9, restoreRate: 1e9 }, user: { max: 1e9, restoreRate: 1e9 } }),
    // The LIVE case's clients all come from this one address.
    SUBSCRIPTIONS_PER_IP: String(LIVE_CLIENTS + 10),
    CONNECTIONS_PER_IP: String(LIVE_CLIENTS + 10),
    ...stores.env,
  };
  for (const name of ['users', 'content', 'gifts', 'commerce'] as const) startProcess(name, ['--enable-source-maps', `subgraphs/${name}/dist/index.js`], env);
  await Promise.all(Object.values(subgraphPorts).map((port) => waitFor(`http://127.0.0.1:${port}/ready`)));
  const gateway = startProcess('gateway', ['gateway/dist/index.js'], env);
  const stock = startProcess('stock', ['--import', 'tsx', 'bench/stock-gateway.ts'], { PORT: String(stockPort), SUBGRAPH_URLS: JSON.stringify(urls) });
  await waitFor(`http://127.0.0.1:${gatewayPort}/ready`);
  await waitFor(`http://127.0.0.1:${stockPort}/?query=%7B__typename%7D`);
  const ours = `http://127.0.0.1:${gatewayPort}/graphql`;
  const theirs = `http://127.0.0.1:${stockPort}/graphql`;
  const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

  // The write mix: a US user with coins gifts to a live stream and checks out a product in stock.
  const jwt = { secret: JWT_SECRET, jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE };
  const buyer = userIds[40] as string;
  const token = await signUserToken(jwt, { id: buyer, country: 'US' }, { expiresIn: '2h' });
  const auth = { authorization: `Bearer ${token}` };
  const { keys } = await openGatewayStores({ keyStorePath: path.join(dataDir, 'gateway.db'), keyStoreUrl: stores.gatewayDatabaseUrl });
  const { secret } = await keys.create({ partnerId: productBrandId(1), name: 'bench', scopes: ['catalog:write'] });
  await keys.close();
  await graphql(ours, 'mutation ($id: ID!) { updateProduct(input: { id: $id, inventory: 1000000, status: ACTIVE }) { id } }', { id: productIds[1] }, { 'x-api-key': secret });
  for (let i = 0; i < 40; i++) await graphql(ours, 'mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_17500", idempotencyKey: $key }) { wallet { coins } } }', { key: `bench-coins-${i}` }, auth);
  const liveGifts = await graphql(ours, '{ liveGifts { id coinPrice } }', {});
  const rose = ([...(liveGifts.liveGifts as { id: string; coinPrice: number }[])]).sort((a, b) => a.coinPrice - b.coinPrice)[0]!.id;
  const gift = body(`mutation { sendLiveGift(input: { liveStreamId: "${liveStreamIds[1]}", giftId: "${rose}", quantity: 1, idempotencyKey: "g-{{n}}" }) { send { coins } } }`);
  const checkout = body(`mutation { checkout(input: { lines: [{ productId: "${productIds[1]}", quantity: 1 }], idempotencyKey: "c-{{n}}" }) { order { id } } }`);
  const handle = ((await graphql(ours, 'query ($id: ID!) { creator(id: $id) { handle } }', { id: creatorIds[0] })).creator as { handle: string }).handle;

  const results: CaseResult[] = [];
  const gatewayPid = gateway.pid!;
  const stockPid = stock.pid!;
  const contentPid = processes.get('content')!.pid!;
  console.error(`bench (${STORE} stores): ${SECONDS}s per case after ${WARMUP_SECONDS}s warm-up, ${CONNECTIONS} connections, ${os.cpus().length} cores`);

  // Ours and stock alternate on the feed, twice each, so drift in the machine hits both alike.
  const feedRuns: CaseResult[] = [];
  const stockRuns: CaseResult[] = [];
  for (let round = 0; round < 2; round++) {
    feedRuns.push(await measure('feed', { url: ours, bodies: [body(FEED)] }, gatewayPid));
    stockRuns.push(await measure('feed (stock @apollo/gateway)', { url: theirs, bodies: [body(FEED)] }, stockPid));
  }
  const mean = (runs: CaseResult[], name: string): CaseResult => ({
    name,
    rps: Math.round(runs.reduce((sum, run) => sum + run.rps, 0) / runs.length),
    p50Ms: Math.max(...runs.map((run) => run.p50Ms)),
    p95Ms: Math.max(...runs.map((run) => run.p95Ms)),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    statementsPerRequest: runs[0]!.statementsPerRequest,
    gatewayCpuMsPerRequest: Math.round((runs.reduce((sum, run) => sum + run.gatewayCpuMsPerRequest, 0) / runs.length) * 1000) / 1000,
  });
  const feed = mean(feedRuns, 'feed');
  const stockFeed = mean(stockRuns, 'feed (stock @apollo/gateway)');
  results.push(feed);
  results.push(await measure('creator profile', { url: ours, bodies: [body(PROFILE, { handle })] }, gatewayPid));
  results.push(await measure('write mix (LIVE gift + checkout)', { url: ours, bodies: [gift, checkout], headers: auth }, gatewayPid));
  results.push(stockFeed);
  results.push(await measure('feed floor (content subgraph direct)', { url: urls.content!, bodies: [body(FEED_FIRST_FETCH)] }, contentPid));

  // SQL statements per request must not grow with the page: 5 items against 50.
  const small = await measure('feed, 5 items', { url: ours, bodies: [body(FEED.replace('first: 20', 'first: 5'))] }, gatewayPid, 3);
  const large = await measure('feed, 50 items', { url: ours, bodies: [body(FEED.replace('first: 20', 'first: 50'))] }, gatewayPid, 3);

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
    soak = { seconds: SOAK_SECONDS, gatewayRssMb: samples, slopeMbPerMinute: Math.round(slope * 12 * 100) / 100 };
  }

  // LIVE fan-out: one stream, many WebSocket clients, gifts at a steady rate.
  let live: LiveBenchResult | null = null;
  if (LIVE_CLIENTS > 0) {
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
  }

  const memoryMb = Object.fromEntries([...processes.entries()].map(([name, child]) => [name, rssMb(child.pid!)]));
  const floor = results.find((result) => result.name.startsWith('feed floor'))!;
  const summary = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    settings: { seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS },
    feedVsStockGateway: Math.round((feed.rps / Math.max(1, stockFeed.rps)) * 100) / 100,
    feedThroughGatewayVsFloor: Math.round((feed.rps / Math.max(1, floor.rps)) * 100) / 100,
    statementsPerRequest: { fiveItems: small.statementsPerRequest, fiftyItems: large.statementsPerRequest },
    targets: {
      feedVsStockGateway: { target: '>= 1.5', met: feed.rps / Math.max(1, stockFeed.rps) >= 1.5 },
      feedErrors: { target: 0, met: feed.errors === 0 },
      feedP99VsStock: { target: '<= stock p99', met: feed.p99Ms <= stockFeed.p99Ms },
      statementsFlat: { target: '5 items = 50 items', met: small.statementsPerRequest === large.statementsPerRequest },
    },
    memoryMb,
    soak,
    live,
    cases: results,
  };
  writeBenchResults(path.join(root, 'bench', 'results.json'), STORE, summary);

  const pad = (value: unknown, width: number) => String(value).padStart(width);
  console.log(`\n${'case'.padEnd(40)}${pad('rps', 8)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad('errors', 8)}${pad('SQL/req', 9)}${pad('CPU ms/req', 12)}`);
  for (const result of results) {
    console.log(`${result.name.padEnd(40)}${pad(result.rps, 8)}${pad(result.p50Ms, 9)}${pad(result.p95Ms, 9)}${pad(result.p99Ms, 9)}${pad(result.errors, 8)}${pad(result.statementsPerRequest, 9)}${pad(result.gatewayCpuMsPerRequest, 12)}`);
  }
  const mark = (met: boolean) => (met ? 'met' : 'NOT met');
  console.log(`
feed vs stock gateway:     ${summary.feedVsStockGateway}x   (target >= 1.5: ${mark(summary.targets.feedVsStockGateway.met)})
feed p99 vs stock p99:     ${feed.p99Ms} ms vs ${stockFeed.p99Ms} ms   (target <=: ${mark(summary.targets.feedP99VsStock.met)})
feed through gateway/floor: ${summary.feedThroughGatewayVsFloor}x
SQL per request, 5 vs 50:  ${small.statementsPerRequest} vs ${large.statementsPerRequest}   (target equal: ${mark(summary.targets.statementsFlat.met)})
memory (MB RSS):           ${Object.entries(memoryMb).map(([name, mb]) => `${name} ${mb}`).join(', ')}${soak ? `\nsoak ${soak.seconds}s gateway RSS slope: ${soak.slopeMbPerMinute} MB/min` : ''}
${live ? `LIVE fan-out:              ${live.clients} clients, ${live.upstreamSubscriptions} upstream, ${live.eventsSent} sent, ${live.eventsDelivered} delivered (${live.eventsDelivered === live.clients * live.eventsSent ? 'every client every event' : 'MISSING EVENTS'}), ${live.deliveredPerSecond}/s, p50 ${live.p50Ms} ms, p99 ${live.p99Ms} ms, ${live.gatewayCpuMsPerEvent} ms CPU/event, ${live.gatewayKbPerSubscription} kB/subscription\n` : ''}wrote bench/results.json`);
}

try {
  await main();
} finally {
  await stopAll();
}
