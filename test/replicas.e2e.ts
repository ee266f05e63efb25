/**
 * Replicas on one Postgres: two gateway processes and two gifts processes share one gifts
 * database and one gateway database, as they would behind a load balancer. What replicas must
 * share lives in that server: the rows the invariants are about, the used signature nonces, the
 * rate-limit buckets and the entity cache. Then all of it again with a Redis beside it
 * (`REDIS_URL`), where the nonces, buckets and cache live instead (and not in Postgres). Runs under `npm run test:postgres` (there is no shared server to put
 * replicas on in the SQLite default, whose buckets are per process by design; its nonces are kept in
 * the file, so a restart refuses a replay there too: `replay-restart.e2e.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '@app/fixtures/ids';
import { creatorIds, productBrandId, userIds } from '@app/fixtures/world';
import { signUserToken } from '@app/gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@app/gateway/src/config.ts';
import { openPgGatewayStore } from '@app/gateway/src/db/open.ts';
import { openRedis, type Redis } from '@app/kit/redis';
import { hasRedisServer, startThrowawayRedis, type ThrowawayRedis } from '@app/kit/redis-server';
import { anonymousViewer, signViewer } from '@app/kit/viewer';
import { US_USER_IDS } from './people.ts';
import { dropDatabases, freshDatabases, PG_SUBGRAPHS, testPostgresUrl } from './postgres.ts';
import { pgRows, type RowReader } from './rows.ts';
import { freePorts, STACK_INTERNAL_SECRET, STACK_JWT_SECRET } from './stack.ts';

const root = path.resolve(import.meta.dirname, '..');
type Process = 'users' | 'content' | 'commerce' | 'giftsA' | 'giftsB' | 'gatewayA' | 'gatewayB';
const entryOf = (name: Process) => {
  const service = name.replace(/[AB]$/, '');
  return path.join(root, service === 'gateway' ? 'gateway' : path.join('subgraphs', service), 'dist', 'index.js');
};

/** A standard partner key's bucket: 20 points, refilling so slowly that no point comes back during the test. */
const PARTNER_TIER = { max: 20, restoreRate: 0.001 };

const children = new Map<Process, ChildProcess>();
const ports = {} as Record<Process, number>;
const envs = {} as Record<Process, NodeJS.ProcessEnv>;
let urls: Record<string, string> | null = null;
let giftsRows: RowReader;
let gatewayRows: RowReader;
let output = '';
let redis: ThrowawayRedis | null = null;
let redisClient: Redis | null = null;

