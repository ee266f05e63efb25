/**
 * `npm run bench:scale`: the same screens and the same hot-stream writes on the small world and
 * on the large one (issue 21), in one run: p50 and p99 of each screen with the entity cache off
 * and on, the ratio large / small, a sendLiveGift storm on the busiest stream, each service's
 * event-loop delay, and the reconcile check afterwards. Both worlds' services run at once while
 * the screens are measured, a request to one world then to the other, so a ratio compares the same
 * minutes of this shared machine; then the hot streams are stormed in turns after 5 s of sends
 * each not counted (small, large, large, small, … for `--storm-rounds`, 4 by default), and each is
 * stormed once more with its subscribers.
 * Among the screens (issue 22): the creator profile with its slow parts deferred (`@defer`,
 * multipart `deferSpec=20220824`: time to the initial payload and to the last) beside the same
 * query without `@defer`, and product search for a common word in each sort (one whose page is
 * short on the small world, one whose page is full on both).
 *
 * SQLite (the default): the large world is built once beforehand (`npm run seed -- --world large
 * --data-dir DIR`, about 6 minutes) and named with `--large-dir DIR`; the bench copies nothing and
 * writes into it (gifts on the hot stream), which the reconcile check then covers. The small world
 * is seeded fresh in a temporary directory.
 *
 * Postgres (`BENCH_STORE=postgres`): the subgraphs' stores are databases on a throwaway cluster
 * (the gateway keeps its own state as `npm start` does, in memory and a SQLite key store: the
 * question here is what the stores' history costs). The small world's databases are seeded by the
 * services at start; the large world's are built in the run by `npm run seed -- --world large`
 * (timed and printed: about 6 minutes on a quiet machine), or named with `--large-pg URL`, a
 * server whose databases `users`, `content`, `gifts` and `commerce` already hold one (built with
 * `<NAME>_DATABASE_URL=URL<name> npm run seed -- --world large`).
 *
 * Requests are sequential (latency, not throughput): 200 timed after 5 warm-ups per screen
 * (`--samples`), so a p99 is the third slowest, not one stray request (with 40 it was the slowest).
 * Each cache-off ratio is printed with its 95 % bootstrap interval (`ratio-interval.ts`): a p99
 * ratio whose interval spans the target is within the run's own noise, not settled by it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { creatorIds, shopBrands, userIds } from '../packages/fixtures/src/world.ts';
import { bulkBrandId, hotStreamId } from '../packages/fixtures/src/large.ts';
import { signUserToken } from '../gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../gateway/src/config.ts';
import { startThrowawayCluster, type ThrowawayCluster } from '../packages/kit/src/pg-cluster.ts';
import { freePorts } from '../test/stack.ts';
import { cpuSplitMs, Processes, waitFor } from './processes.ts';
import { CREATOR_PROFILE, DEFERRED_PROFILE, FEED_PAGE, LIVE_STREAM_PAGE, PRODUCT_SORTS, withoutDefer } from './screens.ts';
import { deferredRequest } from './deferred.ts';
import { percentileOf, ratioInterval, type RatioInterval } from './ratio-interval.ts';
import { benchStore } from './stores.ts';
import { subscribeToGifts } from './gift-subscribers.ts';

const { values } = parseArgs({
  options: {
    'large-dir': { type: 'string' },
    'large-pg': { type: 'string' },
    samples: { type: 'string', default: '200' },
    'storm-seconds': { type: 'string', default: '15' },
    /** Storms per world, the worlds taking turns small, large, large, small …: one storm's rate moves 15-20 % with the machine. */
    'storm-rounds': { type: 'string', default: '4' },
    senders: { type: 'string', default: '8' },
    subscribers: { type: 'string', default: '1000' },
    /** `small` measures the seed world alone (no large world needed): what a change does to the services themselves. */
    worlds: { type: 'string', default: 'small,large' },
    /** Services to run under V8's profiler (`gifts,gateway`): a `.cpuprofile` each in bench/profiles-<world>/ when they stop. */
    'cpu-prof': { type: 'string', default: '' },
  },
});
const STORE = benchStore();
const WORLDS = new Set(values.worlds.split(','));
const PROFILED = new Set(values['cpu-prof'].split(',').filter(Boolean));
if (STORE === 'sqlite' && WORLDS.has('large') && !values['large-dir']) {
  console.error('Give the large world: npm run seed -- --world large --data-dir DIR, then npm run bench:scale -- --large-dir DIR (or BENCH_STORE=postgres, which builds one)');
  process.exit(1);
}
const SAMPLES = Number(values.samples);
const STORM_MS = Number(values['storm-seconds']) * 1000;
const STORM_ROUNDS = Math.max(1, Number(values['storm-rounds']));
/** Each world's sends before its first counted storm. */
const STORM_WARM_UP_MS = 5_000;
const SENDERS = Number(values.senders);
const SUBSCRIBERS = Number(values.subscribers);
const root = path.resolve(import.meta.dirname, '..');
const JWT_SECRET = 'bench-scale-jwt-secret-0123456789abcdef0123456789';
const INTERNAL_SECRET = 'bench-scale-internal-secret-0123456789abcdef012';
const SUBGRAPHS = ['users', 'content', 'gifts', 'commerce'] as const;

