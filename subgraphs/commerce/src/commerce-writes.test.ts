/**
 * The write side of commerce against an in-memory store: merch feed imports, the commission
 * rule, and statement counts of the new lists. Facts owned by users and content come from a
 * stand-in peer client; the whole graph is exercised in test/commerce*.e2e.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt, inArray } from 'drizzle-orm';
import { brands as seedBrands, creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { fakePeers, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { rateToBps } from './commission.ts';
import { lineCommission } from './commission-rules.ts';
import { systemClock } from '@app/kit/clock';
import { createContext } from './context.ts';
import { seedCommerceStore } from './db/seed.ts';
import { orders, products } from './db/tables.ts';
import { openCommerceStore } from './db/store.ts';
import { createLoaders } from './loaders.ts';
import { createServer } from './server.ts';

/** Stands in for users (creators are the seed's first 20 users) and content (no streams needed here). */
const peers = fakePeers({ Creator: new Map(creatorIds.map((id) => [id, {}])), LiveStream: new Map() });
const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });
const asPartner = (partnerId: string, scopes: string[]): Viewer => ({ ...anonymousViewer(), partnerId, scopes });
const { store, counter, run: runAs } = subgraphTestbed({ open: openCommerceStore, createServer, context: (store, viewer) => createContext(store, viewer, peers.client), seed: seedCommerceStore });
const run = (viewer: Viewer, query: string, variables?: Record<string, unknown>) => runAs(query, variables, viewer);

const IMPORT = /* GraphQL */ `
  mutation ($brandId: ID!, $feed: ProductFeedInput!) {
    importProductFeed(brandId: $brandId, feed: $feed) { created updated unchanged archived failed errors { index externalId field reason } }
  }
`;

/** A brand with no seeded products, so counts are exact. */
const feedBrand = seedBrands[1]?.id as string;
const feedPartner = asPartner(feedBrand, ['catalog:write']);

function feedItem(i: number, overrides: Record<string, unknown> = {}) {
  return { externalId: `ext-${i}`, title: `Feed product ${i}`, priceAmount: 1000 + i, inventory: 10 + (i % 7), status: 'ACTIVE', ...overrides };
}

function brandProducts(brandId: string) {
  return store.db.select().from(products).where(eq(products.brandId, brandId)).all();
}

