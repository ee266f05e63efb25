/**
 * The gateway's entity cache, end to end: repeated reads are answered from it, a write through
 * the gateway is visible in the very next read of every page that shows what it changed, a
 * viewer's own data never reaches another viewer, and entries expire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, liveStreamCreatorId, liveStreamIds, userIds, videoIds } from '@app/fixtures/world';
import { DEFAULT_ENTITY_CACHE } from '@app/gateway/src/config.ts';
import { startGraph, type QueryResult, type RunningGraph } from './harness.ts';
import { testPostgresUrl } from './postgres.ts';

/**
 * A query whose fetched answers are stored before it returns: a miss's store is not awaited by
 * the gateway (on Postgres it is an INSERT), and these tests read again at once.
 */
async function read(graph: RunningGraph, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<QueryResult<any>> {
  const answer = await graph.query(query, variables, headers);
  await graph.gateway.entityCache?.settled();
  return answer;
}

/** Lookups the cache answered (`hit`) or did not, over the whole graph's life. */
async function lookups(graph: RunningGraph, outcome: 'hit' | 'miss'): Promise<number> {
  const metric = await graph.gateway.metrics.entityCacheLookups.get();
  return metric.values.filter((value) => value.labels.outcome === outcome).reduce((sum, value) => sum + value.value, 0);
}

/** Runs a read and says how many cache hits it made. */
async function hitsOf<T>(graph: RunningGraph, read: () => Promise<T>): Promise<{ result: T; hits: number }> {
  const before = await lookups(graph, 'hit');
  const result = await read();
  return { result, hits: (await lookups(graph, 'hit')) - before };
}

const PRODUCT = 'query ($id: ID!) { product(id: $id) { id title price { amount } brand { id name } } }';
const VIDEO = 'query ($id: ID!) { video(id: $id) { id caption creator { id handle } products { id title price { amount } } } }';
const USER_FOLLOWERS = 'query ($id: ID!) { user(id: $id) { id followerCount } }';
const CREATOR_FOLLOWERS = 'query ($id: ID!) { creator(id: $id) { id handle followerCount } }';
const ME = '{ me { id handle followingCount } }';
const CREATOR_DIAMONDS = 'query ($id: ID!) { creator(id: $id) { id giftEarnings { diamonds } } }';
const STREAM_CREATOR = 'query ($id: ID!) { liveStream(id: $id) { id title creator { id giftEarnings { diamonds } } } }';

describe('the entity cache through the gateway', () => {
  let graph: RunningGraph;
  const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
  beforeAll(async () => {
    // The entity cache's own lookups are counted here: the response cache in front of it (its own e2e) would answer repeats first.
    graph = await startGraph({ gateway: { responseCache: false } });
  });
  afterAll(() => graph?.stop());

  it('answers a repeated read from the cache, and shows a price change in the next read of the product and of a video that tags it', async () => {
    let videoId = '';
    let productId = '';
    for (const id of videoIds) {
      const products = (await read(graph, 'query ($id: ID!) { video(id: $id) { products { id } } }', { id })).body.data.video.products;
      if (products.length > 0) {
        videoId = id;
        productId = products[0].id;
        break;
      }
    }
    const first = await read(graph, PRODUCT, { id: productId });
    expect(first.body.errors).toBeUndefined();
    await read(graph, VIDEO, { id: videoId });
    const again = await hitsOf(graph, () => read(graph, PRODUCT, { id: productId }));
    expect(again.result.body).toEqual(first.body);
    expect(again.hits).toBeGreaterThan(0);
    expect((await hitsOf(graph, () => read(graph, VIDEO, { id: videoId }))).hits).toBeGreaterThan(0);

    const brandId = first.body.data.product.brand.id;
    const partner = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'e2e cache', scopes: ['catalog:write'] })).secret };
    const amount = first.body.data.product.price.amount + 100;
    const written = await read(graph, 'mutation ($id: ID!, $amount: Int!) { updateProduct(input: { id: $id, priceAmount: $amount }) { id price { amount } } }', { id: productId, amount }, partner);
    expect(written.body.errors).toBeUndefined();
    expect(written.body.data.updateProduct.price.amount).toBe(amount);

    expect((await read(graph, PRODUCT, { id: productId })).body.data.product.price.amount).toBe(amount);
    const tagged = (await read(graph, VIDEO, { id: videoId })).body.data.video.products.find((product: { id: string }) => product.id === productId);
    expect(tagged.price.amount).toBe(amount);
    // The rest of the video (content's own answer) was not needlessly dropped.
    expect((await hitsOf(graph, () => read(graph, VIDEO, { id: videoId }))).hits).toBeGreaterThan(0);
  });

  it('shows a follow in the next read of the followed user, the followed creator and the follower', async () => {
    const follower = userIds[41] as string;
    const user = userIds[40] as string;
    const creator = creatorIds[5] as string;
    // Not following them to begin with (the seed may have them followed): follow then adds one.
    for (const id of [user, creator]) await read(graph, 'mutation ($id: ID!) { unfollow(userId: $id) { viewerFollows } }', { id }, await as(follower));
    const before = {
      user: (await read(graph, USER_FOLLOWERS, { id: user })).body.data.user.followerCount,
      creator: (await read(graph, CREATOR_FOLLOWERS, { id: creator })).body.data.creator.followerCount,
      following: (await read(graph, ME, {}, await as(follower))).body.data.me.followingCount,
    };
    // Cached now, the follower's own `me` too (kept for them alone).
    expect((await hitsOf(graph, () => read(graph, USER_FOLLOWERS, { id: user }))).hits).toBe(1);
    expect((await hitsOf(graph, async () => read(graph, ME, {}, await as(follower)))).hits).toBe(1);

    for (const id of [user, creator]) {
      const followed = await read(graph, 'mutation ($id: ID!) { follow(userId: $id) { viewerFollows } }', { id }, await as(follower));
      expect(followed.body.errors).toBeUndefined();
    }
    expect((await read(graph, USER_FOLLOWERS, { id: user })).body.data.user.followerCount).toBe(before.user + 1);
    expect((await read(graph, CREATOR_FOLLOWERS, { id: creator })).body.data.creator.followerCount).toBe(before.creator + 1);
    expect((await read(graph, ME, {}, await as(follower))).body.data.me.followingCount).toBe(before.following + 2);
  });

  it("shows a LIVE gift in the next read of the creator's gift earnings, directly and through the stream", async () => {
    const sender = userIds[42] as string;
    const stream = liveStreamIds[2] as string;
    const creator = liveStreamCreatorId(2);
    // Gift earnings are the creator's own: read as the creator.
    const diamonds = async () => (await read(graph, CREATOR_DIAMONDS, { id: creator }, await as(creator))).body.data.creator.giftEarnings.diamonds as number;
    const throughStream = async () => (await read(graph, STREAM_CREATOR, { id: stream }, await as(creator))).body.data.liveStream.creator.giftEarnings.diamonds as number;
    const before = await diamonds();
    expect(await throughStream()).toBe(before);
    expect((await hitsOf(graph, diamonds)).hits).toBeGreaterThan(0);

    const bought = await read(graph, 'mutation { purchaseCoins(input: { packageId: "cpk_700", idempotencyKey: "e2e-cache-coins" }) { wallet { coins } } }', {}, await as(sender));
    expect(bought.body.errors).toBeUndefined();
    const { liveGifts } = (await read(graph, '{ liveGifts { id coinPrice } }')).body.data;
    const cheapest = [...liveGifts].sort((a: { coinPrice: number }, b: { coinPrice: number }) => a.coinPrice - b.coinPrice)[0];
    const sent = await read(graph, 
      'mutation ($stream: ID!, $gift: ID!) { sendLiveGift(input: { liveStreamId: $stream, giftId: $gift, quantity: 4, idempotencyKey: "e2e-cache-gift" }) { send { diamonds } } }',
      { stream, gift: cheapest.id },
      await as(sender),
    );
    expect(sent.body.errors).toBeUndefined();
    const gained = sent.body.data.sendLiveGift.send.diamonds as number;
    expect(gained).toBeGreaterThan(0);
    expect(await diamonds()).toBe(before + gained);
    expect(await throughStream()).toBe(before + gained);
  });

  it("never serves one viewer's private answer to another viewer or to an anonymous caller", async () => {
    const alice = userIds[43] as string;
    const bob = userIds[44] as string;
    const mine = await read(graph, ME, {}, await as(alice));
    expect(mine.body.data.me.id).toBe(alice);
    expect((await hitsOf(graph, async () => read(graph, ME, {}, await as(alice)))).hits).toBe(1);
    expect((await read(graph, ME, {}, await as(bob))).body.data.me.id).toBe(bob);
    const anonymous = await read(graph, ME);
    expect(anonymous.body.data.me).toBeNull();
    expect(anonymous.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    // A creator's earnings are their own: read twice by the creator, then refused to someone else.
    const creator = creatorIds[6] as string;
    const EARNINGS = 'query ($id: ID!) { creator(id: $id) { id handle earnings { total { amount } } } }';
    for (let i = 0; i < 2; i++) expect((await read(graph, EARNINGS, { id: creator }, await as(creator))).body.data.creator.earnings).not.toBeNull();
    const other = await read(graph, EARNINGS, { id: creator }, await as(bob));
    expect(other.body.data.creator.earnings).toBeNull();
    expect(other.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('keeps an answer that names no entity (the coin packages) like any other, on every store', async () => {
    await read(graph, '{ coinPackages { id coins price { amount } } }');
    const again = await hitsOf(graph, () => read(graph, '{ coinPackages { id coins price { amount } } }'));
    expect(again.result.body.errors).toBeUndefined();
    // On Postgres such an answer was never stored: its entry had no tags, and the column is NOT NULL.
    expect(again.hits).toBeGreaterThan(0);
  });

  it('completes nothing from what a subgraph marks uncacheable: stock is read every time', async () => {
    const stock = 'query ($id: ID!) { product(id: $id) { id inventory } }';
    const productId = (await read(graph, '{ products(first: 1) { edges { node { id } } } }')).body.data.products.edges[0].node.id;
    await read(graph, stock, { id: productId });
    expect((await hitsOf(graph, () => read(graph, stock, { id: productId }))).hits).toBe(0);
  });
});

describe('entries in the entity cache', () => {
  const MAX_AGE_SECONDS = 3;
  let graph: RunningGraph;
  beforeAll(async () => {
    graph = await startGraph({ gateway: { responseCache: false, entityCache: { ...DEFAULT_ENTITY_CACHE, store: testPostgresUrl ? 'postgres' : 'memory', maxAgeCapSeconds: MAX_AGE_SECONDS } } });
  });
  afterAll(() => graph?.stop());

  it('expire: a change the gateway never saw (made in the store itself) shows once the entry is older than its max age', async () => {
    const productId = (await read(graph, '{ products(first: 1) { edges { node { id } } } }')).body.data.products.edges[0].node.id;
    const TITLE = 'query ($id: ID!) { product(id: $id) { id title } }';
    const filledAt = Date.now();
    const title = (await read(graph, TITLE, { id: productId })).body.data.product.title;
    await graph.stores.commerce.transaction((tx) => tx.updateProduct(productId, { title: `${title} (renamed)` }));
    // Within its max age the entry still answers: the gateway was not told of this change.
    expect((await read(graph, TITLE, { id: productId })).body.data.product.title).toBe(title);
    await new Promise((resolve) => setTimeout(resolve, filledAt + MAX_AGE_SECONDS * 1000 + 300 - Date.now()));
    expect((await read(graph, TITLE, { id: productId })).body.data.product.title).toBe(`${title} (renamed)`);
  });
});