const handleOf = async (url: string, id: string) => ((await post(url, 'query ($id: ID!) { user(id: $id) { handle } }', { id })).data as { user: { handle: string } }).user.handle;

async function screenSubjects(world: World, url: string): Promise<ScreenSubjects> {
  let feedCursor: string | null = null;
  for (let page = 0; page < 5; page++) {
    const answer = await post(url, FEED_PAGE, { after: feedCursor });
    feedCursor = (answer.data as { feed: { pageInfo: { endCursor: string } } }).feed.pageInfo.endCursor;
  }
  const jwt = { secret: JWT_SECRET, jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE };
  return {
    maya: await handleOf(url, creatorIds[0] as string),
    longTail: await handleOf(url, creatorIds[18] as string),
    brandId: world === 'large' ? bulkBrandId(0) : (shopBrands[0] as { id: string }).id,
    feedCursor: feedCursor!,
    mayaToken: await signUserToken(jwt, { id: creatorIds[0] as string, country: 'US' }, { expiresIn: '2h' }),
  };
}

/** What a world's screens ask for that differs by world: handles, its largest catalog, a deep feed cursor, the creator's token. */
interface ScreenSubjects {
  maya: string;
  longTail: string;
  /** The brand with the most products: the large world's first bulk brand (20,428), the small world's first shop. */
  brandId: string;
  /** The feed's cursor after five pages. */
  feedCursor: string;
  /** The most followed creator's own token, for her commission statement. */
  mayaToken: string;
}

const COMMISSION_STATEMENT = `query ($h: String!) { creator(handle: $h) { commissionStatement { totals { pending { formatted } locked { formatted } payable { formatted } paid { formatted } reversed { formatted } }
  lines(first: 10) { edges { node { title units rate amount { formatted } state order { id } } } } } } }`;

/** The screens measured, each the same request on both worlds. */
function screens({ maya, longTail, brandId, feedCursor, mayaToken }: ScreenSubjects) {
  return [
    { name: 'profile, most followed creator', query: CREATOR_PROFILE, variables: { handle: maya } },
    { name: 'profile, long-tail creator', query: CREATOR_PROFILE, variables: { handle: longTail } },
    // Issue 22: the profile with its slow parts deferred, and the same query without @defer.
    { name: 'profile, most followed, without @defer', query: withoutDefer(DEFERRED_PROFILE), variables: { handle: maya } },
    { name: 'profile, most followed, @defer', query: DEFERRED_PROFILE, variables: { handle: maya }, deferred: true },
    { name: 'hot stream page', query: LIVE_STREAM_PAGE, variables: { id: hotStreamId } },
    { name: 'liveNow with totals and top gifters', query: 'query { liveNow(first: 5) { edges { node { id title giftTotals { coins giftCount gifterCount } topGifters(first: 3) { rank coins user { handle } } } } } }', variables: {} },
    { name: 'recent gifts on the hot stream', query: 'query ($id: ID!) { liveStream(id: $id) { recentGifts(first: 20) { id eventId quantity sender { handle } } } }', variables: { id: hotStreamId } },
    { name: 'feed, first page', query: FEED_PAGE, variables: {} },
    { name: 'feed, sixth page', query: FEED_PAGE, variables: { after: feedCursor } },
    { name: 'brands with their products', query: 'query { brands(first: 10) { edges { node { name products(first: 5) { edges { node { id title price { formatted } } } } } } } }', variables: {} },
    { name: 'brand with the largest catalog, first page', query: 'query ($id: ID!) { brand(id: $id) { name products(first: 10) { edges { node { id title price { formatted } inStock } } } } }', variables: { id: brandId } },
    { name: "creator's commission statement (her own)", query: COMMISSION_STATEMENT, variables: { h: maya }, headers: { authorization: `Bearer ${mayaToken}` } },
    // "serum" answers 4 products on the small world and a full page of 10 on the large one, so its
    // ratio carries the page's size as well as history; "cream" matches 10 on the small world and
    // about 4,000 on the large one, the same density as "serum" there: a full page on both.
    ...PRODUCT_SORTS.map((sort) => ({ name: `product search "serum", ${sort}`, query: `query { searchProducts(text: "serum", sort: ${sort}, first: 10) { edges { node { id title } } } }`, variables: {} })),
    ...PRODUCT_SORTS.map((sort) => ({ name: `product search "cream" (a full page on both), ${sort}`, query: `query { searchProducts(text: "cream", sort: ${sort}, first: 10) { edges { node { id title } } } }`, variables: {} })),
    // A model number: "104" and the numbers it starts (typed ahead: "1040" to "1049", "10400" …) are
    // in 1,613 of the large world's products (0.8 %; 505 hold "104" itself) and in none of the small
    // world's. Between a rare word and a common one: few enough to read and sort, too many for a
    // walk of the sort's index to find a page within a few rows.
    ...PRODUCT_SORTS.map((sort) => ({ name: `product search "104" (a model number), ${sort}`, query: `query { searchProducts(text: "104", sort: ${sort}, first: 10) { edges { node { id title } } } }`, variables: {} })),
    // A rare word and a typo: "candle" is in one product on each world, "candel" in none. A search
    // costs what it matches: SQLite's planner once walked a sort's index testing every product
    // against the word (1.5 s on the large world for a price or newest sort).
    ...PRODUCT_SORTS.map((sort) => ({ name: `product search "candle" (one product), ${sort}`, query: `query { searchProducts(text: "candle", sort: ${sort}, first: 10) { edges { node { id title } } } }`, variables: {} })),
    ...PRODUCT_SORTS.map((sort) => ({ name: `product search "candel" (none), ${sort}`, query: `query { searchProducts(text: "candel", sort: ${sort}, first: 10) { edges { node { id title } } } }`, variables: {} })),
    { name: 'creators directory, one topic', query: 'query { searchCreators(topic: COOKING, first: 10) { edges { node { handle followerCount } } } }', variables: {} },
    // Typed into the directory's box: one letter (a prefix of many names) and a name. Its index
    // holds creators only: a million viewers' names made "a" read 96,000 matches.
    { name: 'creators directory, text "a"', query: 'query { searchCreators(text: "a", first: 10) { edges { node { handle followerCount } } } }', variables: {} },
    { name: 'creators directory, text "maya"', query: 'query { searchCreators(text: "maya", first: 10) { edges { node { handle followerCount } } } }', variables: {} },
    { name: 'creator followers, last page', query: 'query ($h: String!) { creator(handle: $h) { followers(last: 10) { totalCount edges { node { handle } } } } }', variables: { h: maya } },
  ];
}

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(30_000) });
  return (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

/**
 * One request to each of `urls` per sample, taking turns (which goes first alternates), so every
 * world's figure comes from the same minutes: a load that passes falls on all of them alike.
 */
async function inTurns<T>(urls: string[], sample: (url: string, at: number) => Promise<T>): Promise<T[][]> {
  const taken = urls.map((): T[] => []);
  for (let i = 0; i < 5 + SAMPLES; i++) {
    for (let turn = 0; turn < urls.length; turn++) {
      const at = (i + turn) % urls.length;
      const value = await sample(urls[at]!, at);
      if (i >= 5) taken[at]!.push(value);
    }
  }
  return taken;
}

/** A screen on each world (`requests[i]` to `urls[i]`: each world's handles are its own), in turns. */
async function timeScreen(urls: string[], requests: { query: string; variables: Record<string, unknown>; headers?: Record<string, string> }[]) {
  return inTurns(urls, async (url, at) => {
    const started = performance.now();
    const answer = await post(url, requests[at]!.query, requests[at]!.variables, requests[at]!.headers);
    if (answer.errors) throw new Error(`${JSON.stringify(answer.errors).slice(0, 300)}`);
    return performance.now() - started;
  });
}

function spread(times: readonly number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentileOf(sorted, 50), p99: percentileOf(sorted, 99) };
}

