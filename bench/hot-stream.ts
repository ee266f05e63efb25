/**
 * `npx tsx bench/hot-stream.ts`: the hot stream alone (issue 21's "8 senders for 15 s"), on the
 * gifts store only, small world and large world back to back, in a few minutes instead of
 * bench:scale's half hour. What it measures is the cost of a send's write path with the stream's
 * history behind it: 8 signed-in viewers (the seed's users 30-37, coins bought first) send roses
 * to the hot stream (Maya's, a million gifts in the large world) through the gifts subgraph's own
 * GraphQL server in this process (`sendLiveGift`, then the send and wallet it answers with), each
 * as fast as it is answered. Content's answer about the stream (live, whose) is a fixed fact here:
 * it is asked before the transaction and is not what is measured. No gateway, no HTTP.
 *
 * Prints per world: commits/s, p50/p99 latency, errors by code, transaction retries (Postgres),
 * the statements run per commit and the time spent in each kind, this process's event-loop delay
 * during each storm (the sends' own work: no sockets here), and the reconcile check (kept
 * rows against a recount, ledger sums) after the storm; then the large / small ratio, with the
 * machine's load average before and after.
 *
 * Options: --engine postgres|sqlite (postgres), --seconds N (15), --senders N (8), --scale S of
 * the large world (1: a million sends), --pg URL: a running server to use instead of a throwaway
 * cluster; the built worlds are kept there as template databases `hot_<world>_s<scale>` and each
 * run measures a fresh copy of them, so runs before and after a change start from the same rows
 * (the templates are migrated like any store when opened). --dir DIR does the same for SQLite
 * (template files in DIR, copied per run). --statements prints every statement's figures.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { largeWorldSize } from '../packages/fixtures/src/large.ts';
import { hotStreamId } from '../packages/fixtures/src/large.ts';
import { liveStreamCreatorId, userIds } from '../packages/fixtures/src/world.ts';
import { withIndexesAfter } from '../packages/kit/src/db/bulk-load.ts';
import { startThrowawayCluster, type ThrowawayCluster } from '../packages/kit/src/pg-cluster.ts';
import type { PeerClient } from '../packages/kit/src/peers.ts';
import { anonymousViewer } from '../packages/kit/src/viewer.ts';
import { createContext, defaultServices } from '../subgraphs/gifts/src/context.ts';
import { seedLargeGiftsStore } from '../subgraphs/gifts/src/db/seed-large.ts';
import { seedGiftsStore, seedLiveGifts } from '../subgraphs/gifts/src/db/seed.ts';
import { openGiftsPgStore, openGiftsStore, type GiftsStore } from '../subgraphs/gifts/src/db/store.ts';
import { createServer } from '../subgraphs/gifts/src/server.ts';
import { seedId } from '../packages/fixtures/src/ids.ts';

const { values: options } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    seconds: { type: 'string', default: '15' },
    senders: { type: 'string', default: '8' },
    scale: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '2' },
    pg: { type: 'string' },
    dir: { type: 'string' },
    statements: { type: 'boolean', default: false },
  },
});
const engine = options.engine === 'sqlite' ? 'sqlite' : 'postgres';
const STORM_MS = Number(options.seconds) * 1000;
const SENDERS = Number(options.senders);
const scale = Number(options.scale);
const ROUNDS = Number(options.rounds);
/** Each world's first seconds of sends are not counted: connections, plans and caches warm up. */
const WARM_UP_MS = 3_000;
const WORLDS = ['small', 'large'] as const;
type World = (typeof WORLDS)[number];

const ROSE = seedId('lgf', seedLiveGifts.findIndex((gift) => gift.name === 'Rose'));
const creatorId = liveStreamCreatorId(0);
const senderIds = userIds.slice(30, 30 + SENDERS) as string[];
const SEND = 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } wallet { coins } } }';
const BUY = 'mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_3500", idempotencyKey: $key }) { wallet { coins } } }';

/** Content's answer for the hot stream: live, Maya's. The network call it stands for is made before the transaction. */
const contentFacts: PeerClient = {
  entities: async <T extends Record<string, unknown>>(_service: string, _typename: string, ids: readonly string[]) =>
    ids.map((id) => (id === hotStreamId ? ({ id, status: 'LIVE', creator: { id: creatorId } } as unknown as T) : null)),
  watchUntil: () => new Promise<void>(() => undefined),
};

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Statement texts with their count and time, as the store's `onStatement` hook reports them. */
class StatementTimes {
  readonly byText = new Map<string, { count: number; ms: number }>();
  on = false;
  record = (text: string, ms: number) => {
    if (!this.on) return;
    const entry = this.byText.get(text) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    this.byText.set(text, entry);
  };
}

/** Where each world's store is built once (a template) and copied fresh for each run. */
interface Worlds {
  open(world: World, times: StatementTimes): Promise<GiftsStore>;
  /** Writes out what opening the copies wrote, so no storm runs beside that writing. */
  settle(): Promise<void>;
  stop(): void;
}

