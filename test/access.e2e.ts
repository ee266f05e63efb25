/**
 * Who is calling, through the gateway: anonymous callers, users with tokens, partners with
 * scoped keys; refused credentials; forged and replayed viewer headers sent straight to a
 * subgraph; production mode; and no secret in any log or error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { brands, creatorIds, productBrandId, productIds, userIds } from '@app/fixtures/world';
import { encodeViewer, signViewer, type Viewer } from '@app/kit/viewer';
import { startGraph, TEST_INTERNAL_SECRET, TEST_JWT_SECRET, type RunningGraph } from './harness.ts';

const logLines: string[] = [];
let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph({ logs: { write: (line: string) => void logLines.push(line) } });
});
afterAll(() => graph?.stop());

const productId = productIds[0] as string;
const ownBrandId = productBrandId(0);
const otherBrandId = brands.find((brand) => brand.id !== ownBrandId)?.id as string;
const UPDATE_PRICE = 'mutation ($id: ID!, $price: Int!) { updateProduct(input: { id: $id, priceAmount: $price }) { id price { amount } } }';
const PRICE = 'query ($id: ID!) { product(id: $id) { price { amount } } }';

async function partnerKey(partnerId: string, scopes: string[]) {
  return graph.keys.create({ partnerId, name: 'e2e', scopes });
}

async function priceOf(id: string): Promise<number> {
  return (await graph.query(PRICE, { id })).body.data.product.price.amount;
}

const secretsSeen: string[] = [TEST_INTERNAL_SECRET, TEST_JWT_SECRET];

describe('anonymous callers', () => {
  it('get public data, and UNAUTHENTICATED at a signed-in field with the rest of the response intact', async () => {
    const { status, body } = await graph.query('{ me { handle } feed(first: 2) { edges { node { id } } } }');
    expect(status).toBe(200);
    expect(body.data.feed.edges).toHaveLength(2);
    expect(body.data.me).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ path: ['me'], extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('cannot change anything', async () => {
    const before = await priceOf(productId);
    const { body } = await graph.query(UPDATE_PRICE, { id: productId, price: 1 });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await priceOf(productId)).toBe(before);
  });
});

describe('users with a bearer token', () => {
  it('see themselves as me and can follow a creator', async () => {
    const userId = userIds[45] as string;
    const token = await graph.tokenFor(userId);
    secretsSeen.push(token);
    const auth = { authorization: `Bearer ${token}` };
    const me = await graph.query('{ me { id } }', {}, auth);
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data.me.id).toBe(userId);

    const creatorId = creatorIds[3] as string;
    const countQuery = 'query ($id: ID!) { creator(id: $id) { followerCount } }';
    const before = (await graph.query(countQuery, { id: creatorId })).body.data.creator.followerCount;
    await graph.query('mutation ($id: ID!) { unfollow(userId: $id) { viewerFollows } }', { id: creatorId }, auth);
    const afterUnfollow = (await graph.query(countQuery, { id: creatorId })).body.data.creator.followerCount;
    const follow = await graph.query('mutation ($id: ID!) { follow(userId: $id) { viewerFollows user { followerCount } } }', { id: creatorId }, auth);
    expect(follow.body.errors).toBeUndefined();
    expect(follow.body.data.follow.viewerFollows).toBe(true);
    expect(follow.body.data.follow.user.followerCount).toBe(afterUnfollow + 1);
    expect(before - afterUnfollow).toBeGreaterThanOrEqual(0);
  });

  it('are refused partner fields with FORBIDDEN naming the scope, or saying a partner key is needed', async () => {
    const token = await graph.tokenFor(userIds[46] as string);
    const orders = await graph.query('query ($id: ID!) { brand(id: $id) { orders { edges { cursor } } } }', { id: ownBrandId }, { authorization: `Bearer ${token}` });
    expect(orders.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScopes: [['orders:read'], ['orders:write']] });
    const { body } = await graph.query('{ myBrand { id } }', {}, { authorization: `Bearer ${token}` });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PARTNER_REQUIRED' });
  });

  it('get 401 for an expired, wrongly signed, wrong-audience or malformed token, never a silent anonymous', async () => {
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const base = () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userIds[1] as string).setIssuer(graph.config.jwt.issuer);
    const expired = await base().setAudience(graph.config.jwt.audience).setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_600).sign(key);
    const forged = await base().setAudience(graph.config.jwt.audience).setExpirationTime('1h').sign(new TextEncoder().encode('not-the-secret-not-the-secret-xx'));
    const wrongAudience = await base().setAudience('someone-else').setExpirationTime('1h').sign(key);
    const cases: [Record<string, string>, RegExp][] = [
      [{ authorization: `Bearer ${expired}` }, /expired/],
      [{ authorization: `Bearer ${forged}` }, /signature/],
      [{ authorization: `Bearer ${wrongAudience}` }, /aud/],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, /Bearer/],
    ];
    for (const [headers, message] of cases) {
      const { status, body } = await graph.query('{ feed(first: 1) { edges { cursor } } }', {}, headers);
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0]?.message).toMatch(message);
    }
  });
});

describe('partners with an API key', () => {
  it('with catalog:write change their own brand\'s product', async () => {
    const { secret } = await partnerKey(ownBrandId, ['catalog:write']);
    secretsSeen.push(secret);
    const newPrice = (await priceOf(productId)) + 100;
    const { body } = await graph.query(UPDATE_PRICE, { id: productId, price: newPrice }, { 'x-api-key': secret });
    expect(body.errors).toBeUndefined();
    expect(body.data.updateProduct.price.amount).toBe(newPrice);
    expect(await priceOf(productId)).toBe(newPrice);
  });

  it('without the scope get FORBIDDEN naming catalog:write, and nothing changes', async () => {
    const { secret } = await partnerKey(ownBrandId, ['catalog:read']);
    const before = await priceOf(productId);
    const { status, body } = await graph.query(UPDATE_PRICE, { id: productId, price: before + 1 }, { 'x-api-key': secret });
    expect(status).toBe(200);
    expect(body.data.updateProduct).toBeNull();
    expect(body.errors?.[0]).toMatchObject({ path: ['updateProduct'], extensions: { code: 'FORBIDDEN', requiredScopes: [['catalog:write']] } });
    expect(body.errors?.[0]?.message).toContain('catalog:write');
    expect(await priceOf(productId)).toBe(before);

    const mine = await graph.query('{ myBrand { id } }', {}, { 'x-api-key': secret });
    expect(mine.body.data.myBrand.id).toBe(ownBrandId);
  });

  it('of another brand get FORBIDDEN whatever their scopes, and nothing changes', async () => {
    const { secret } = await partnerKey(otherBrandId, ['catalog:write', 'catalog:read', 'orders:read', 'offers:write', 'analytics:read']);
    const before = await priceOf(productId);
    const { body } = await graph.query(UPDATE_PRICE, { id: productId, price: before + 7 }, { 'x-api-key': secret });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    expect(await priceOf(productId)).toBe(before);
  });

  it('cannot act as a user', async () => {
    const { secret } = await partnerKey(ownBrandId, ['catalog:read']);
    const { body } = await graph.query('{ me { id } }', {}, { 'x-api-key': secret });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('get 401 for a revoked, expired, unknown or malformed key', async () => {
    const revoked = await partnerKey(ownBrandId, ['catalog:read']);
    await graph.keys.revoke(revoked.key.id);
    const expired = await graph.keys.create({ partnerId: ownBrandId, name: 'old', scopes: ['catalog:read'], expiresAt: new Date(Date.now() - 1_000) }, new Date(Date.now() - 60_000));
    const unknown = revoked.secret.replace(/_.{43}$/, `_${'A'.repeat(43)}`);
    secretsSeen.push(revoked.secret, expired.secret);
    const cases: [string, RegExp][] = [
      [revoked.secret, /revoked/],
      [expired.secret, /expired/],
      [unknown, /not recognised/],
      ['let-me-in', /format/],
    ];
    for (const [key, message] of cases) {
      const { status, body } = await graph.query('{ myBrand { id } }', {}, { 'x-api-key': key });
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0]?.message).toMatch(message);
    }
  });
});

describe('subgraphs called directly', () => {
  const ME = JSON.stringify({ query: '{ me { id } }' });
  const viewer: Viewer = { userId: userIds[2] as string, partnerId: null, keyId: null, scopes: [], country: 'US', requestId: 'e2e' };
  const send = (headers: Record<string, string>, body = ME) =>
    fetch(graph.subgraphUrls.users, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(
      async (response) => (await response.json()) as any,
    );

  it('grant nothing to a made-up x-user-id, an unsigned or forged viewer header, or one signed for another subgraph', async () => {
    const forgedSignature = signViewer(viewer, ME, 'a-guessed-secret', 'users');
    const attempts = [
      { 'x-user-id': viewer.userId as string },
      { 'x-viewer': encodeViewer(viewer) },
      forgedSignature,
      { ...signViewer(viewer, '{"query":"{ __typename }"}', TEST_INTERNAL_SECRET, 'users') }, // signed for another body
      signViewer(viewer, ME, TEST_INTERNAL_SECRET, 'gifts'), // signed for another subgraph
    ];
    for (const headers of attempts) {
      const body = await send(headers);
      expect(body.data.me).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('accept a correctly signed viewer once, and treat its replay or a stale one as anonymous', async () => {
    const headers = signViewer(viewer, ME, TEST_INTERNAL_SECRET, 'users');
    const first = await send(headers);
    expect(first.data.me.id).toBe(viewer.userId);
    const replay = await send(headers);
    expect(replay.data.me).toBeNull();
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const stale = await send(signViewer(viewer, ME, TEST_INTERNAL_SECRET, 'users', Date.now() - 120_000));
    expect(stale.data.me).toBeNull();
    expect(logLines.some((line) => line.includes('"reason":"replayed"'))).toBe(true);
    expect(logLines.some((line) => line.includes('"reason":"stale"'))).toBe(true);
  });
});

describe('production mode', () => {
  let production: RunningGraph;
  beforeAll(async () => {
    production = await startGraph({ production: true, logs: { write: (line: string) => void logLines.push(line) } });
  });
  afterAll(() => production?.stop());

  it('refuses introspection without schema:read and allows it with', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    const anonymous = await production.query(introspection);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(anonymous.body.data).toBeUndefined();
    const { secret } = await production.keys.create({ partnerId: ownBrandId, name: 'ci', scopes: ['schema:read'] });
    secretsSeen.push(secret);
    const allowed = await production.query(introspection, {}, { 'x-api-key': secret });
    expect(allowed.body.data.__schema.queryType.name).toBe('Query');
    const typename = await production.query('{ __typename }');
    expect(typename.body.data.__typename).toBe('Query');
  });

  it('serves no explorer (neither GraphiQL nor Sandbox) and no example page, suggests no field names and keeps CSRF prevention on', async () => {
    for (const path of ['', 'graphql', 'examples/live']) {
      const landing = await fetch(production.url + path, { headers: { accept: 'text/html' } });
      expect(landing.headers.get('content-type')).not.toContain('text/html');
      expect(await landing.text()).not.toMatch(/sandbox|graphiql|live room/i);
    }
    expect((await fetch(`${production.url}assets/`, { headers: { accept: 'text/html' } })).headers.get('content-type')).not.toContain('text/html');
    const typo = await production.query('{ fed(first: 1) { edges { cursor } } }');
    expect(typo.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const simple = await fetch(`${production.url}graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(simple.status).toBe(400);
  });
});

describe('secrets', () => {
  it('never appear in any service log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join('\n');
    for (const secret of secretsSeen) expect(logs.includes(secret), `a secret (${secret.slice(0, 6)}…) is in the logs`).toBe(false);
    expect(logs).toMatch(/refused credentials/);
  });
});