async function timeDeferred(urls: string[], requests: { query: string; variables: Record<string, unknown> }[]) {
  const times = await inTurns(urls, (url, at) => deferredRequest(url, requests[at]!.query, requests[at]!.variables));
  return times.map((each) => ({ initial: each.map((time) => time.initialMs), last: each.map((time) => time.lastMs) }));
}

/** `SENDERS` viewers sending roses to the hot stream as fast as they are answered, for `ms` (STORM_MS). */
async function storm(url: string, tokens: string[], ms = STORM_MS) {
  const deadline = Date.now() + ms;
  const latencies: number[] = [];
  /** Each answered send's id, and when its answer came (performance.now()). */
  const answeredAt = new Map<string, number>();
  const errors = new Map<string, number>();
  let key = 0;
  await Promise.all(
    tokens.map(async (token) => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const answer = await post(url, 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }', { input: { liveStreamId: hotStreamId, giftId: ROSE, quantity: 1, idempotencyKey: `scale-${process.pid}-${Date.now()}-${++key}` } }, { authorization: `Bearer ${token}` }).catch(() => ({ errors: [{ message: 'no answer', extensions: { code: 'NO_ANSWER' } }] }));
        const code = answer.errors?.[0]?.extensions?.code;
        if (code) errors.set(code, (errors.get(code) ?? 0) + 1);
        else {
          const answered = performance.now();
          latencies.push(answered - started);
          answeredAt.set(((answer as { data?: unknown }).data as { sendLiveGift: { send: { id: string } } }).sendLiveGift.send.id, answered);
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { commitsPerSecond: latencies.length / (ms / 1000), p99: latencies.length ? percentileOf(latencies, 99) : NaN, errors: Object.fromEntries(errors), answeredAt, latencies };
}

/**
 * The storm again with `SUBSCRIBERS` WebSocket clients on the hot stream's gift events (issue 21's
 * hot stream "with 1,000 subscribers on it"): what the senders commit while the gateway fans every
 * event out, each event's delivery after its send's answer, and whether every client got every
 * committed event exactly once.
 */
async function stormWithSubscribers(gatewayBase: string, tokens: string[], servicePorts: number[]) {
  const subscribers = await subscribeToGifts(gatewayBase, hotStreamId, SUBSCRIBERS);
  try {
    // Subscribing polled the gateway's /metrics (which empties its event-loop histogram): this
    // phase's delays are read from here to the end of the drain, before the clients leave (their
    // close polls /metrics again).
    await eventLoopP99(servicePorts);
    const hot = await storm(`${gatewayBase}graphql`, tokens);
    const everyAnswered = await subscribers.drain(() => hot.answeredAt.keys(), 60_000);
    const eventLoop = await eventLoopP99(servicePorts);
    // A send whose answer was lost may still have committed: its event is owed to every client too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const committed = new Set(subscribers.receipts.map((receipt) => receipt.sendId));
    const missed = subscribers.seenPerClient.reduce((sum, seen) => sum + (committed.size - seen.size), 0);
    const delays = subscribers.receipts.filter((receipt) => hot.answeredAt.has(receipt.sendId)).map((receipt) => Math.max(0, receipt.at - hot.answeredAt.get(receipt.sendId)!));
    delays.sort((a, b) => a - b);
    const { lowest, highest } = subscribers.giftCounts();
    return {
      ...hot,
      eventLoop,
      subscribers: SUBSCRIBERS,
      eventsCommitted: committed.size,
      // The stream's gift count moved by this many across the events: every commit has its event.
      committedPerTotals: committed.size === 0 ? 0 : highest - lowest + 1,
      everyClientEveryEvent: everyAnswered && missed === 0,
      missedDeliveries: missed,
      duplicatedOrWrong: subscribers.wrongEvents(),
      deliveryP50: delays.length ? percentileOf(delays, 50) : NaN,
      deliveryP99: delays.length ? percentileOf(delays, 99) : NaN,
    };
  } finally {
    await subscribers.close();
  }
}

let ROSE = '';

/**
 * Each service's event-loop delay p99 (ms) since the last call: prom-client's collector keeps a
 * histogram (`monitorEventLoopDelay`, a sample every 10 ms) and empties it at every scrape, so a
 * scrape before a phase and one after it give that phase alone (and none of the start: migrating
 * and seeding run before anything is measured). A sample is the time between two turns of the
 * 10 ms timer, so an idle loop reads about 10 ms.
 */
async function eventLoopP99(ports: number[]): Promise<Record<string, number>> {
  const delays: Record<string, number> = {};
  for (const [i, port] of ports.entries()) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    // prom-client's default collector; the subgraphs label theirs with the service.
    const p99 = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? (\S+)/m.exec(text)?.[1];
    delays[[...SUBGRAPHS, 'gateway'][i] as string] = p99 ? Math.round(Number(p99) * 10_000) / 10 : NaN;
  }
  return delays;
}

/** Commits of the gifts store so far, and the transactions they made durable (several per commit when sends wait in line: group commit). */
async function giftsCommits(port: number): Promise<{ commits: number; transactions: number; retries: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const counter = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { commits: counter('sql_commits_total'), transactions: counter('sql_committed_transactions_total'), retries: counter('sql_transaction_retries_total') };
}

/** The larger of each service's p99 over the phases. */
const worstOf = (phases: Record<string, number>[]) => Object.fromEntries(Object.keys(phases[0] ?? {}).map((service) => [service, Math.max(...phases.map((phase) => phase[service] ?? NaN))]));

/** Where a world's stores are: a SQLite directory, or (Postgres) each subgraph's database URL beside a directory for the gateway's own. */
interface WorldStores {
  dataDir: string;
  env: Record<string, string>;
}

type World = 'small' | 'large';
type ScreenTimes = Record<string, { off: { p50: number; p99: number }; on: { p50: number; p99: number } }>;

/** A world's services, running: its gateways with the entity cache off and on, and what its hot stream needs. */
interface RunningWorld {
  world: World;
  processes: Processes;
  off: string;
  on: string;
  gatewayPort: number;
  servicePorts: number[];
  screens: ReturnType<typeof screens>;
  /** Event-loop delay over the start, read (and the histograms emptied) once the world is up. */
  startLoop: Record<string, number>;
}

async function startWorld(world: World, stores: WorldStores): Promise<RunningWorld> {
  const processes = new Processes(root);
  const [gateway, cached, ...ports] = (await freePorts(6)) as number[];
  const env: NodeJS.ProcessEnv = {
    ...stores.env,
    DATA_DIR: stores.dataDir,
    INTERNAL_SECRET,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    RATE_LIMIT_TIERS: JSON.stringify({ anonymous: { max: 1e9, restoreRate: 1e9 }, user: { max: 1e9, restoreRate: 1e9 }, partner: { standard: { max: 1e9, restoreRate: 1e9 } } }),
  };
  SUBGRAPHS.forEach((name, i) => {
    env[`${name.toUpperCase()}_PORT`] = String(ports[i]);
    env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[i]}/graphql`;
  });
  try {
    const profileDir = path.join(root, 'bench', `profiles-${world}`);
    const profiled = (name: string) => (PROFILED.has(name) ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
    for (const name of SUBGRAPHS) processes.start(name, [...profiled(name), `subgraphs/${name}/dist/index.js`], env);
    await Promise.all(ports.map((port) => waitFor(`http://127.0.0.1:${port}/ready`, 600_000)));
    // Its hot-stream subscribers all come from this one address.
    processes.start('gateway', [...profiled('gateway'), 'gateway/dist/index.js'], { ...env, GATEWAY_PORT: String(gateway), ENTITY_CACHE: 'off', SUBSCRIPTIONS_PER_IP: String(SUBSCRIBERS + 10), CONNECTIONS_PER_IP: String(SUBSCRIBERS + 10) });
    processes.start('gateway-cached', ['gateway/dist/index.js'], { ...env, GATEWAY_PORT: String(cached) });
    await Promise.all([waitFor(`http://127.0.0.1:${gateway}/ready`), waitFor(`http://127.0.0.1:${cached}/ready`)]);
    const off = `http://127.0.0.1:${gateway}/graphql`;
    const servicePorts = [...ports, gateway] as number[];
    const list = screens(await screenSubjects(world, off));
    // Empties every histogram: what follows is measured without the start (printed on its own).
    const startLoop = await eventLoopP99(servicePorts);
    return { world, processes, off, on: `http://127.0.0.1:${cached}/graphql`, gatewayPort: gateway!, servicePorts, screens: list, startLoop };
  } catch (error) {
    await processes.stopAll();
    throw error;
  }
}

interface ScreensMeasured {
  times: ScreenTimes;
  screensLoop: Record<string, number>;
}

/** Each screen's large / small ratios with the entity cache off, with their 95 % bootstrap intervals. */
type RatioIntervals = Record<string, { p50: RatioInterval; p99: RatioInterval }>;

/**
 * Every screen on every running world, the entity cache off then on, the worlds taking turns
 * request by request (`inTurns`); then each world's event-loop delay over the screens. With two
 * worlds, also how sure each cache-off ratio is (`ratio-interval.ts`).
 */
async function measureScreens(worlds: RunningWorld[]): Promise<{ measured: ScreensMeasured[]; intervals: RatioIntervals }> {
  const results = worlds.map((): ScreenTimes => ({}));
  const intervals: RatioIntervals = {};
  const shown = (at: number, name: string) => {
    const times = results[at]![name]!;
    console.log(`${worlds[at]!.world}: ${name}: cache off p50 ${times.off.p50.toFixed(1)} ms, p99 ${times.off.p99.toFixed(1)} ms; on p50 ${times.on.p50.toFixed(1)} ms`);
  };
  const record = (name: string, off: number[][], on: number[][]) => {
    worlds.forEach((_, at) => (results[at]![name] = { off: spread(off[at]!), on: spread(on[at]!) }));
    if (worlds.length === 2) intervals[name] = { p50: ratioInterval(off[0]!, off[1]!, 50), p99: ratioInterval(off[0]!, off[1]!, 99) };
    worlds.forEach((_, at) => shown(at, name));
  };
  for (const [index, screen] of worlds[0]!.screens.entries()) {
    const requests = worlds.map((world) => world.screens[index]!);
    const [offUrls, onUrls] = [worlds.map((world) => world.off), worlds.map((world) => world.on)];
    if ('deferred' in screen) {
      const [off, on] = [await timeDeferred(offUrls, requests), await timeDeferred(onUrls, requests)];
      record(`${screen.name}: initial payload`, off.map((each) => each.initial), on.map((each) => each.initial));
      record(`${screen.name}: last payload`, off.map((each) => each.last), on.map((each) => each.last));
      continue;
    }
    record(screen.name, await timeScreen(offUrls, requests), await timeScreen(onUrls, requests));
  }
  const measured: ScreensMeasured[] = [];
  for (const [at, world] of worlds.entries()) measured.push({ times: results[at]!, screensLoop: await eventLoopP99(world.servicePorts) });
  return { measured, intervals };
}

/** What a world's storms send with: its senders' tokens (their wallets filled), and how to read the gifts process. */
interface HotStreamSenders {
  tokens: string[];
  giftsCpuMs: () => number;
  giftsPort: number;
}

async function hotStreamSenders(running: RunningWorld): Promise<HotStreamSenders> {
  const { processes, off, servicePorts } = running;
  ROSE = ((await post(off, '{ liveGifts { id name } }', {})).data as { liveGifts: { id: string; name: string }[] }).liveGifts.find((gift) => gift.name === 'Rose')!.id;
  const giftsPid = processes.pid('gifts');
  const giftsCpuMs = () => {
    const { user, system } = cpuSplitMs(giftsPid);
    return user + system;
  };
  const jwt = { secret: JWT_SECRET, jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE };
  const tokens = await Promise.all(userIds.slice(30, 30 + SENDERS).map((id) => signUserToken(jwt, { id, country: 'US' }, { expiresIn: '1h' })));
  // Enough coins for every round's roses.
  for (const token of tokens) {
    for (let i = 0; i < 3 * STORM_ROUNDS; i++) await post(off, 'mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_3500", idempotencyKey: $key }) { wallet { coins } } }', { key: `scale-coins-${process.pid}-${token.slice(-12)}-${i}-${Date.now()}` }, { authorization: `Bearer ${token}` });
  }
  return { tokens, giftsCpuMs, giftsPort: servicePorts[SUBGRAPHS.indexOf('gifts')]! };
}

/** A world's plain storms, pooled over its rounds: rate, p99, errors, gifts' CPU and what each send cost the store. */
interface StormsMeasured {
  commitsPerSecond: number;
  p99: number;
  errors: Record<string, number>;
  giftsCpuMs: number;
  retriesPerSend?: number;
  transactionsPerCommit: number;
  rounds: { commitsPerSecond: number; p99: number }[];
  eventLoop: Record<string, number>;
}

/**
 * The storm on every running world, `STORM_ROUNDS` times each, the worlds taking turns (small,
 * large, then large, small, …) so that a change in the machine's load falls on both alike. The
 * world not storming stays up and idle.
 */
async function measureStorms(worlds: RunningWorld[], senders: HotStreamSenders[]): Promise<StormsMeasured[]> {
  // Not counted: each world's first sends (its send path compiled, its connections and statements made).
  for (const [at, world] of worlds.entries()) await storm(world.off, senders[at]!.tokens, STORM_WARM_UP_MS);
  const pooled = worlds.map(() => ({ latencies: [] as number[], errors: new Map<string, number>(), cpuMs: 0, retries: 0, commits: 0, transactions: 0, rounds: [] as { commitsPerSecond: number; p99: number }[], loops: [] as Record<string, number>[] }));
  for (let round = 0; round < STORM_ROUNDS; round++) {
    const order = worlds.map((_, at) => at);
    if (round % 2 === 1) order.reverse();
    for (const at of order) {
      const { world, off, servicePorts } = worlds[at]!;
      const { tokens, giftsCpuMs, giftsPort } = senders[at]!;
      const into = pooled[at]!;
      await eventLoopP99(servicePorts);
      const cpuBefore = giftsCpuMs();
      const before = await giftsCommits(giftsPort);
      const hot = await storm(off, tokens);
      into.loops.push(await eventLoopP99(servicePorts));
      const cpuMs = giftsCpuMs() - cpuBefore;
      const after = await giftsCommits(giftsPort);
      into.cpuMs += cpuMs;
      into.latencies.push(...hot.latencies);
      for (const [code, count] of Object.entries(hot.errors)) into.errors.set(code, (into.errors.get(code) ?? 0) + count);
      into.retries += after.retries - before.retries;
      into.commits += after.commits - before.commits;
      into.transactions += after.transactions - before.transactions;
      into.rounds.push({ commitsPerSecond: hot.commitsPerSecond, p99: hot.p99 });
      // On Postgres a send that collided with another on the stream's kept rows is run again: what the storm wastes.
      const retriesPerSend = (after.retries - before.retries) / Math.max(1, hot.latencies.length);
      const perCommit = (after.transactions - before.transactions) / Math.max(1, after.commits - before.commits);
      console.log(
        `${world}: hot stream, round ${round + 1}, ${SENDERS} senders for ${STORM_MS / 1000} s: ${hot.commitsPerSecond.toFixed(1)} commits/s, p99 ${hot.p99.toFixed(0)} ms, errors ${JSON.stringify(hot.errors)}; gifts CPU ${(cpuMs / (STORM_MS / 1000) / 10).toFixed(0)} % of a core; ${STORE === 'postgres' ? `${retriesPerSend.toFixed(2)} transaction retries per send` : `${perCommit.toFixed(2)} transactions per store commit`}; load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
  return pooled.map((into) => {
    into.latencies.sort((a, b) => a - b);
    const seconds = (STORM_MS / 1000) * STORM_ROUNDS;
    return {
      commitsPerSecond: into.latencies.length / seconds,
      p99: into.latencies.length ? percentileOf(into.latencies, 99) : NaN,
      errors: Object.fromEntries(into.errors),
      giftsCpuMs: Math.round(into.cpuMs),
      ...(STORE === 'postgres' ? { retriesPerSend: into.retries / Math.max(1, into.latencies.length) } : {}),
      transactionsPerCommit: into.transactions / Math.max(1, into.commits),
      rounds: into.rounds,
      eventLoop: worstOf(into.loops),
    };
  });
}

/** A world's hot stream with subscribers (any other world idle), and its figures; then its services stop. */
async function measureHotStream(running: RunningWorld, screensMeasured: ScreensMeasured, senders: HotStreamSenders, storms: StormsMeasured) {
  const { world, processes, servicePorts, startLoop } = running;
  const { times: results, screensLoop } = screensMeasured;
  try {
    const { tokens, giftsCpuMs } = senders;
    const cpuBeforeWatched = giftsCpuMs();
    const watched = SUBSCRIBERS > 0 ? await stormWithSubscribers(`http://127.0.0.1:${running.gatewayPort}/`, tokens, servicePorts) : null;
    const watchedLoop = watched?.eventLoop ?? null;
    const giftsCpuWatched = giftsCpuMs() - cpuBeforeWatched;
    if (watched) {
      console.log(
        `${world}: hot stream with ${SUBSCRIBERS} subscribers: ${watched.commitsPerSecond.toFixed(1)} commits/s, p99 ${watched.p99.toFixed(0)} ms, errors ${JSON.stringify(watched.errors)}; delivery p50 ${watched.deliveryP50.toFixed(0)} ms, p99 ${watched.deliveryP99.toFixed(0)} ms; ${watched.eventsCommitted} events (${watched.committedPerTotals} by the totals), every client every event: ${watched.everyClientEveryEvent} (missed ${watched.missedDeliveries}, duplicated or wrong ${watched.duplicatedOrWrong})`,
      );
    }
    const eventLoopByPhase = { screens: screensLoop, storm: storms.eventLoop, ...(watchedLoop ? { stormWithSubscribers: watchedLoop } : {}) };
    const eventLoop = worstOf(Object.values(eventLoopByPhase));
    for (const [phase, delays] of Object.entries({ start: startLoop, ...eventLoopByPhase })) console.log(`${world}: event-loop delay p99 (ms), ${phase}: ${JSON.stringify(delays)}`);
    if (watched) console.log(`${world}: gifts CPU during the storm with subscribers: ${(giftsCpuWatched / 1000).toFixed(1)} s (the storm and the delivery drain after it)`);
    const { eventLoop: _stormLoop, ...hot } = storms;
    return { screens: results, hot, watched: watched && { ...watched, answeredAt: undefined, latencies: undefined, giftsCpuMs: Math.round(giftsCpuWatched) }, eventLoop, eventLoopByPhase: { start: startLoop, ...eventLoopByPhase } };
  } finally {
    await processes.stopAll();
  }
}

function reconcile(stores: WorldStores): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reconcile.ts'], { cwd: root, env: { ...process.env, ...stores.env, DATA_DIR: stores.dataDir }, encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.trim();
}

const DATABASES = ['users', 'content', 'gifts', 'commerce'] as const;
const databaseEnv = (urlFor: (name: string) => string) => Object.fromEntries(DATABASES.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, urlFor(name)]));

/** The Postgres large world: named with --large-pg, or built now into `cluster` (timed). */
async function largeWorldOnPostgres(cluster: ThrowawayCluster, dataDir: string): Promise<{ stores: WorldStores; buildSeconds: number | null }> {
  if (values['large-pg']) return { stores: { dataDir, env: databaseEnv((name) => new URL(name, values['large-pg']).toString()) }, buildSeconds: null };
  const env = databaseEnv((name) => cluster.urlFor(`large_${name}`));
  console.log('large world: building it on Postgres (npm run seed -- --world large) …');
  const started = performance.now();
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--world', 'large'], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`building the large world on Postgres failed (${build.status})`);
  const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`large world: built on Postgres in ${buildSeconds} s`);
  return { stores: { dataDir, env }, buildSeconds };
}