async function start(name: Process): Promise<void> {
  const child = spawn(process.execPath, ['--enable-source-maps', entryOf(name)], { cwd: root, env: envs[name], stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(name, child);
  child.stdout!.on('data', (chunk) => (output += `${name}: ${chunk}`));
  child.stderr!.on('data', (chunk) => (output += `${name}: ${chunk}`));
  // A loaded machine (CI, other suites) can take tens of seconds to migrate and open a store.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start:\n${output}`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${ports[name]}/${name.startsWith('gateway') ? 'health' : 'ready'}`, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(name: Process, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const child = children.get(name);
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function ask(gateway: 'gatewayA' | 'gatewayB', query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(`http://127.0.0.1:${ports[gateway]}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
}

const bearer = async (userId: string) => ({
  authorization: `Bearer ${await signUserToken({ secret: STACK_JWT_SECRET, jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE }, { id: userId, country: 'US' }, { expiresIn: '1h' })}`,
});

/** The replicas' shared state: in Postgres alone, or in Redis beside it. */
const SHARED = [{ on: 'postgres' }, ...(hasRedisServer ? [{ on: 'redis' }] : [])] as const;

describe.skipIf(!testPostgresUrl).each(SHARED)('two gateway and two gifts replicas on one Postgres, shared state on $on', ({ on }) => {
  /** Keys the gateways and subgraphs wrote in Redis matching `pattern` (0 without Redis). */
  const inRedis = async (pattern: string) => (redisClient ? (await redisClient.keys(pattern)).length : 0);

  beforeAll(async () => {
    urls = await freshDatabases(testPostgresUrl as string, [...PG_SUBGRAPHS, 'gateway']);
    giftsRows = pgRows(urls.gifts as string);
    gatewayRows = pgRows(urls.gateway as string);
    if (on === 'redis') {
      redis = await startThrowawayRedis();
      redisClient = await openRedis(redis.url);
    }
    const [users, content, commerce, giftsA, giftsB, gatewayA, gatewayB] = (await freePorts(7)) as number[];
    Object.assign(ports, { users, content, commerce, giftsA, giftsB, gatewayA, gatewayB });
    const base: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      INTERNAL_SECRET: STACK_INTERNAL_SECRET,
      JWT_SECRET: STACK_JWT_SECRET,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_TIERS: JSON.stringify({ partner: { standard: PARTNER_TIER } }),
      // What is under test is who wins a race, not how fast: a loaded machine's serializable
      // retries must not turn into the gateway's 5 s "did not answer in time".
      SUBGRAPH_TIMEOUT_MS: '20000',
      USERS_URL: `http://127.0.0.1:${users}/graphql`,
      CONTENT_URL: `http://127.0.0.1:${content}/graphql`,
      COMMERCE_URL: `http://127.0.0.1:${commerce}/graphql`,
      ...Object.fromEntries(Object.entries(urls).map(([name, url]) => [`${name.toUpperCase()}_DATABASE_URL`, url])),
    };
    delete base.PORT;
    // `npm run test:postgres` sets REDIS_URL for the suite: this test chooses for itself.
    delete base.REDIS_URL;
    if (redis) base.REDIS_URL = redis.url;
    envs.users = { ...base, USERS_PORT: String(users) };
    envs.content = { ...base, CONTENT_PORT: String(content) };
    envs.commerce = { ...base, COMMERCE_PORT: String(commerce), GIFTS_URL: `http://127.0.0.1:${giftsA}/graphql` };
    // One gateway in front of each gifts replica: a request through A lands on gifts A, through B on gifts B.
    envs.giftsA = { ...base, GIFTS_PORT: String(giftsA), GIFTS_URL: `http://127.0.0.1:${giftsA}/graphql` };
    envs.giftsB = { ...base, GIFTS_PORT: String(giftsB), GIFTS_URL: `http://127.0.0.1:${giftsB}/graphql` };
    envs.gatewayA = { ...base, GATEWAY_PORT: String(gatewayA), GIFTS_URL: `http://127.0.0.1:${giftsA}/graphql` };
    envs.gatewayB = { ...base, GATEWAY_PORT: String(gatewayB), GIFTS_URL: `http://127.0.0.1:${giftsB}/graphql` };
    await Promise.all((['users', 'content', 'commerce', 'giftsA', 'giftsB'] as const).map(start));
    await Promise.all((['gatewayA', 'gatewayB'] as const).map(start));
  }, 180_000);

  afterAll(async () => {
    await Promise.all((['gatewayA', 'gatewayB'] as const).map((name) => stop(name)));
    await Promise.all((['users', 'content', 'commerce', 'giftsA', 'giftsB'] as const).map((name) => stop(name)));
    await giftsRows?.close();
    await gatewayRows?.close();
    if (urls) await dropDatabases(testPostgresUrl as string, Object.values(urls));
    redisClient?.disconnect();
    redis?.stop();
    redisClient = null;
    redis = null;
  }, 60_000);

  it('eight racing Small Gesture sends from one user, split across both replicas, give exactly three', async () => {
    const senderId = userIds[45] as string;
    const sender = await bearer(senderId);
    const SEND = 'mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { gift { id } } }';
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ask(i % 2 === 0 ? 'gatewayA' : 'gatewayB', SEND, { input: { offerId: seedId('gof', 0), recipientId: US_USER_IDS[i], message: `replica race ${i}`, idempotencyKey: `replica-race-${i}` } }, sender),
      ),
    );
    const codes = results.map((result) => result.body.errors?.[0]?.extensions?.code ?? 'OK');
    const said = JSON.stringify(results.flatMap((result) => result.body.errors ?? []));
    expect(codes.filter((code) => code === 'OK'), said).toHaveLength(3);
    expect(codes.filter((code) => code !== 'OK'), said).toEqual(Array(5).fill('SMALL_GESTURE_LIMIT_REACHED'));
    expect(await giftsRows.scalar('select count(*) from small_gesture_sends where sender_id = ?', senderId)).toBe(3);
  });

  it('treats a captured signed request replayed to the other replica, or after a restart, as anonymous', async () => {
    const body = JSON.stringify({ query: '{ smallGestureOffers { unavailableReason } }' });
    const viewer = { ...anonymousViewer(), userId: userIds[46] as string, country: 'US' };
    const send = async (replica: 'giftsA' | 'giftsB', headers: Record<string, string>) => {
      const response = await fetch(`http://127.0.0.1:${ports[replica]}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      return (await response.json()) as { data?: { smallGestureOffers: unknown }; errors?: { extensions?: { code?: string } }[] };
    };
    const signedIn = (answer: Awaited<ReturnType<typeof send>>) => answer.data?.smallGestureOffers != null;

    // The gateway's signature for gifts, captured on its way to replica A, then replayed to B.
    const captured = signViewer(viewer, body, STACK_INTERNAL_SECRET, 'gifts');
    expect(signedIn(await send('giftsA', captured))).toBe(true);
    const toB = await send('giftsB', captured);
    expect(signedIn(toB)).toBe(false);
    expect(toB.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Another, accepted by B; B restarts (a new process, nothing in memory) and it is replayed there.
    const second = signViewer(viewer, body, STACK_INTERNAL_SECRET, 'gifts');
    expect(signedIn(await send('giftsB', second))).toBe(true);
    await stop('giftsB', 'SIGKILL');
    await start('giftsB');
    expect(signedIn(await send('giftsB', second))).toBe(false);

    // A signature made for another subgraph is no good here, fresh or not.
    expect(signedIn(await send('giftsA', signViewer(viewer, body, STACK_INTERNAL_SECRET, 'users')))).toBe(false);
    // And a fresh one for gifts still works after all that.
    expect(signedIn(await send('giftsB', signViewer(viewer, body, STACK_INTERNAL_SECRET, 'gifts')))).toBe(true);
    // Where they were kept: Redis when there is one, else the gifts database.
    const table = Number(await giftsRows.scalar('select count(*) from used_nonces'));
    if (on === 'redis') {
      expect(table).toBe(0);
      expect(await inRedis('nonce:*')).toBeGreaterThanOrEqual(3);
    } else {
      expect(table).toBeGreaterThanOrEqual(3);
    }
  }, 60_000);

  it("shows a write made through one gateway in the next read through the other, whose cached answer it dropped", async () => {
    const follower = await bearer(userIds[47] as string);
    const creator = creatorIds[7] as string;
    const FOLLOWERS = 'query ($id: ID!) { creator(id: $id) { id followerCount } }';
    await ask('gatewayB', 'mutation ($id: ID!) { unfollow(userId: $id) { viewerFollows } }', { id: creator }, follower);
    const before = (await ask('gatewayA', FOLLOWERS, { id: creator }, {})).body.data.creator.followerCount as number;
    // Kept in the shared cache now: B reads what A fetched.
    expect((await ask('gatewayB', FOLLOWERS, { id: creator }, {})).body.data.creator.followerCount).toBe(before);
    const rows = Number(await gatewayRows.scalar('select count(*) from entity_cache_entries'));
    if (on === 'redis') {
      expect(rows).toBe(0);
      expect(await inRedis('gw:*:e:*')).toBeGreaterThan(0);
      // B's near copy read under its lease on the invalidation feed, and says so on /metrics.
      const metrics = await (await fetch(`http://127.0.0.1:${ports.gatewayB}/metrics`)).text();
      expect(metrics).toMatch(/^entity_cache_near_lease_renewals_total [1-9]/m);
      expect(metrics).toMatch(/^entity_cache_near_lookups_total\{outcome="miss"\} [1-9]/m);
    } else {
      expect(rows).toBeGreaterThan(0);
    }
    const followed = await ask('gatewayB', 'mutation ($id: ID!) { follow(userId: $id) { viewerFollows } }', { id: creator }, follower);
    expect(followed.body.errors).toBeUndefined();
    expect((await ask('gatewayA', FOLLOWERS, { id: creator }, {})).body.data.creator.followerCount).toBe(before + 1);
    if (on === 'redis') {
      // A heard B's write from the feed before B answered it, and B waited out no lease.
      const heard = await (await fetch(`http://127.0.0.1:${ports.gatewayA}/metrics`)).text();
      expect(heard).toMatch(/^entity_cache_near_pushed_total [1-9]/m);
      const wrote = await (await fetch(`http://127.0.0.1:${ports.gatewayB}/metrics`)).text();
      expect(wrote).toMatch(/^entity_cache_near_unheard_total 0$/m);
    }
  });

  it('throttles a caller who spreads requests over both gateways as if there were one', async () => {
    // A partner key, made once in the gateways' shared database.
    const gatewayStore = await openPgGatewayStore((urls as Record<string, string>).gateway as string);
    const { secret } = await gatewayStore.keys.create({ partnerId: productBrandId(0), name: 'replicas', scopes: ['catalog:read'] });
    await gatewayStore.keys.close();
    const caller = { 'x-api-key': secret };
    const ME = 'query ($id: ID!) { brand(id: $id) { id name } }';
    const vars = { id: productBrandId(0) };
    const first = await ask('gatewayA', ME, vars, caller);
    expect(first.status).toBe(200);
    const cost = (first.body as { extensions?: { cost?: { requested: number } } }).extensions?.cost?.requested as number;
    expect(cost).toBeGreaterThan(0);
    // One bucket of PARTNER_TIER.max points holds this many such requests; two buckets would hold twice as many.
    const fits = Math.floor(PARTNER_TIER.max / cost);
    const answers: { gateway: string; status: number }[] = [{ gateway: 'gatewayA', status: first.status }];
    for (let i = 1; i < fits * 2; i++) {
      const gateway = i % 2 === 0 ? 'gatewayA' : 'gatewayB';
      const answer = await ask(gateway, ME, vars, caller);
      answers.push({ gateway, status: answer.status });
      if (answer.status === 429) expect(answer.body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
    }
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(fits);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(fits);
    // Refused on both replicas: neither kept a bucket of its own.
    expect(new Set(answers.filter((answer) => answer.status === 429).map((answer) => answer.gateway))).toEqual(new Set(['gatewayA', 'gatewayB']));
    const buckets = Number(await gatewayRows.scalar('select count(*) from rate_limit_buckets'));
    if (on === 'redis') {
      expect(buckets).toBe(0);
      expect(await inRedis('gw:*:rl:*')).toBeGreaterThan(0);
    } else {
      expect(buckets).toBeGreaterThan(0);
    }
  });
});
