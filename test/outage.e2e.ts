/**
 * A Postgres outage under a running graph: the gateway's store and the users store on a server of
 * their own, stopped with `pg_ctl` for a few seconds while the graph runs, then started again.
 * Reads that need neither keep answering (rate limits fall back to the replica's memory, the
 * entity cache misses); what needs them gets SERVICE_UNAVAILABLE; both `/ready`s say 503; once
 * the server is back everything answers again, with nothing lost and no restart. Runs under
 * `npm run test:postgres` (the other stores stay on the suite's server, which keeps running).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, productBrandId, userIds } from '@app/fixtures/world';
import { openPgGatewayStore } from '@app/gateway/src/db/open.ts';
import { startThrowawayCluster, type ThrowawayCluster } from '@app/kit/pg-cluster';
import { seedUsersStore } from '@app/subgraph-users/src/db/seed.ts';
import { openUsersPgStore } from '@app/subgraph-users/src/db/store.ts';
import { testPostgresUrl } from './postgres.ts';
import { startStack, type RunningStack } from './stack.ts';
import { eventually } from './eventually.ts';

const BRAND = 'query ($id: ID!) { brand(id: $id) { id name } }';
const CREATOR = 'query ($id: ID!) { creator(id: $id) { id handle followerCount } }';
const FOLLOW = 'mutation ($id: ID!) { follow(userId: $id) { viewerFollows } }';

let cluster: ThrowawayCluster | null = null;
let stack: RunningStack | null = null;
let partnerKey = '';
let halted = false;

type Answer = { status: number; body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };

async function ask(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const running = stack as RunningStack;
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function readyStatus(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(5_000) });
  return response.status;
}

const codes = (answer: Answer) => (answer.body.errors ?? []).map((error) => error.extensions?.code);

describe.skipIf(!testPostgresUrl)('a Postgres outage under the gateway and the users subgraph', () => {
  beforeAll(async () => {
    cluster = await startThrowawayCluster({ maxConnections: 100 });
    const gatewayUrl = await cluster.createDatabase('outage_gateway');
    const usersUrl = await cluster.createDatabase('outage_users');
    // Migrated (and the users store seeded) before the graph starts, as a deployment would be.
    const gatewayStore = await openPgGatewayStore(gatewayUrl);
    partnerKey = (await gatewayStore.keys.create({ partnerId: productBrandId(0), name: 'outage', scopes: ['catalog:read'] })).secret;
    await gatewayStore.keys.close();
    const usersStore = await openUsersPgStore(usersUrl);
    await seedUsersStore(usersStore);
    await usersStore.close();
    // Without Redis (REDIS_URL emptied): the gateway's shared state is in this Postgres too, as the
    // test is about (a Redis outage is `redis-outage.e2e.ts`'s).
    stack = await startStack({ env: { GATEWAY_DATABASE_URL: gatewayUrl, USERS_DATABASE_URL: usersUrl, LOG_LEVEL: 'info', REDIS_URL: '' } });
  }, 120_000);

  afterAll(async () => {
    if (halted) cluster?.resume();
    await stack?.stop();
    cluster?.stop();
  }, 60_000);

  it('keeps public reads answering, refuses what needs the database as SERVICE_UNAVAILABLE, says 503 on /ready, and recovers without a restart', async () => {
    const running = stack as RunningStack;
    const follower = { authorization: `Bearer ${await running.tokenFor(userIds[48] as string)}` };
    const creator = creatorIds[8] as string;
    const brand = { id: productBrandId(0) };

    // Before: everything answers; a write lands in the users store.
    expect(await readyStatus(running.ports.gateway)).toBe(200);
    expect(await readyStatus(running.ports.users)).toBe(200);
    expect((await ask(FOLLOW, { id: creator }, follower)).body.errors).toBeUndefined();
    const before = await ask(CREATOR, { id: creator });
    expect(before.body.errors).toBeUndefined();
    const followers = before.body.data.creator.followerCount as number;
    expect((await ask(BRAND, brand, { 'x-api-key': partnerKey })).status).toBe(200);

    (cluster as ThrowawayCluster).halt();
    halted = true;
    const haltedAt = Date.now();

    // A public read served by a subgraph whose store is up: rate limited locally, not cached, answered.
    for (let i = 0; i < 5; i++) {
      const answer = await ask(BRAND, brand);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.brand.id).toBe(brand.id);
    }
    // A signed-in user's read needs no store at the gateway either.
    const signedIn = await ask(BRAND, brand, follower);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.errors).toBeUndefined();

    // What needs the stopped server: the users store, and the gateway's key store.
    const fromUsers = await ask(CREATOR, { id: creator });
    expect(codes(fromUsers)).toContain('SERVICE_UNAVAILABLE');
    expect(codes(fromUsers)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(fromUsers.body)).not.toMatch(/select|postgres:|127\.0\.0\.1|ECONNREFUSED/i);
    const direct = await fetch(`http://127.0.0.1:${running.ports.users}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CREATOR, variables: { id: creator } }),
    });
    const directBody = (await direct.json()) as Answer['body'];
    expect(directBody.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(directBody)).not.toMatch(/select|postgres:|ECONNREFUSED/i);
    const partner = await ask(BRAND, brand, { 'x-api-key': partnerKey });
    expect(partner.status).toBe(503);
    expect(codes(partner)).toEqual(['SERVICE_UNAVAILABLE']);

    await eventually(async () => (await readyStatus(running.ports.gateway)) === 503, "the gateway's /ready at 503", 5_000);
    await eventually(async () => (await readyStatus(running.ports.users)) === 503, "the users subgraph's /ready at 503", 5_000);
    // A subgraph whose store is up stays ready.
    expect(await readyStatus(running.ports.commerce)).toBe(200);
    // An outage of a few seconds.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 5_000 - (Date.now() - haltedAt))));

    (cluster as ThrowawayCluster).resume();
    halted = false;
    await eventually(async () => (await readyStatus(running.ports.users)) === 200, "the users subgraph's /ready at 200 again", 10_000);
    await eventually(async () => (await readyStatus(running.ports.gateway)) === 200, "the gateway's /ready at 200 again", 10_000);

    // After: the same processes answer everything again, and the write made before is still there.
    const after = await ask(CREATOR, { id: creator });
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.creator.followerCount).toBe(followers);
    const partnerAfter = await ask(BRAND, brand, { 'x-api-key': partnerKey });
    expect(partnerAfter.status).toBe(200);
    expect(partnerAfter.body.errors).toBeUndefined();
    expect((await ask(BRAND, brand)).body.errors).toBeUndefined();
    expect((await ask('mutation ($id: ID!) { unfollow(userId: $id) { viewerFollows } }', { id: creator }, follower)).body.errors).toBeUndefined();

    // Said once for the outage, not once per request.
    const log = running.output();
    expect(log.match(/the gateway's store does not answer/g)).toHaveLength(1);
    expect(log).toMatch(/the gateway's store answers again/);
  }, 60_000);
});