const smallDir = mkdtempSync(path.join(os.tmpdir(), 'bench-scale-small-'));
const largeGatewayDir = mkdtempSync(path.join(os.tmpdir(), 'bench-scale-large-gateway-'));
let cluster: ThrowawayCluster | null = null;
try {
  let smallStores: WorldStores = { dataDir: smallDir, env: {} };
  let largeStores: WorldStores = { dataDir: values['large-dir'] ?? largeGatewayDir, env: {} };
  let largeBuildSeconds: number | null = null;
  if (STORE === 'postgres') {
    cluster = await startThrowawayCluster();
    for (const name of DATABASES) for (const world of values['large-pg'] || !WORLDS.has('large') ? ['small'] : ['small', 'large']) await cluster.createDatabase(`${world}_${name}`);
    smallStores = { dataDir: smallDir, env: databaseEnv((name) => cluster!.urlFor(`small_${name}`)) };
    // Built first, so that the two worlds are measured one right after the other, as on SQLite.
    if (WORLDS.has('large')) ({ stores: largeStores, buildSeconds: largeBuildSeconds } = await largeWorldOnPostgres(cluster, largeGatewayDir));
  }
  const loadBefore = os.loadavg();
  // Both worlds run at once for the screens, measured in turns; then each world's hot stream alone.
  const running: RunningWorld[] = [];
  let screensMeasured: ScreensMeasured[];
  let intervals: RatioIntervals;
  let senders: HotStreamSenders[];
  let storms: StormsMeasured[];
  try {
    running.push(await startWorld('small', smallStores));
    if (WORLDS.has('large')) running.push(await startWorld('large', largeStores));
    ({ measured: screensMeasured, intervals } = await measureScreens(running));
    senders = [];
    for (const world of running) senders.push(await hotStreamSenders(world));
    storms = await measureStorms(running, senders);
  } catch (error) {
    for (const world of running) await world.processes.stopAll();
    throw error;
  }
  const small = await measureHotStream(running[0]!, screensMeasured[0]!, senders[0]!, storms[0]!).catch(async (error: unknown) => {
    await running[1]?.processes.stopAll();
    throw error;
  });
  if (!WORLDS.has('large')) {
    // One world: its figures printed above, and its reconcile; no ratios, and the results file keeps the last two-world run.
    console.log(`\nreconcile, small world: ${reconcile(smallStores)}`);
    console.log(`load average (1, 5, 15 min): before ${loadBefore.map((load) => load.toFixed(1)).join(' ')}, after ${os.loadavg().map((load) => load.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  } else {
    const large = await measureHotStream(running[1]!, screensMeasured[1]!, senders[1]!, storms[1]!);
    const loadAfter = os.loadavg();
    const interval = ({ ratio, low, high }: RatioInterval) => `×${ratio.toFixed(2)} (${low.toFixed(2)}–${high.toFixed(2)})`;
    const rows = Object.keys(small.screens).map((name) => {
      const [s, l, sure] = [small.screens[name]!, large.screens[name]!, intervals[name]!];
      return `| ${name} | ${s.off.p50.toFixed(1)} / ${s.off.p99.toFixed(1)} | ${l.off.p50.toFixed(1)} / ${l.off.p99.toFixed(1)} | ${interval(sure.p50)} / ${interval(sure.p99)} | ${s.on.p50.toFixed(1)} | ${l.on.p50.toFixed(1)} |`;
    });
    console.log('\n| screen | small p50 / p99 ms (cache off) | large p50 / p99 ms | large / small p50 / p99 (95 % interval) | small p50, cache on | large p50, cache on |');
    console.log('|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    // Which ratios past the target this run settles (the whole interval past it) and which are within its noise.
    for (const p of ['p50', 'p99'] as const) {
      const past = Object.entries(intervals).filter(([, sure]) => sure[p].ratio > 1.5);
      const settled = past.filter(([, sure]) => sure[p].low > 1.5).map(([name]) => name);
      console.log(`${p} ratios past ×1.5: ${past.length}${past.length ? ` (${past.map(([name, sure]) => `${name} ${interval(sure[p])}`).join('; ')})` : ''}; with the whole interval past ×1.5: ${settled.length}`);
    }
    const rounds = (hot: Pick<StormsMeasured, 'rounds'>) => hot.rounds.map((round) => round.commitsPerSecond.toFixed(1)).join(', ');
    console.log(
      `| hot stream: ${SENDERS} senders, ${STORM_ROUNDS} × ${STORM_MS / 1000} s | ${small.hot.commitsPerSecond.toFixed(1)} commits/s (${rounds(small.hot)}), p99 ${small.hot.p99.toFixed(0)} ms | ${large.hot.commitsPerSecond.toFixed(1)} commits/s (${rounds(large.hot)}), p99 ${large.hot.p99.toFixed(0)} ms | ×${(large.hot.commitsPerSecond / small.hot.commitsPerSecond).toFixed(2)} commits | errors ${JSON.stringify(small.hot.errors)} | errors ${JSON.stringify(large.hot.errors)} |`,
    );
    if (small.watched && large.watched) {
      const [s, l] = [small.watched, large.watched];
      const delivered = (w: typeof s) => `${w.commitsPerSecond.toFixed(1)} commits/s, p99 ${w.p99.toFixed(0)} ms; delivery p99 ${w.deliveryP99.toFixed(0)} ms`;
      const faults = (w: typeof s) => `errors ${JSON.stringify(w.errors)}, missed ${w.missedDeliveries}, duplicated ${w.duplicatedOrWrong}, events ${w.eventsCommitted} = totals ${w.committedPerTotals}`;
      console.log(`| hot stream: ${SENDERS} senders, ${SUBSCRIBERS} subscribers | ${delivered(s)} | ${delivered(l)} | ×${(l.commitsPerSecond / s.commitsPerSecond).toFixed(2)} commits, ×${(l.deliveryP99 / s.deliveryP99).toFixed(2)} delivery p99 | ${faults(s)} | ${faults(l)} |`);
    }
    // Issue 22's target: on the large world the deferred profile's initial payload within the small world's whole profile.
    const deferred = 'profile, most followed, @defer';
    const whole = small.screens['profile, most followed, without @defer']!.off;
    const initial = large.screens[`${deferred}: initial payload`]!.off;
    const deferTarget = { smallWholeP50: whole.p50, largeInitialP50: initial.p50, smallWholeP99: whole.p99, largeInitialP99: initial.p99, met: initial.p50 <= whole.p50 && initial.p99 <= whole.p99 };
    console.log(
      `\n@defer: the large world's initial payload p50 ${initial.p50.toFixed(1)} / p99 ${initial.p99.toFixed(1)} ms against the small world's whole profile ${whole.p50.toFixed(1)} / ${whole.p99.toFixed(1)} ms (target: within it): ${deferTarget.met ? 'met' : 'NOT met'}`,
    );
    const reconciled = { small: reconcile(smallStores), large: reconcile(largeStores) };
    console.log(`\nreconcile, small world: ${reconciled.small}\nreconcile, large world: ${reconciled.large}`);
    const loadAverage = { before: loadBefore.map((load) => Math.round(load * 10) / 10), after: loadAfter.map((load) => Math.round(load * 10) / 10) };
    console.log(`load average (1, 5, 15 min): before ${loadAverage.before.join(' ')}, after ${loadAverage.after.join(' ')} on ${os.cpus().length} cores`);
    const file = path.join(root, 'bench', 'scale-results.json');
    const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    const run = { measuredAt: new Date().toISOString(), store: STORE, samples: SAMPLES, loadAverage, largeBuildSeconds, deferTarget, small, large, intervals, reconcile: reconciled };
    // One file for both engines, as bench/results.json: each run replaces its own engine's.
    const { postgres: previousPostgres, ...previousSqlite } = previous;
    writeFileSync(file, `${JSON.stringify(STORE === 'sqlite' ? { ...run, ...(previousPostgres ? { postgres: previousPostgres } : {}) } : { ...previousSqlite, postgres: run }, null, 2)}\n`);
  }
} finally {
  rmSync(smallDir, { recursive: true, force: true });
  rmSync(largeGatewayDir, { recursive: true, force: true });
  cluster?.stop();
}
