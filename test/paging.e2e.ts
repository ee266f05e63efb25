/**
 * Every kind of list, paged a few rows at a time with the cursors the API hands out, meets the
 * same rows in the same order as pages of a hundred: the keyset conditions (times, positions, names,
 * counts, flags) agree with each list's order, on whichever engine the stores run. And every
 * connection of users, content, gifts and commerce, walked forward (`first`/`after`) to its end and backward
 * (`last`/`before`) to its start, gives the same list, no row twice, `pageInfo` right at both
 * ends; `totalCount` where a count is kept.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType, type GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, CREATOR_COUNT, creatorIds, liveStreamCreatorId, shopBrands, userIds, VIDEO_COUNT } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';
import { asUser } from './live-api.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

interface Connection {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A list as a query taking `$first` and `$after`, and where its connection is in the answer. */
interface List {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  connection: (data: any) => Connection;
}

const PAGE = 'edges { cursor node { id } } pageInfo { hasNextPage endCursor }';

async function pageOf(list: List, first: number, after: string | null): Promise<Connection> {
  const { body } = await graph.query(list.query, { ...list.variables, first, after });
  expect(body.errors, list.name).toBeUndefined();
  return list.connection(body.data);
}

async function pagedIds(list: List, size: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const page = await pageOf(list, size, after);
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
  throw new Error(`${list.name} never ended`);
}

const root = (field: string, args = ''): List => ({
  name: field,
  query: `query ($first: Int!, $after: String) { ${field}(first: $first, after: $after${args}) { ${PAGE} } }`,
  connection: (data) => data[field],
});
const nested = (name: string, parent: string, idVariable: string, id: string, field: string): List => ({
  name,
  query: `query ($id: ID!, $first: Int!, $after: String) { ${parent}(${idVariable}: $id) { ${field}(first: $first, after: $after) { ${PAGE} } } }`,
  variables: { id },
  connection: (data) => data[parent][field],
});

describe('paging', () => {
  // Hundreds of requests one after another: 11 s on SQLite, 30 s on Postgres on a loaded machine.
  it('meets every row of every list once, in the list’s order, a few at a time', async () => {
    const catalogOf = (await graph.query('query ($id: ID!) { brand(id: $id) { catalogs(first: 1) { edges { node { id } } } } }', { id: brands[0]!.id })).body.data.brand.catalogs.edges[0]?.node.id;
    const lists: List[] = [
      root('brands'),
      root('products'),
      root('feed'),
      root('liveNow'),
      root('creators'),
      root('giftOffers'),
      ...brands.slice(0, 3).flatMap((brand) => [nested(`brand ${brand.id} products`, 'brand', 'id', brand.id, 'products'), nested(`brand ${brand.id} catalogs`, 'brand', 'id', brand.id, 'catalogs')]),
      ...(catalogOf ? [nested('catalog products', 'catalog', 'id', catalogOf, 'products')] : []),
      ...creatorIds.slice(0, 4).flatMap((id) => [
        nested(`creator ${id} videos`, 'creator', 'id', id, 'videos'),
        nested(`creator ${id} live streams`, 'creator', 'id', id, 'liveStreams'),
        nested(`creator ${id} showcase`, 'creator', 'id', id, 'showcase'),
        nested(`creator ${id} catalogs`, 'creator', 'id', id, 'catalogs'),
        nested(`creator ${id} followers`, 'creator', 'id', id, 'followers'),
      ]),
      nested('user following', 'user', 'id', userIds[30] as string, 'following'),
    ];
    let paged = 0;
    for (const list of lists) {
      const whole = await pagedIds(list, 100);
      const threeAtATime = await pagedIds(list, 3);
      expect(threeAtATime, list.name).toEqual(whole);
      expect(new Set(whole).size, list.name).toBe(whole.length);
      if (whole.length > 3) paged++;
    }
    // Most lists are long enough that the cursors were used.
    expect(paged).toBeGreaterThan(lists.length / 2);
  }, 120_000);
});