async function build(store: GiftsStore, world: World) {
  const started = performance.now();
  if (world === 'small') await seedGiftsStore(store);
  else await withIndexesAfter(store, () => seedLargeGiftsStore(store as never, largeWorldSize(scale)));
  console.log(`${world}: built in ${((performance.now() - started) / 1000).toFixed(1)} s (load ${load()})`);
}

async function postgresWorlds(): Promise<Worlds> {
  let cluster: ThrowawayCluster | null = null;
  let serverUrl = options.pg;
  if (!serverUrl) {
    cluster = await startThrowawayCluster();
    serverUrl = cluster.serverUrl;
  }
  const urlOf = (database: string) => new URL(database, serverUrl).toString();
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: urlOf('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const template = (world: World) => `hot_${world}_s${String(scale).replace('.', '_')}`;
  for (const world of WORLDS) {
    const exists = await admin((client) => client.query('select 1 from pg_database where datname = $1', [template(world)]));
    if (exists.rowCount) continue;
    await admin((client) => client.query(`create database ${template(world)}`));
    const store = await openGiftsPgStore(urlOf(template(world)));
    await build(store, world);
    await store.close();
    // Statistics as a restored database gets them: the planner's view of the history, not the empty tables'.
    const client = new pg.Client({ connectionString: urlOf(template(world)) });
    await client.connect();
    await client.query('vacuum analyze');
    await client.end();
  }
  let run = 0;
  const copies: string[] = [];
  return {
    open: async (world, times) => {
      const copy = `${template(world)}_run${process.pid}_${++run}`;
      await admin((client) => client.query(`create database ${copy} template ${template(world)}`));
      copies.push(copy);
      return openGiftsPgStore(urlOf(copy), { onStatement: times.record });
    },
    // A copy of the large template is 1.3 GB written through the WAL (PG 15's default strategy):
    // the checkpoint it brings on would otherwise run during the first storms.
    settle: () => admin(async (client) => void (await client.query('checkpoint'))),
    stop: () => {
      if (cluster) cluster.stop();
      else void admin(async (client) => { for (const copy of copies) await client.query(`drop database if exists ${copy}`); });
    },
  };
}

async function sqliteWorlds(): Promise<Worlds> {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'hot-stream-'));
  mkdirSync(dir, { recursive: true });
  const template = (world: World) => path.join(dir, `hot_${world}_s${scale}.db`);
  for (const world of WORLDS) {
    if (existsSync(template(world))) continue;
    const store = openGiftsStore(template(world));
    await build(store, world);
    await store.close();
  }
  const copies: string[] = [];
  return {
    open: async (world, times) => {
      const copy = path.join(dir, `run-${process.pid}-${world}.db`);
      copyFileSync(template(world), copy);
      copies.push(copy);
      return openGiftsStore(copy, { onStatement: times.record }) as GiftsStore;
    },
    settle: async () => undefined,
    stop: () => {
      for (const copy of copies) for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface StormResult {
  commitsPerSecond: number;
  p50: number;
  p99: number;
  errors: Record<string, number>;
  retries: number;
  load: string;
  /** Per statement text: how many per commit, mean ms. */
  statements: Map<string, { perCommit: number; meanMs: number }>;
  statementsPerCommit: number;
  /** This process's event-loop delay during the storm (ms; a sample every 10 ms, so idle reads about 10): what the sends' own work holds the loop for. */
  loopP99: number;
  loopMax: number;
}

/** One world's store, opened once, its senders' coins bought, ready for storms. */
async function openWorld(worlds: Worlds, world: World) {
  const times = new StatementTimes();
  const store = await worlds.open(world, times);
  const server = createServer();
  await server.start();
  const services = defaultServices();
  const as = (userId: string) => createContext(store, { ...anonymousViewer(), userId, country: 'US' }, contentFacts, services);
  const run = async (userId: string, query: string, variables: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables }, { contextValue: as(userId) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
  // Enough coins for every round: a rose is 1 coin.
  for (const senderId of senderIds) {
    for (let i = 0; i < 3 * ROUNDS; i++) {
      const bought = await run(senderId, BUY, { key: `hot-coins-${process.pid}-${senderId}-${i}` });
      if (bought.errors) throw new Error(`buying coins: ${JSON.stringify(bought.errors)}`);
    }
  }
  let key = 0;
  const retryCount = () => (store as { pg?: { retries: number } }).pg?.retries ?? 0;

  /** SENDERS viewers sending roses for `ms`, each as fast as answered. */
  const storm = async (ms: number): Promise<StormResult> => {
    times.byText.clear();
    const retriesBefore = retryCount();
    const loadBefore = load();
    times.on = true;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const deadline = Date.now() + ms;
    const latencies: number[] = [];
    const errors = new Map<string, number>();
    await Promise.all(
      senderIds.map(async (senderId) => {
        while (Date.now() < deadline) {
          const started = performance.now();
          const answer = await run(senderId, SEND, { input: { liveStreamId: hotStreamId, giftId: ROSE, quantity: 1, idempotencyKey: `hot-${process.pid}-${world}-${++key}` } });
          const code = (answer.errors?.[0]?.extensions?.code as string | undefined) ?? 'ERROR';
          if (answer.errors) errors.set(code, (errors.get(code) ?? 0) + 1);
          else latencies.push(performance.now() - started);
        }
      }),
    );
    times.on = false;
    loop.disable();
    latencies.sort((a, b) => a - b);
    const commits = Math.max(1, latencies.length);
    const statements = new Map([...times.byText].map(([text, t]) => [text, { perCommit: t.count / commits, meanMs: t.ms / t.count }]));
    return {
      commitsPerSecond: latencies.length / (ms / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: Object.fromEntries(errors),
      retries: retryCount() - retriesBefore,
      load: `${loadBefore} → ${load()}`,
      statements,
      statementsPerCommit: [...statements.values()].reduce((sum, s) => sum + s.perCommit, 0),
      // No sample at all: the loop never turned during the storm (every send ran inside one task).
      loopP99: loop.count === 0 ? Infinity : loop.percentile(99) / 1e6,
      loopMax: loop.count === 0 ? Infinity : loop.max / 1e6,
    };
  };
  await storm(WARM_UP_MS);
  return {
    storm,
    reconcile: async () => (await store.keptCountDifferences()).length,
    close: async () => {
      await server.stop();
      await store.close();
    },
  };
}

const shown = (world: World, round: number, r: StormResult) =>
  console.log(
    `round ${round}, ${world}: ${r.commitsPerSecond.toFixed(1)} commits/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${JSON.stringify(r.errors)}, retries ${r.retries} (${(r.retries / Math.max(1, r.commitsPerSecond * (STORM_MS / 1000))).toFixed(2)} per commit), ${r.statementsPerCommit.toFixed(1)} statements per commit, event-loop delay p99 ${r.loopP99.toFixed(1)} ms (max ${r.loopMax.toFixed(0)}), load ${r.load}`,
  );

const worlds = engine === 'postgres' ? await postgresWorlds() : await sqliteWorlds();
try {
  console.log(`hot stream on ${engine}: ${SENDERS} senders, ${STORM_MS / 1000} s per storm, ${ROUNDS} rounds, large world at scale ${scale}; load ${load()}`);
  const opened = { small: await openWorld(worlds, 'small'), large: await openWorld(worlds, 'large') };
  await worlds.settle();
  const results: Record<World, StormResult[]> = { small: [], large: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternating which world goes first, so a drift in the machine's load falls on both.
    for (const world of round % 2 ? WORLDS : [...WORLDS].reverse()) {
      const result = await opened[world].storm(STORM_MS);
      results[world].push(result);
      shown(world, round, result);
    }
  }
  const mean = (world: World, of: (r: StormResult) => number) => results[world].reduce((sum, r) => sum + of(r), 0) / results[world].length;
  // Each statement's mean time, small beside large: what a send's history makes slower.
  const texts = [...new Set([...results.large.flatMap((r) => [...r.statements.keys()])])];
  const statementMean = (world: World, text: string) => mean(world, (r) => r.statements.get(text)?.meanMs ?? 0);
  const perCommit = (world: World, text: string) => mean(world, (r) => r.statements.get(text)?.perCommit ?? 0);
  const rows = texts.map((text) => ({ text, small: statementMean('small', text), large: statementMean('large', text), perCommit: perCommit('large', text) })).sort((a, b) => b.large * b.perCommit - a.large * a.perCommit);
  console.log('statement (large world, most time per commit first): per commit, mean ms small / large');
  for (const row of options.statements ? rows : rows.slice(0, 10)) console.log(`  ${row.perCommit.toFixed(2)}  ${row.small.toFixed(2)} / ${row.large.toFixed(2)} ms  ${row.text.replace(/\s+/g, ' ').slice(0, 120)}`);
  for (const world of WORLDS) console.log(`${world}: reconcile after the storms: ${await opened[world].reconcile()} differences`);
  for (const world of WORLDS) await opened[world].close();
  const [small, large] = [mean('small', (r) => r.commitsPerSecond), mean('large', (r) => r.commitsPerSecond)];
  console.log(
    `| ${engine}, mean of ${ROUNDS} | ${small.toFixed(1)} commits/s, p99 ${mean('small', (r) => r.p99).toFixed(0)} ms, ${mean('small', (r) => r.retries).toFixed(0)} retries | ${large.toFixed(1)} commits/s, p99 ${mean('large', (r) => r.p99).toFixed(0)} ms, ${mean('large', (r) => r.retries).toFixed(0)} retries | ×${(large / small).toFixed(2)} | loop p99 ${mean('small', (r) => r.loopP99).toFixed(1)} / ${mean('large', (r) => r.loopP99).toFixed(1)} ms | ${mean('large', (r) => r.statementsPerCommit).toFixed(1)} statements per commit | load ${results.small[0]?.load.split(' → ')[0]} → ${load()} |`,
  );
} finally {
  worlds.stop();
}
