import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, creatorIds, creatorTopic, liveStreamCreatorId, liveStreamIds } from '@app/fixtures/world';
import { giftsSeed } from '@app/subgraph-gifts/src/db/seed.ts';
import { SEEDED } from '@app/web/explorer/examples';
import { startGraph, type RunningGraph } from './harness.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const CREATOR_PROFILE = /* GraphQL */ `
  query CreatorProfile($handle: String!) {
    creator(handle: $handle) {
      id
      handle
      displayName
      followerCount
      followers(first: 3) { edges { node { handle } } }
      videos(first: 20) {
        edges { node { id caption creator { handle } products { title price { amount currencyCode formatted } brand { name } } } }
        pageInfo { hasNextPage endCursor }
      }
      liveStreams(first: 5) {
        edges { node { id title status pinnedProducts { title price { formatted } } giftTotals { coins diamonds giftCount } } }
      }
      topGifters(first: 3) { rank coins user { handle } }
      catalogs(first: 5) { edges { node { name brand { name } } } }
      showcase(first: 5) { edges { node { title brand { name platform } } } }
    }
  }
`;

describe('the supergraph through the gateway', () => {
  it('joins all four subgraphs for one creator profile', async () => {
    const first = await graph.query('query ($id: ID!) { creator(id: $id) { handle } }', { id: creatorIds[0] });
    const handle = first.body.data.creator.handle;

    const { status, body } = await graph.query(CREATOR_PROFILE, { handle });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const creator = body.data.creator;

    // users
    expect(creator.id).toBe(creatorIds[0]);
    expect(creator.followerCount).toBeGreaterThan(0);
    expect(creator.followers.edges).toHaveLength(3);
    // content, with users resolving the creator back
    expect(creator.videos.edges).toHaveLength(15);
    expect(creator.videos.edges.every((edge: any) => edge.node.creator.handle === handle)).toBe(true);
    // commerce through content's videos
    const tagged = creator.videos.edges.flatMap((edge: any) => edge.node.products);
    expect(tagged.length).toBeGreaterThan(0);
    for (const product of tagged) {
      expect(product.price.currencyCode).toBe('USD');
      expect(product.price.formatted).toMatch(/^\$[\d,]+\.\d{2}$/);
      expect(product.brand.name).toEqual(expect.any(String));
    }
    // content + commerce + gifts on live streams
    const live = creator.liveStreams.edges.map((edge: any) => edge.node).find((stream: any) => stream.status === 'LIVE');
    expect(live).toBeDefined();
    expect(live.pinnedProducts.length).toBeGreaterThan(0);
    // gifts: what the seed's history gifted on the stream and to the creator
    const seeded = giftsSeed().history.liveGiftSends;
    const onStream = seeded.filter((send) => send.liveStreamId === live.id);
    const toCreator = seeded.filter((send) => send.creatorId === creatorIds[0]);
    const sum = (sends: typeof seeded, field: 'coins' | 'diamonds' | 'quantity') => sends.reduce((total, send) => total + send[field], 0);
    expect(onStream.length).toBeGreaterThan(0);
    expect(live.giftTotals).toEqual({ coins: sum(onStream, 'coins'), diamonds: sum(onStream, 'diamonds'), giftCount: sum(onStream, 'quantity') });
    expect(toCreator.length).toBeGreaterThan(0);
    expect(creator.topGifters.length).toBeGreaterThan(0);
    // commerce on the creator
    expect(creator.showcase.edges.length).toBeGreaterThan(0);
    expect(Array.isArray(creator.catalogs.edges)).toBe(true);
  });

  it("keeps a creator's gift earnings the creator's own: anonymous and another user get null and an error, the creator the seed's total", async () => {
    const EARNINGS = 'query ($id: ID!) { creator(id: $id) { handle giftEarnings { diamonds value { amount currencyCode formatted } } } }';
    const creatorId = creatorIds[0] as string;
    const bearer = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });

    const anonymous = await graph.query(EARNINGS, { id: creatorId });
    expect(anonymous.body.data.creator).toEqual({ handle: expect.any(String), giftEarnings: null });
    expect(anonymous.body.errors?.map((error: any) => [error.path?.join('.'), error.extensions?.code])).toEqual([['creator.giftEarnings', 'UNAUTHENTICATED']]);

    const other = await graph.query(EARNINGS, { id: creatorId }, await bearer(creatorIds[1] as string));
    expect(other.body.data.creator.giftEarnings).toBeNull();
    expect(other.body.errors?.map((error: any) => [error.path?.join('.'), error.extensions?.code])).toEqual([['creator.giftEarnings', 'FORBIDDEN']]);

    const own = await graph.query(EARNINGS, { id: creatorId }, await bearer(creatorId));
    expect(own.body.errors).toBeUndefined();
    const diamonds = giftsSeed()
      .history.liveGiftSends.filter((send) => send.creatorId === creatorId)
      .reduce((total, send) => total + send.diamonds, 0);
    expect(diamonds).toBeGreaterThan(0);
    const cents = Math.floor(diamonds / 2); // 200 diamonds = $1, rounded down
    expect(own.body.data.creator.giftEarnings).toEqual({ diamonds, value: { amount: cents, currencyCode: 'USD', formatted: `$${(cents / 100).toFixed(2)}` } });
  });

  it("the explorer's seeded ids are what its examples say: another creator's live stream, a US friend, a product of the stream's topic to pin", async () => {
    const { body } = await graph.query(
      'query ($stream: ID!, $product: ID!, $friend: ID!) { liveStream(id: $stream) { status creator { id handle } pinnedProducts { id } } product(id: $product) { status inStock brand { id } } user(id: $friend) { handle country } }',
      { stream: SEEDED.liveStreamId, product: SEEDED.pinProductId, friend: SEEDED.friendUserId },
    );
    expect(body.errors).toBeUndefined();
    const { liveStream, product, user } = body.data;
    expect(liveStream).toMatchObject({ status: 'LIVE', creator: { handle: SEEDED.liveStreamCreatorHandle } });
    expect(liveStream.creator.id).not.toBe(creatorIds[0]);
    expect(liveStream.creator.id).toBe(liveStreamCreatorId(liveStreamIds.indexOf(SEEDED.liveStreamId)));
    expect(liveStream.pinnedProducts.map((pinned: { id: string }) => pinned.id)).not.toContain(SEEDED.pinProductId);
    expect(product).toMatchObject({ status: 'ACTIVE', inStock: true });
    expect(brands.find((brand) => brand.id === product.brand.id)?.topics).toContain(creatorTopic(liveStream.creator.id));
    expect(user).toEqual({ handle: 'ava.beauty', country: 'US' });
  });

  it('serves a feed page with creators, tagged products and gift totals', async () => {
    const { body } = await graph.query(`{
      feed(first: 20) {
        edges { node { id publishedAt creator { handle verified } products { id price { formatted } } } }
        pageInfo { hasNextPage endCursor }
      }
      liveNow(first: 10) { edges { node { id creator { handle } giftTotals { coins } pinnedProducts { id } } } }
    }`);
    expect(body.errors).toBeUndefined();
    const videos = body.data.feed.edges.map((edge: any) => edge.node);
    expect(videos).toHaveLength(20);
    const times = videos.map((video: any) => Date.parse(video.publishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(body.data.liveNow.edges.length).toBeGreaterThan(0);
  });

  it('answers bad arguments with coded GraphQL errors, never a 500 or a stack trace', async () => {
    const cases = [
      ['{ video(id: "vid_unknown") { id } }', 'NOT_FOUND'],
      ['{ product(id: "prd_unknown") { id } }', 'NOT_FOUND'],
      ['{ creator(handle: "no.such.creator") { id } }', 'NOT_FOUND'],
      ['{ feed(first: 10000) { edges { cursor } } }', 'BAD_USER_INPUT'],
      ['{ feed(after: "garbage") { edges { cursor } } }', 'BAD_USER_INPUT'],
      ['{ creators(first: -1) { edges { cursor } } }', 'BAD_USER_INPUT'],
      ['{ creator { id } }', 'BAD_USER_INPUT'],
      ['{ noSuchField }', 'GRAPHQL_VALIDATION_FAILED'],
    ] as const;
    for (const [query, code] of cases) {
      const { status, body } = await graph.query(query);
      expect(status, query).toBeLessThan(500);
      expect(body.errors?.[0]?.extensions?.code, query).toBe(code);
      expect(JSON.stringify(body), query).not.toMatch(/stacktrace|at .*\.ts:\d+|SQLITE|127\.0\.0\.1/);
    }
  });

  it('keeps the rest of a response when one field fails', async () => {
    const { body } = await graph.query(`query ($id: ID!) { creator(id: $id) { handle } video(id: "vid_unknown") { id } }`, { id: creatorIds[1] });
    expect(body.data.creator.handle).toEqual(expect.any(String));
    expect(body.data.video).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0].path).toEqual(['video']);
  });

  it('serves health and, to a browser in development, the self-hosted explorer with its assets and the LIVE room page', async () => {
    const health = await fetch(`${graph.url}health`);
    expect(health.status).toBe(200);
    for (const path of ['', 'graphql']) {
      const page = await fetch(graph.url + path, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
      const html = await page.text();
      expect(html).toContain('GraphiQL');
      expect(html).not.toMatch(/https?:\/\//);
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      const asset = await fetch(new URL(script!, graph.url));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(asset.headers.get('cache-control')).toContain('immutable');
    }
    const live = await fetch(`${graph.url}examples/live`, { headers: { accept: 'text/html' } });
    expect(live.status).toBe(200);
    expect(await live.text()).toContain('LIVE room');
    // GraphQL over GET still answers GraphQL.
    const get = await fetch(`${graph.url}graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(((await get.json()) as any).data.__typename).toBe('Query');
  });

  it('serves Apollo Sandbox instead when EXPLORER=sandbox', async () => {
    const sandboxGraph = await startGraph({ gateway: { explorer: 'sandbox' } });
    try {
      const landing = await fetch(sandboxGraph.url, { headers: { accept: 'text/html' } });
      expect(landing.status).toBe(200);
      const html = await landing.text();
      expect(html).toMatch(/sandbox/i);
      expect(html).not.toContain('GraphiQL');
    } finally {
      await sandboxGraph.stop();
    }
  });
});