interface PageBothWays {
  totalCount?: number | null;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * A list's walk both ways: `field` is the connection field with its own arguments, `$paging`
 * where the paging arguments go; `wrap` puts it where the list lives (e.g. under `me`).
 */
async function walkBothWays(
  list: { wrap: (field: string) => string; field: string; variables?: Record<string, unknown>; headers?: Record<string, string>; pick: (data: any) => PageBothWays; node?: string },
  size: number,
) {
  // A node with no id of its own (a commission line, a deal) is known by its cursor, which is its sort key.
  const keyOf = (edge: PageBothWays['edges'][number]) => (list.node ? edge.cursor : edge.node.id);
  const query = `query Walk($first: Int, $after: String, $last: Int, $before: String${Object.keys(list.variables ?? {})
    .map((name) => `, $${name}: ID!`)
    .join('')}) { ${list.wrap(`${list.field.replace('$paging', 'first: $first, after: $after, last: $last, before: $before')} { edges { cursor node { ${list.node ?? 'id'} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`)} }`;
  const read = async (variables: Record<string, unknown>) => {
    const { body } = await graph.query(query, { ...list.variables, ...variables }, list.headers);
    expect(body.errors, list.field).toBeUndefined();
    return list.pick(body.data);
  };
  const forward: string[] = [];
  const backward: string[] = [];
  const forwardPages: PageBothWays['pageInfo'][] = [];
  const backwardPages: PageBothWays['pageInfo'][] = [];
  for (let cursor: string | null = null, pages = 0; ; pages++) {
    expect(pages).toBeLessThan(100);
    const page = await read({ first: size, after: cursor });
    forward.push(...page.edges.map(keyOf));
    forwardPages.push(page.pageInfo);
    if (!page.pageInfo.hasNextPage) break;
    cursor = page.pageInfo.endCursor;
  }
  for (let cursor: string | null = null, pages = 0; ; pages++) {
    expect(pages).toBeLessThan(100);
    const page = await read({ last: size, before: cursor });
    backward.unshift(...page.edges.map(keyOf));
    backwardPages.push(page.pageInfo);
    if (!page.pageInfo.hasPreviousPage) break;
    cursor = page.pageInfo.startCursor;
  }
  expect(backward, `${list.field} backward`).toEqual(forward);
  expect(new Set(forward).size, `${list.field}: no row twice`).toBe(forward.length);
  // Away from the start each page has one behind it, and every page but the last one ahead.
  expect(forwardPages.map((info) => [info.hasPreviousPage, info.hasNextPage])).toEqual(forwardPages.map((_info, i) => [i > 0, i < forwardPages.length - 1]));
  expect(backwardPages.map((info) => [info.hasNextPage, info.hasPreviousPage])).toEqual(backwardPages.map((_info, i) => [i > 0, i < backwardPages.length - 1]));
  return forward;
}

const top = (field: string) => field;
const under = (parent: string) => (field: string) => `${parent} { ${field} }`;

describe('paging both ways through the gateway', () => {
  it('offers last/before on every connection, with no default `first` to clash with `last` (a search takes them to refuse them, saying why)', () => {
    const schema = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
    // Every connection type in the API: a new one is either here or fails the count below.
    const ours = new Set(
      Object.keys(schema.getTypeMap()).filter((name) => name.endsWith('Connection') && !name.startsWith('__')),
    );
    expect([...ours]).toEqual(
      expect.arrayContaining(['UserConnection', 'CreatorConnection', 'VideoConnection', 'LiveStreamConnection', 'SmallGestureConnection', 'GiftInboxConnection', 'GiftPayoutConnection', 'CoinPurchaseConnection', 'LiveGiftSendConnection', 'GiftOfferConnection', 'ProductConnection', 'BrandConnection', 'CatalogConnection', 'AffiliateLinkConnection', 'OrderConnection', 'CommissionDealConnection', 'CommissionLineConnection', 'CommissionPayoutConnection', 'VideoSalesConnection']),
    );

    const fields: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        const named = field.type.toString().replace(/!$/, '');
        if (!ours.has(named)) continue;
        fields.push(`${type.name}.${field.name}`);
        const args = Object.fromEntries(field.args.map((arg) => [arg.name, arg]));
        expect(Object.keys(args), `${type.name}.${field.name}`).toEqual(expect.arrayContaining(['first', 'after', 'last', 'before']));
        expect(args.first!.defaultValue, `${type.name}.${field.name}: a default first would clash with last`).toBeUndefined();
      }
    }
    expect(fields.length).toBeGreaterThanOrEqual(34);
  });

  it('walks the public lists both ways: the feed, creators, the directory, live now, a creator’s videos and streams, gift offers', async () => {
    expect(await walkBothWays({ wrap: top, field: 'feed($paging)', pick: (data) => data.feed }, 100)).toHaveLength(VIDEO_COUNT);
    expect(await walkBothWays({ wrap: top, field: 'creators($paging)', pick: (data) => data.creators }, 7)).toHaveLength(CREATOR_COUNT);
    expect((await walkBothWays({ wrap: top, field: 'searchCreators(topic: COOKING, $paging)', pick: (data) => data.searchCreators }, 1)).length).toBeGreaterThan(0);
    expect((await walkBothWays({ wrap: top, field: 'liveNow($paging)', pick: (data) => data.liveNow }, 2)).length).toBeGreaterThan(2);
    const creator = { variables: { id: creatorIds[0] }, pick: (data: any) => data.creator.videos };
    const videos = await walkBothWays({ wrap: under('creator(id: $id)'), field: 'videos($paging)', ...creator }, 4);
    expect((await walkBothWays({ wrap: under('creator(id: $id)'), field: 'liveStreams($paging)', variables: { id: creatorIds[0] }, pick: (data) => data.creator.liveStreams }, 1)).length).toBeGreaterThan(0);
    expect((await walkBothWays({ wrap: top, field: 'giftOffers($paging)', pick: (data) => data.giftOffers }, 2)).length).toBeGreaterThan(2);
    const brand = brands.find((candidate) => candidate.smallGesturesPartner)!;
    expect((await walkBothWays({ wrap: under('brand(id: $id)'), field: 'giftOffers($paging)', variables: { id: brand.id }, pick: (data) => data.brand.giftOffers }, 1)).length).toBeGreaterThan(0);

    // A creator's videos say their kept count, the same whichever way they are read; the feed's is not kept.
    const counted = await graph.query('query ($id: ID!) { creator(id: $id) { videoCount forward: videos(first: 1) { totalCount } back: videos(last: 1) { totalCount } } feed(last: 1) { totalCount } }', { id: creatorIds[0] });
    expect(counted.body.errors).toBeUndefined();
    expect(counted.body.data.creator).toEqual({ videoCount: videos.length, forward: { totalCount: videos.length }, back: { totalCount: videos.length } });
    expect(counted.body.data.feed.totalCount).toBeNull();
  }, 90_000);

  it('walks a signed-in user’s own lists both ways: inbox, sent gestures, coin purchases, LIVE gifts sent and received, payouts', async () => {
    const me = (userId: string) => asUser(graph, userId);
    const own = async (userId: string, field: string, size: number, wrap = under('me'), variables?: Record<string, unknown>) =>
      walkBothWays({ wrap, field: `${field}($paging)`, headers: await me(userId), variables, pick: (data) => (data.me ?? data.creator)[field] }, size);
    expect(await own(userIds[0]!, 'giftInbox', 1)).toHaveLength(2);
    expect(await own(userIds[47]!, 'smallGesturesSent', 1)).toHaveLength(2);
    expect((await own(userIds[20]!, 'coinPurchases', 1)).length).toBeGreaterThan(0);
    expect((await own(userIds[20]!, 'liveGiftsSent', 2)).length).toBeGreaterThan(2);
    const creator = liveStreamCreatorId(0);
    expect((await own(creator, 'giftReceipts', 3, under('creator(id: $id)'), { id: creator })).length).toBeGreaterThan(3);
    expect(await own(creator, 'giftPayouts', 1, under('creator(id: $id)'), { id: creator })).toHaveLength(1);
  }, 90_000);

  it('walks commerce’s lists both ways: brands, products, a brand’s products and catalogs, a catalog, a showcase, a creator’s catalogs', async () => {
    const brand = shopBrands[0]!;
    expect((await walkBothWays({ wrap: top, field: 'brands($paging)', pick: (data) => data.brands }, 2)).length).toBeGreaterThan(2);
    expect((await walkBothWays({ wrap: top, field: 'products($paging)', pick: (data) => data.products }, 25)).length).toBeGreaterThan(25);
    const ofBrand = await walkBothWays({ wrap: top, field: 'products(brandId: $id, $paging)', variables: { id: brand.id }, pick: (data) => data.products }, 4);
    expect(await walkBothWays({ wrap: under('brand(id: $id)'), field: 'products($paging)', variables: { id: brand.id }, pick: (data) => data.brand.products }, 3)).toEqual(ofBrand);
    const catalogs = await walkBothWays({ wrap: under('brand(id: $id)'), field: 'catalogs($paging)', variables: { id: brand.id }, pick: (data) => data.brand.catalogs }, 1);
    expect(catalogs.length).toBeGreaterThan(0);
    expect((await walkBothWays({ wrap: under('catalog(id: $id)'), field: 'products($paging)', variables: { id: catalogs[0] }, pick: (data) => data.catalog.products }, 2)).length).toBeGreaterThan(2);
    const creator = { variables: { id: creatorIds[0] } };
    expect((await walkBothWays({ wrap: under('creator(id: $id)'), field: 'showcase($paging)', ...creator, pick: (data) => data.creator.showcase }, 2)).length).toBeGreaterThan(2);
    expect((await walkBothWays({ wrap: under('creator(id: $id)'), field: 'catalogs($paging)', ...creator, pick: (data) => data.creator.catalogs }, 1)).length).toBeGreaterThan(0);
  }, 90_000);

  it('walks commerce’s own lists both ways: a buyer’s orders, a creator’s links, commission lines and payouts, a brand’s deals, orders and whole catalogue by its key', async () => {
    const buyer = userIds[55]!;
    expect((await walkBothWays({ wrap: under('me'), field: 'orders($paging)', headers: await asUser(graph, buyer), pick: (data) => data.me.orders }, 1)).length).toBeGreaterThan(1);
    const earner = creatorIds[18]!;
    const asEarner = { wrap: under('creator(id: $id)'), variables: { id: earner }, headers: await asUser(graph, earner) };
    expect((await walkBothWays({ ...asEarner, field: 'affiliateLinks($paging)', pick: (data) => data.creator.affiliateLinks }, 1)).length).toBeGreaterThan(1);
    expect((await walkBothWays({ ...asEarner, field: 'commissionPayouts($paging)', pick: (data) => data.creator.commissionPayouts }, 1)).length).toBeGreaterThan(0);
    const lines = await walkBothWays({ ...asEarner, wrap: (field) => `creator(id: $id) { commissionStatement { ${field} } }`, field: 'lines($paging)', node: 'title', pick: (data) => data.creator.commissionStatement.lines }, 3);
    expect(lines.length).toBeGreaterThan(3);
    for (const brand of shopBrands.slice(0, 3)) {
      const key = { 'x-api-key': (await graph.keys.create({ partnerId: brand.id, name: 'paging', scopes: ['catalog:read', 'orders:read'] })).secret };
      const asBrand = { wrap: under('brand(id: $id)'), variables: { id: brand.id }, headers: key };
      expect((await walkBothWays({ ...asBrand, field: 'allProducts($paging)', pick: (data) => data.brand.allProducts }, 5)).length).toBeGreaterThan(5);
      await walkBothWays({ ...asBrand, field: 'orders($paging)', pick: (data) => data.brand.orders }, 2);
      await walkBothWays({ ...asBrand, field: 'commissionDeals($paging)', node: 'commissionRate', pick: (data) => data.brand.commissionDeals }, 1);
    }
  }, 90_000);

  it('refuses `last`/`before` on a search, saying why, with BAD_USER_INPUT naming the argument', async () => {
    for (const [query, argument] of [
      ['{ searchProducts(text: "shoe", last: 2) { edges { cursor } } }', 'last'],
      ['{ searchBrands(text: "shop", before: "bm9wZQ") { edges { cursor } } }', 'before'],
    ] as const) {
      const { body } = await graph.query(query);
      expect(body.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(body.errors?.[0]?.message, query).toMatch(/forward only \(a search ranks its matches as it reads them/);
      expect(body.data, query).toBeNull();
    }
  });

  it('refuses both directions at once and a cursor it never gave, with BAD_USER_INPUT naming the argument', async () => {
    for (const [query, argument] of [
      ['{ feed(first: 2, last: 2) { edges { cursor } } }', 'last'],
      ['{ liveNow(last: 101) { edges { cursor } } }', 'last'],
      ['{ creators(before: "bm9wZQ") { edges { cursor } } }', 'before'],
      ['{ products(first: 2, before: "bm9wZQ") { edges { cursor } } }', 'last'],
      ['{ brands(last: 101) { edges { cursor } } }', 'last'],
    ] as const) {
      const { body } = await graph.query(query);
      expect(body.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });
});