describe('merch feed import', () => {
  it('creates every new item, and the same feed again changes nothing', async () => {
    const items = Array.from({ length: 30 }, (_, i) => feedItem(i));
    const first = await run(feedPartner, IMPORT, { brandId: feedBrand, feed: { mode: 'FULL', items } });
    expect(first.errors).toBeUndefined();
    expect(first.data?.importProductFeed).toEqual({ created: 30, updated: 0, unchanged: 0, archived: 0, failed: 0, errors: [] });
    const before = brandProducts(feedBrand);
    expect(before).toHaveLength(30);

    const again = await run(feedPartner, IMPORT, { brandId: feedBrand, feed: { mode: 'FULL', items } });
    expect(again.data?.importProductFeed).toEqual({ created: 0, updated: 0, unchanged: 30, archived: 0, failed: 0, errors: [] });
    expect(brandProducts(feedBrand)).toEqual(before);
  });

  it('updates a changed price, archives what a FULL feed leaves out (never deletes), and PARTIAL archives nothing', async () => {
    const items = Array.from({ length: 30 }, (_, i) => feedItem(i));
    items[3] = feedItem(3, { priceAmount: 4242 });
    const partial = await run(feedPartner, IMPORT, { brandId: feedBrand, feed: { mode: 'PARTIAL', items: items.slice(0, 5) } });
    expect(partial.data?.importProductFeed).toMatchObject({ created: 0, updated: 1, unchanged: 4, archived: 0 });
    expect(brandProducts(feedBrand).find((row) => row.externalId === 'ext-3')?.priceAmount).toBe(4242);

    const full = await run(feedPartner, IMPORT, { brandId: feedBrand, feed: { mode: 'FULL', items: items.slice(0, 20) } });
    expect(full.data?.importProductFeed).toMatchObject({ created: 0, updated: 0, unchanged: 20, archived: 10 });
    const rows = brandProducts(feedBrand);
    expect(rows).toHaveLength(30);
    expect(rows.filter((row) => row.status === 'ARCHIVED').map((row) => row.externalId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `ext-${20 + i}`).sort());

    // Bringing an archived item back is an update.
    const back = await run(feedPartner, IMPORT, { brandId: feedBrand, feed: { mode: 'PARTIAL', items: [feedItem(25)] } });
    expect(back.data?.importProductFeed).toMatchObject({ updated: 1, archived: 0 });
  });

  it('reports each invalid item with its index, field and reason and applies the valid ones', async () => {
    const items = [
      feedItem(100),
      feedItem(101, { priceAmount: -5 }),
      feedItem(102, { title: '   ' }),
      feedItem(103, { currencyCode: 'EUR' }),
      feedItem(104, { imageUrl: 'http://insecure.example.com/a.jpg' }),
      feedItem(105, { inventory: 2_000_000 }),
      feedItem(106, { commissionRate: 0.12345 }),
      feedItem(100, { title: 'duplicate' }),
      feedItem(107, { imageUrl: 'https://cdn.example.com/x.jpg', commissionRate: 0.2 }),
    ];
    const result = await run(feedPartner, IMPORT, { brandId: feedBrand, feed: { mode: 'PARTIAL', items } });
    expect(result.errors).toBeUndefined();
    const outcome = result.data?.importProductFeed;
    expect(outcome).toMatchObject({ created: 2, updated: 0, unchanged: 0, archived: 0, failed: 7 });
    expect(outcome.errors.map((error: any) => [error.index, error.field])).toEqual([
      [1, 'priceAmount'],
      [2, 'title'],
      [3, 'currencyCode'],
      [4, 'imageUrl'],
      [5, 'inventory'],
      [6, 'commissionRate'],
      [7, 'externalId'],
    ]);
    expect(outcome.errors[6].reason).toMatch(/index 0/);
    const created = brandProducts(feedBrand).find((row) => row.externalId === 'ext-107');
    expect(created).toMatchObject({ imageUrl: 'https://cdn.example.com/x.jpg', commissionBps: 2000, currency: 'USD' });
    expect(brandProducts(feedBrand).some((row) => row.externalId === 'ext-101')).toBe(false);
  });

  it("refuses another brand's feed and a key without catalog:write, changing nothing", async () => {
    const count = brandProducts(feedBrand).length;
    const other = await run(asPartner(shopBrands[0]?.id as string, ['catalog:write']), IMPORT, { brandId: feedBrand, feed: { mode: 'FULL', items: [] } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    const readOnly = await run(asPartner(feedBrand, ['catalog:read']), IMPORT, { brandId: feedBrand, feed: { mode: 'FULL', items: [] } });
    expect(readOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(brandProducts(feedBrand)).toHaveLength(count);
  });

  it('imports 5,000 items, then re-imports them unchanged, and prints how long each took', async () => {
    const bigBrand = seedBrands[2]?.id as string;
    const partner = asPartner(bigBrand, ['catalog:write']);
    const items = Array.from({ length: 5_000 }, (_, i) => feedItem(i, { description: `Item ${i} of the big feed.`, imageUrl: `https://cdn.example.com/feed/${i}.jpg` }));
    let started = performance.now();
    const first = await run(partner, IMPORT, { brandId: bigBrand, feed: { mode: 'FULL', items } });
    const createMs = performance.now() - started;
    expect(first.data?.importProductFeed).toMatchObject({ created: 5_000, failed: 0 });

    const changed = items.map((item, i) => (i % 2 === 0 ? { ...item, priceAmount: item.priceAmount + 1 } : item));
    started = performance.now();
    const second = await run(partner, IMPORT, { brandId: bigBrand, feed: { mode: 'FULL', items: changed } });
    const updateMs = performance.now() - started;
    expect(second.data?.importProductFeed).toMatchObject({ created: 0, updated: 2_500, unchanged: 2_500, archived: 0 });

    started = performance.now();
    const third = await run(partner, IMPORT, { brandId: bigBrand, feed: { mode: 'FULL', items: changed } });
    const unchangedMs = performance.now() - started;
    expect(third.data?.importProductFeed).toMatchObject({ unchanged: 5_000 });
    console.log(`5,000-item feed: created in ${createMs.toFixed(0)} ms, half updated in ${updateMs.toFixed(0)} ms, unchanged re-run in ${unchangedMs.toFixed(0)} ms`);
  });
});

describe('the commission rule', () => {
  it('is floor(line total × bps / 10,000) per line, in integer cents', () => {
    expect(lineCommission(1999, 1500)).toBe(299); // 299.85 rounds down
    expect(lineCommission(3 * 1999, 1500)).toBe(899); // 899.55
    expect(lineCommission(1, 9999)).toBe(0);
    expect(lineCommission(100 * 10_000_000, 10_000)).toBe(1_000_000_000);
    expect(lineCommission(12_345, 0)).toBe(0);
  });

  it('takes rates as fractions in whole basis points', () => {
    expect(rateToBps(0.15, 'rate')).toBe(1500);
    expect(rateToBps(0.0001, 'rate')).toBe(1);
    expect(rateToBps(1, 'rate')).toBe(10_000);
    for (const bad of [-0.01, 1.5, 0.12345, Number.NaN]) expect(() => rateToBps(bad, 'rate')).toThrow(/basis points/);
  });
});

describe('statement counts of the new lists', () => {
  // Creator "few" has 5 links, each bought through once by buyer "few"; "many" has 50 and 50.
  const few = { creator: creatorIds[10] as string, buyer: userIds[40] as string, count: 5 };
  const many = { creator: creatorIds[11] as string, buyer: userIds[41] as string, count: 50 };

  beforeAll(async () => {
    const ids = store.db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.status, 'ACTIVE'), gt(products.inventory, 5), inArray(products.brandId, shopBrands.map((brand) => brand.id))))
      .all()
      .map((row) => row.id);
    expect(ids.length).toBeGreaterThanOrEqual(50);
    for (const side of [few, many]) {
      for (const productId of ids.slice(0, side.count)) {
        const made = await run(asUser(side.creator), 'mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: productId });
        expect(made.errors).toBeUndefined();
        const placed = await run(asUser(side.buyer), 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { commission { amount } } } }', {
          input: { lines: [{ productId, quantity: 1 }], affiliateCode: made.data?.createAffiliateLink.code, idempotencyKey: `count-${side.buyer}-${productId}` },
        });
        expect(placed.errors).toBeUndefined();
      }
    }
  });

  async function statementsFor(viewer: Viewer, query: string, variables: Record<string, unknown>, check: (data: any) => void) {
    counter.reset();
    const result = await run(viewer, query, variables);
    expect(result.errors).toBeUndefined();
    check(result.data);
    return counter.count;
  }

  it("runs as many statements for a creator's 50 affiliate links, with stats, products and brands, as for 5", async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Creator {
      affiliateLinks(first: 100) { edges { node { code commissionRate clicks orderCount commissionEarned { formatted } commissionPending { amount } creator { id } product { title brand { name } } } } }
    } } }`;
    const counts = [];
    for (const side of [few, many]) {
      counts.push(
        await statementsFor(asUser(side.creator), query, { reps: [{ __typename: 'Creator', id: side.creator }] }, (data) => {
          const links = data._entities[0].affiliateLinks.edges.map((edge: any) => edge.node);
          expect(links).toHaveLength(side.count);
          expect(links.every((link: any) => link.orderCount === 1 && link.commissionPending.amount > 0)).toBe(true);
        }),
      );
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(3);
  });

  it("runs as many statements for a buyer's 50 orders, with lines, products and brands, as for 5", async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User {
      orders(first: 100) { edges { node { id status total { formatted } commission { amount } affiliateCode attributedCreator { id } brand { name }
        lines { title quantity unitPrice { amount } total { amount } commission { amount } product { title inventory brand { name } } } } } }
    } } }`;
    const counts = [];
    for (const side of [few, many]) {
      counts.push(
        await statementsFor(asUser(side.buyer), query, { reps: [{ __typename: 'User', id: side.buyer }] }, (data) => {
          const placed = data._entities[0].orders.edges.map((edge: any) => edge.node);
          expect(placed).toHaveLength(side.count);
          expect(placed.every((order: any) => order.affiliateCode && order.attributedCreator.id === side.creator)).toBe(true);
        }),
      );
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(5);
  });

  it('computes earnings in the same two statements (the kept totals, the locks ending later) whether a creator has 5 or 50 attributed orders', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Creator { earnings { commissions { amount } gifts { amount } total { amount } pending { amount } } } } }`;
    const counts = [];
    for (const side of [few, many]) {
      const expectedPending = store.db
        .select({ amount: orders.commissionAmount })
        .from(orders)
        .where(and(eq(orders.creatorId, side.creator), eq(orders.status, 'PAID')))
        .all()
        .reduce((sum, row) => sum + row.amount, 0);
      const reps = [{ __typename: 'Creator', id: side.creator, giftEarnings: { value: { amount: 1234, currencyCode: 'USD' } } }];
      counts.push(
        await statementsFor(asUser(side.creator), query, { reps }, (data) => {
          expect(data._entities[0].earnings).toEqual({ commissions: { amount: 0 }, gifts: { amount: 1234 }, total: { amount: 1234 }, pending: { amount: expectedPending } });
        }),
      );
    }
    expect(counts).toEqual([2, 2]);
  });

  it('reads the commission per settlement state of 50 creators in two statements, as of 5', async () => {
    const countFor = async (ids: readonly string[]) => {
      const loaders = createLoaders(store, systemClock);
      counter.reset();
      const totals = await loaders.commissionBuckets.loadMany(ids);
      expect(totals.every((total) => !(total instanceof Error))).toBe(true);
      return counter.count;
    };
    expect(await countFor(creatorIds.slice(0, 5))).toBe(2);
    expect(await countFor([...creatorIds, ...userIds.slice(20, 50)])).toBe(2);
  });

  it("refuses someone else's affiliate links, earnings and orders with FORBIDDEN", async () => {
    const result = await run(
      asUser(few.buyer),
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Creator { affiliateLinks { edges { cursor } } earnings { total { amount } } } ... on User { orders { edges { cursor } } } } }`,
      { reps: [{ __typename: 'Creator', id: few.creator, giftEarnings: { value: { amount: 1, currencyCode: 'USD' } } }, { __typename: 'User', id: many.buyer }] },
    );
    expect(result.errors?.map((error) => [error.path?.slice(2).join('.'), error.extensions?.reason]).sort()).toEqual([
      ['affiliateLinks', 'NOT_THE_CREATOR'],
      ['earnings', 'NOT_THE_CREATOR'],
      ['orders', 'NOT_THE_USER'],
    ]);
  });
});
