/**
 * `npm run bench:scale`: the same screens and the same hot-stream writes on the small world and
 * on the large one (issue 21), in one run, one world at a time on this machine: p50 and p99 of
 * each screen with the entity cache off and on, the ratio large / small, a sendLiveGift storm on
 * the busiest stream, each service's event-loop delay, and the reconcile check afterwards.
 *
 * The large world is built once beforehand (`npm run seed -- --world large --data-dir DIR`,
 * about 6 minutes) and named with `--large-dir DIR`; the bench copies nothing and writes into it
 * (gifts on the hot stream), which the reconcile check then covers. The small world is seeded
 * fresh in a temporary directory. Requests are sequential (latency, not throughput): 40 timed
 * after 5 warm-ups per screen, so a p99 is the slowest but one or two.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { creatorIds, userIds } from '../packages/fixtures/src/world.ts';
import { hotStreamId } from '../packages/fixtures/src/large.ts';
import { signUserToken } from '../gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../gateway/src/config.ts';
import { freePorts } from '../test/stack.ts';
import { Processes, waitFor } from './processes.ts';
import { CREATOR_PROFILE, FEED_PAGE, LIVE_STREAM_PAGE } from './screens.ts';

const { values } = parseArgs({ options: { 'large-dir': { type: 'string' }, samples: { type: 'string', default: '40' }, 'storm-seconds': { type: 'string', default: '15' }, senders: { type: 'string', default: '8' } } });
if (!values['large-dir']) {
  console.error('Give the large world: npm run seed -- --world large --data-dir DIR, then npm run bench:scale -- --large-dir DIR');
  process.exit(1);
}
const SAMPLES = Number(values.samples);
const STORM_MS = Number(values['storm-seconds']) * 1000;
const SENDERS = Number(values.senders);
const root = path.resolve(import.meta.dirname, '..');
const JWT_SECRET = 'bench-scale-jwt-secret-0123456789abcdef0123456789';
const INTERNAL_SECRET = 'bench-scale-internal-secret-0123456789abcdef012';
const SUBGRAPHS = ['users', 'content', 'gifts', 'commerce'] as const;

const handleOf = async (url: string, id: string) => ((await post(url, 'query ($id: ID!) { user(id: $id) { handle } }', { id })).data as { user: { handle: string } }).user.handle;

/** The screens measured, each the same request on both worlds. */
function screens(maya: string, longTail: string) {
  return [
    { name: 'profile, most followed creator', query: CREATOR_PROFILE, variables: { handle: maya } },
    { name: 'profile, long-tail creator', query: CREATOR_PROFILE, variables: { handle: longTail } },
    { name: 'hot stream page', query: LIVE_STREAM_PAGE, variables: { id: hotStreamId } },
    { name: 'liveNow with totals and top gifters', query: 'query { liveNow(first: 5) { edges { node { id title giftTotals { coins giftCount gifterCount } topGifters(first: 3) { rank coins user { handle } } } } } }', variables: {} },
    { name: 'recent gifts on the hot stream', query: 'query ($id: ID!) { liveStream(id: $id) { recentGifts(first: 20) { id eventId quantity sender { handle } } } }', variables: { id: hotStreamId } },
    { name: 'feed, first page', query: FEED_PAGE, variables: {} },
    { name: 'product search', query: 'query { searchProducts(text: "serum", sort: BEST_SELLING, first: 10) { edges { node { id title } } } }', variables: {} },
    { name: 'creators directory, one topic', query: 'query { searchCreators(topic: COOKING, first: 10) { edges { node { handle followerCount } } } }', variables: {} },
    { name: 'creator followers, last page', query: 'query ($h: String!) { creator(handle: $h) { followers(last: 10) { totalCount edges { node { handle } } } } }', variables: { h: maya } },
  ];
}

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(30_000) });
  return (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

async function timeScreen(url: string, screen: { query: string; variables: Record<string, unknown> }) {
  const times: number[] = [];
  for (let i = 0; i < 5 + SAMPLES; i++) {
    const started = performance.now();
    const answer = await post(url, screen.query, screen.variables);
    if (answer.errors) throw new Error(`${JSON.stringify(answer.errors).slice(0, 300)}`);
    if (i >= 5) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** `SENDERS` viewers sending roses to the hot stream as fast as they are answered, for STORM_MS. */
async function storm(url: string, tokens: string[]) {
  const deadline = Date.now() + STORM_MS;
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let key = 0;
  await Promise.all(
    tokens.map(async (token) => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const answer = await post(url, 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }', { input: { liveStreamId: hotStreamId, giftId: ROSE, quantity: 1, idempotencyKey: `scale-${process.pid}-${Date.now()}-${++key}` } }, { authorization: `Bearer ${token}` }).catch(() => ({ errors: [{ message: 'no answer', extensions: { code: 'NO_ANSWER' } }] }));
        const code = answer.errors?.[0]?.extensions?.code;
        if (code) errors.set(code, (errors.get(code) ?? 0) + 1);
        else latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { commitsPerSecond: latencies.length / (STORM_MS / 1000), p99: latencies.length ? percentile(latencies, 99) : NaN, errors: Object.fromEntries(errors) };
}

let ROSE = '';

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

async function measureWorld(world: 'small' | 'large', dataDir: string) {
  const processes = new Processes(root);
  const [gateway, cached, ...ports] = (await freePorts(6)) as number[];
  const env: NodeJS.ProcessEnv = {
    DATA_DIR: dataDir,
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
    for (const name of SUBGRAPHS) processes.start(name, [`subgraphs/${name}/dist/index.js`], env);
    await Promise.all(ports.map((port) => waitFor(`http://127.0.0.1:${port}/ready`, 600_000)));
    processes.start('gateway', ['gateway/dist/index.js'], { ...env, GATEWAY_PORT: String(gateway), ENTITY_CACHE: 'off' });
    processes.start('gateway-cached', ['gateway/dist/index.js'], { ...env, GATEWAY_PORT: String(cached) });
    await Promise.all([waitFor(`http://127.0.0.1:${gateway}/ready`), waitFor(`http://127.0.0.1:${cached}/ready`)]);
    const off = `http://127.0.0.1:${gateway}/graphql`;
    const on = `http://127.0.0.1:${cached}/graphql`;
    ROSE = ((await post(off, '{ liveGifts { id name } }', {})).data as { liveGifts: { id: string; name: string }[] }).liveGifts.find((gift) => gift.name === 'Rose')!.id;
    const list = screens(await handleOf(off, creatorIds[0] as string), await handleOf(off, creatorIds[18] as string));
    const results: Record<string, { off: { p50: number; p99: number }; on: { p50: number; p99: number } }> = {};
    for (const screen of list) {
      results[screen.name] = { off: await timeScreen(off, screen), on: await timeScreen(on, screen) };
      console.log(`${world}: ${screen.name}: cache off p50 ${results[screen.name]!.off.p50.toFixed(1)} ms, p99 ${results[screen.name]!.off.p99.toFixed(1)} ms; on p50 ${results[screen.name]!.on.p50.toFixed(1)} ms`);
    }
    // Senders from the seed's own users, with coins bought first (the large world's bulk senders are not needed).
    const jwt = { secret: JWT_SECRET, jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE };
    const tokens = await Promise.all(userIds.slice(30, 30 + SENDERS).map((id) => signUserToken(jwt, { id, country: 'US' }, { expiresIn: '1h' })));
    for (const token of tokens) {
      for (let i = 0; i < 3; i++) await post(off, 'mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_3500", idempotencyKey: $key }) { wallet { coins } } }', { key: `scale-coins-${process.pid}-${token.slice(-12)}-${i}-${Date.now()}` }, { authorization: `Bearer ${token}` });
    }
    const hot = await storm(off, tokens);
    console.log(`${world}: hot stream, ${SENDERS} senders for ${STORM_MS / 1000} s: ${hot.commitsPerSecond.toFixed(1)} commits/s, p99 ${hot.p99.toFixed(0)} ms, errors ${JSON.stringify(hot.errors)}`);
    const eventLoop = await eventLoopP99([...ports, gateway] as number[]);
    console.log(`${world}: event-loop delay p99 (ms): ${JSON.stringify(eventLoop)}`);
    return { screens: results, hot, eventLoop };
  } finally {
    await processes.stopAll();
  }
}

function reconcile(dataDir: string): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reconcile.ts'], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.trim();
}

const smallDir = mkdtempSync(path.join(os.tmpdir(), 'bench-scale-small-'));
try {
  const small = await measureWorld('small', smallDir);
  const large = await measureWorld('large', values['large-dir']);
  const rows = Object.keys(small.screens).map((name) => {
    const [s, l] = [small.screens[name]!, large.screens[name]!];
    return `| ${name} | ${s.off.p50.toFixed(1)} / ${s.off.p99.toFixed(1)} | ${l.off.p50.toFixed(1)} / ${l.off.p99.toFixed(1)} | ×${(l.off.p50 / s.off.p50).toFixed(2)} / ×${(l.off.p99 / s.off.p99).toFixed(2)} | ${s.on.p50.toFixed(1)} | ${l.on.p50.toFixed(1)} |`;
  });
  console.log('\n| screen | small p50 / p99 ms (cache off) | large p50 / p99 ms | large / small | small p50, cache on | large p50, cache on |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(`| hot stream: ${SENDERS} senders, ${STORM_MS / 1000} s | ${small.hot.commitsPerSecond.toFixed(1)} commits/s, p99 ${small.hot.p99.toFixed(0)} ms | ${large.hot.commitsPerSecond.toFixed(1)} commits/s, p99 ${large.hot.p99.toFixed(0)} ms | ×${(large.hot.commitsPerSecond / small.hot.commitsPerSecond).toFixed(2)} commits | errors ${JSON.stringify(small.hot.errors)} | errors ${JSON.stringify(large.hot.errors)} |`);
  console.log(`\nreconcile, small world: ${reconcile(smallDir)}\nreconcile, large world: ${reconcile(values['large-dir'])}`);
  writeFileSync(path.join(root, 'bench', 'scale-results.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), samples: SAMPLES, small, large }, null, 2)}\n`);
} finally {
  rmSync(smallDir, { recursive: true, force: true });
}
