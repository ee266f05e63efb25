/**
 * LIVE flash deals through the subgraph's schema, on SQLite and Postgres: who may start one and
 * what it refuses (writing nothing), the units it takes off the shelf, checkout at the deal price
 * (commission on what was paid, the per-buyer limit, sold out), the deal's clock (start, end,
 * units back to stock once, the trailing units-left announcement), and hundreds of racing buyers.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { creatorIds, shopBrands } from '@app/fixtures/world';
import { manualClock } from '@app/kit/clock';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { answeredBy, errorOf, fakePeers, runOperation } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createContext, defaultServices, type CommerceServices } from './context.ts';
import type { NewFeedProduct } from './db/contract.ts';
import { seedCommerceStore } from './db/seed.ts';
import { openCommercePgStore, openCommerceStore, type CommerceStore } from './db/store.ts';
import { createLogger } from '@app/kit/log';
import { flashDealClock, turnDealClock } from './flashDeals.ts';
import { createServer } from './server.ts';

const START = new Date(Date.UTC(2027, 4, 1, 18, 0, 0));
const clock = manualClock(START);
const brandId = shopBrands[1]?.id as string;
const otherBrandId = shopBrands[4]?.id as string;
const creator = creatorIds[14] as string;
const otherCreator = creatorIds[15] as string;
const STREAM = 'lst_deal_1';
const streams = new Map([
  [STREAM, { id: STREAM, status: 'LIVE', creator: { id: creator } }],
  ['lst_deal_over', { id: 'lst_deal_over', status: 'ENDED', creator: { id: creator } }],
  ['lst_deal_ending', { id: 'lst_deal_ending', status: 'LIVE', creator: { id: creator } }],
]);
const peers = fakePeers({ LiveStream: streams, Creator: new Map(creatorIds.map((id) => [id, {}])) });
const services: CommerceServices = { ...defaultServices(), clock };

const partner = (id: string, scopes = ['catalog:write']): Viewer => ({ ...anonymousViewer(), partnerId: id, scopes: [...scopes, 'webhooks:write'] });
const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });

const server = createServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const DEAL = 'id status dealPrice { amount currencyCode } startsAt endsAt quantity unitsLeft unitsSold perBuyerLimit endedReason product { id inventory }';
const START_DEAL = `mutation ($input: StartFlashDealInput!) { startFlashDeal(input: $input) { ${DEAL} } }`;
const START_BRAND_DEAL = `mutation ($input: StartFlashDealInput!) { startBrandFlashDeal(input: $input) { ${DEAL} } }`;
const CHECKOUT = 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id total { amount } commission { amount } lines { unitPriceAmount: unitPrice { amount } quantity } } } }';
const PRICE = 2_000;

let made = 0;
function newProduct(inventory: number, owner = brandId): NewFeedProduct {
  made += 1;
  return { id: `prd_deal_${made}`, brandId: owner, title: `Deal product ${made}`, description: '', priceAmount: PRICE, currency: 'USD', inventory, status: 'ACTIVE', commissionBps: 1_000, imageUrl: 'https://img.example/d.png', externalId: null, createdAt: START };
}

let keys = 0;
const key = (what: string) => `${what}-deal-${++keys}`;

describeOnEachEngine<CommerceStore>(
  'LIVE flash deals',
  { sqlite: openCommerceStore, postgres: openCommercePgStore },
  (store) => {
    const run = (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) => runOperation(server, createContext(store(), viewer, peers.client, services), query, variables);
    const ok = answeredBy(run);
    const inventoryOf = async (productId: string) => (await store().productsByIds([productId]))[0]!.inventory;
    /** A product of `owner` with `inventory` units, pinned on the stream by its creator. */
    async function pinned(inventory: number, owner = brandId) {
      const product = newProduct(inventory, owner);
      await store().insertProducts([product]);
      await ok(asUser(creator), 'mutation ($s: ID!, $p: ID!) { pinProduct(liveStreamId: $s, productId: $p) { id } }', { s: STREAM, p: product.id });
      return product;
    }
    const dealInput = (productId: string, extra: Record<string, unknown> = {}) => ({
      liveStreamId: STREAM,
      productId,
      dealPrice: 1_500,
      startsIn: 0,
      durationMinutes: 5,
      quantity: 10,
      perBuyerLimit: 2,
      idempotencyKey: key('start'),
      ...extra,
    });
    const startDeal = async (viewer: Viewer, input: Record<string, unknown>) => (viewer.partnerId ? (await ok(viewer, START_BRAND_DEAL, { input })).startBrandFlashDeal : (await ok(viewer, START_DEAL, { input })).startFlashDeal);
    const buy = (buyer: string, dealId: string, productId: string, quantity: number, idempotencyKey = key('buy')) =>
      run(asUser(buyer), CHECKOUT, { input: { lines: [{ productId, quantity }], liveStreamId: STREAM, flashDealId: dealId, idempotencyKey } });
    const dealEvents = async (dealId: string) =>
      (await store().liveEventsAfter(STREAM, 0, 10_000)).filter((event) => (event.payload as { dealId?: string }).dealId === dealId).map((event) => [event.kind, (event.payload as { quantity: number | null }).quantity]);
    const dealRow = async (dealId: string) => (await store().dealsByIds([dealId]))[0]!;

    it('refuses bad input field by field, writing nothing', async () => {
      const product = await pinned(50);
      const cases: [Record<string, unknown>, string][] = [
        [{ dealPrice: 0 }, 'dealPrice'],
        [{ dealPrice: PRICE }, 'dealPrice'],
        [{ startsIn: 5 }, 'startsIn'],
        [{ startsIn: 301 }, 'startsIn'],
        [{ durationMinutes: 0 }, 'durationMinutes'],
        [{ durationMinutes: 21 }, 'durationMinutes'],
        [{ quantity: 0 }, 'quantity'],
        [{ quantity: 10_001 }, 'quantity'],
        [{ perBuyerLimit: 0 }, 'perBuyerLimit'],
        [{ quantity: 3, perBuyerLimit: 4 }, 'perBuyerLimit'],
        [{ quantity: 500, perBuyerLimit: 101 }, 'perBuyerLimit'],
      ];
      for (const [extra, field] of cases) {
        expect(errorOf(await run(asUser(creator), START_DEAL, { input: dealInput(product.id, extra) })), JSON.stringify(extra)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect(await inventoryOf(product.id)).toBe(50);
      expect(await store().openDealOf(STREAM, product.id)).toBeUndefined();
      expect(await dealEventsOfStream()).toEqual([]);
    });
    const dealEventsOfStream = async () => (await store().liveEventsAfter(STREAM, 0, 10_000)).filter((event) => event.kind.startsWith('DEAL_'));

    it('starts a deal by the creator, taking its units off the shelf; one open deal a product; refuses others', async () => {
      const product = await pinned(30);
      const deal = await startDeal(asUser(creator), dealInput(product.id, { quantity: 12, perBuyerLimit: 3 }));
      expect(deal).toMatchObject({ status: 'LIVE', dealPrice: { amount: 1_500, currencyCode: 'USD' }, quantity: 12, unitsLeft: 12, unitsSold: 0, perBuyerLimit: 3, endedReason: null, product: { id: product.id, inventory: 18 } });
      expect(deal.id).toMatch(/^fld_/);
      expect(new Date(deal.endsAt).getTime() - new Date(deal.startsAt).getTime()).toBe(5 * 60_000);
      expect(await dealEvents(deal.id)).toEqual([
        ['DEAL_SCHEDULED', null],
        ['DEAL_STARTED', 12],
      ]);
      expect(errorOf(await run(asUser(creator), START_DEAL, { input: dealInput(product.id) }))).toMatchObject({ code: 'DEAL_ALREADY_RUNNING', dealId: deal.id });
      // The room's snapshot and the node.
      const room = await ok(anonymousViewer(), `query { _entities(representations: [{ __typename: "LiveStream", id: "${STREAM}" }]) { ... on LiveStream { flashDeals { id } } } }`);
      expect(room._entities[0].flashDeals.map((row: { id: string }) => row.id)).toContain(deal.id);
      expect((await ok(anonymousViewer(), `query { node(id: "${deal.id}") { ... on FlashDeal { unitsLeft } } }`)).node).toEqual({ unitsLeft: 12 });

      const other = await pinned(5);
      expect(errorOf(await run(asUser(otherCreator), START_DEAL, { input: dealInput(other.id) }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_STREAM_CREATOR' });
      expect(errorOf(await run(partner(otherBrandId), START_BRAND_DEAL, { input: dealInput(other.id) }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
      expect(errorOf(await run(partner(brandId, []), START_BRAND_DEAL, { input: dealInput(other.id) }))).toMatchObject({ code: 'FORBIDDEN', requiredScopes: [['catalog:write']] });
      // Each field says who may call it: a brand's key is refused on the creator's, a creator on the brand's.
      expect(errorOf(await run(partner(brandId), START_DEAL, { input: dealInput(other.id) }))).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_REQUIRED' });
      expect(errorOf(await run(asUser(creator), START_BRAND_DEAL, { input: dealInput(other.id) }))).toMatchObject({ code: 'FORBIDDEN', requiredScopes: [['catalog:write']] });
      expect(errorOf(await run(asUser(creator), START_DEAL, { input: dealInput(other.id, { quantity: 6, perBuyerLimit: 1 }) }))).toMatchObject({ code: 'OUT_OF_STOCK', available: 5 });
      expect(errorOf(await run(asUser(creator), START_DEAL, { input: dealInput(other.id, { liveStreamId: 'lst_deal_over' }) }))).toMatchObject({ code: 'STREAM_NOT_LIVE' });
      const unpinnedProduct = newProduct(20);
      await store().insertProducts([unpinnedProduct]);
      expect(errorOf(await run(asUser(creator), START_DEAL, { input: dealInput(unpinnedProduct.id) }))).toMatchObject({ code: 'PRODUCT_NOT_PINNED' });
      expect(await inventoryOf(other.id)).toBe(5);
      expect(await inventoryOf(unpinnedProduct.id)).toBe(20);
      // The brand, with its key, starts one on its own pinned product; a retry of its key answers the same deal.
      const input = dealInput(other.id, { quantity: 4, perBuyerLimit: 1, startsIn: 60 });
      const byBrand = await startDeal(partner(brandId), input);
      expect(byBrand).toMatchObject({ status: 'SCHEDULED', unitsLeft: 4, product: { inventory: 1 } });
      expect((await startDeal(partner(brandId), input)).id).toBe(byBrand.id);
      expect(await inventoryOf(other.id)).toBe(1);
      // Once the stream has ended, a retry still answers its deal; a new request is refused.
      const live = streams.get(STREAM)!;
      streams.set(STREAM, { ...live, status: 'ENDED' });
      try {
        expect((await startDeal(partner(brandId), input)).id).toBe(byBrand.id);
        expect(errorOf(await run(partner(brandId), START_BRAND_DEAL, { input: { ...input, idempotencyKey: key('after-end') } }))).toMatchObject({ code: 'STREAM_NOT_LIVE' });
      } finally {
        streams.set(STREAM, live);
      }
    });

    it('sells at the deal price with commission on what was paid, within the per-buyer limit, and ends it when sold out', async () => {
      const product = await pinned(40);
      const madeAt = clock.now().getTime();
      const endpoint = (await ok(partner(brandId), 'mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }', { input: { url: `http://127.0.0.1:9/deal-${made}`, topics: ['LIVE_DEAL_SOLD_OUT'] } })).registerWebhookEndpoint.endpoint;
      const deal = await startDeal(asUser(creator), dealInput(product.id, { quantity: 5, perBuyerLimit: 2, dealPrice: 1_199 }));
      const bought = await buy('usr_deal_a', deal.id, product.id, 2);
      expect(bought.errors).toBeUndefined();
      expect((bought.data as any).checkout.order).toMatchObject({ total: { amount: 2_398 }, commission: { amount: 239 }, lines: [{ unitPriceAmount: { amount: 1_199 }, quantity: 2 }] });
      expect(errorOf(await buy('usr_deal_a', deal.id, product.id, 1))).toMatchObject({ code: 'DEAL_LIMIT_REACHED', perBuyerLimit: 2, remaining: 0 });
      expect(errorOf(await buy('usr_deal_b', deal.id, product.id, 3))).toMatchObject({ code: 'DEAL_LIMIT_REACHED', remaining: 2 });
      clock.advance(200);
      expect((await buy('usr_deal_b', deal.id, product.id, 1)).errors).toBeUndefined();
      // Within a second of the last announcement: held back, and due a second after it.
      expect((await dealRow(deal.id)).unitsAnnounceDueAt?.getTime()).toBe(madeAt + 1_000);
      expect(errorOf(await buy('usr_deal_c', deal.id, product.id, 3))).toMatchObject({ code: 'DEAL_SOLD_OUT', unitsLeft: 2 });
      clock.advance(1_000);
      expect((await buy('usr_deal_c', deal.id, product.id, 2)).errors).toBeUndefined();
      expect(await dealRow(deal.id)).toMatchObject({ status: 'ENDED', endedReason: 'SOLD_OUT', unitsLeft: 0, unitsReturned: 0, unitsAnnounceDueAt: null });
      expect(errorOf(await buy('usr_deal_d', deal.id, product.id, 1))).toMatchObject({ code: 'DEAL_SOLD_OUT' });
      expect(await inventoryOf(product.id)).toBe(35);
      expect(await dealEvents(deal.id)).toEqual([
        ['DEAL_SCHEDULED', null],
        ['DEAL_STARTED', 5],
        ['DEAL_ENDED', 5],
      ]);
      const heard = await store().webhookDeliveriesPage(endpoint.id, { first: 10, after: null });
      expect(heard.map((row) => row.topic)).toEqual(['LIVE_DEAL_SOLD_OUT']);
      expect(JSON.parse(heard[0]!.body)).toMatchObject({ type: 'live.deal_sold_out', data: { liveStreamId: STREAM, deal: { id: deal.id, quantity: 5, dealPriceAmount: 1_199 }, product: { id: product.id } } });
      // The regular price again, from the shelf.
      const regular = await run(asUser('usr_deal_d'), CHECKOUT, { input: { lines: [{ productId: product.id, quantity: 1 }], liveStreamId: STREAM, idempotencyKey: key('regular') } });
      expect((regular.data as any).checkout.order.total.amount).toBe(PRICE);
    });

    it('runs the clock: not before the start, started and ended once each, the unsold units back on the shelf, nothing sold late', async () => {
      const product = await pinned(20);
      const at = clock.now().getTime();
      const deal = await startDeal(asUser(creator), dealInput(product.id, { quantity: 8, perBuyerLimit: 3, startsIn: 30, durationMinutes: 1 }));
      expect(errorOf(await buy('usr_deal_e', deal.id, product.id, 1))).toMatchObject({ code: 'DEAL_NOT_STARTED' });
      const startsAt = new Date(at + 30_000);
      const endsAt = new Date(at + 90_000);
      expect(await turnDealClock(store(), new Date(at + 29_999))).toEqual({ started: 0, ended: 0, announced: 0 });
      const twice = await Promise.all([turnDealClock(store(), startsAt), turnDealClock(store(), startsAt)]);
      expect(twice.reduce((sum, turn) => sum + turn.started, 0)).toBe(1);
      clock.set(new Date(at + 40_000));
      expect((await buy('usr_deal_e', deal.id, product.id, 3)).errors).toBeUndefined();
      clock.set(new Date(at + 40_500));
      expect((await buy('usr_deal_f', deal.id, product.id, 1)).errors).toBeUndefined();
      // The clock sends the units left the busy second held back, once.
      const trailing = await Promise.all([turnDealClock(store(), new Date(at + 41_000)), turnDealClock(store(), new Date(at + 41_000))]);
      expect(trailing.reduce((sum, turn) => sum + turn.announced, 0)).toBe(1);
      // Past the end with the clock late: the checkout itself refuses.
      clock.set(endsAt);
      expect(errorOf(await buy('usr_deal_g', deal.id, product.id, 1))).toMatchObject({ code: 'DEAL_ENDED' });
      const ends = await Promise.all([turnDealClock(store(), endsAt), turnDealClock(store(), endsAt)]);
      expect(ends.reduce((sum, turn) => sum + turn.ended, 0)).toBe(1);
      expect(await dealRow(deal.id)).toMatchObject({ status: 'ENDED', endedReason: 'TIME_UP', unitsLeft: 0, unitsReturned: 4 });
      expect(await inventoryOf(product.id)).toBe(20 - 4);
      expect(await dealEvents(deal.id)).toEqual([
        ['DEAL_SCHEDULED', null],
        ['DEAL_STARTED', 8],
        ['DEAL_UNITS_LEFT', 5],
        ['DEAL_UNITS_LEFT', 4],
        ['DEAL_ENDED', 4],
      ]);
      expect(errorOf(await buy('usr_deal_g', deal.id, product.id, 1))).toMatchObject({ code: 'DEAL_ENDED', endedReason: 'TIME_UP' });
      // A new deal on the product may start now.
      expect((await startDeal(asUser(creator), dealInput(product.id, { quantity: 2, perBuyerLimit: 1 }))).status).toBe('LIVE');
    });

    it('never sells more than reserved nor past a buyer’s limit under 200 racing checkouts', async () => {
      const product = await pinned(100);
      const deal = await startDeal(asUser(creator), dealInput(product.id, { quantity: 60, perBuyerLimit: 2, durationMinutes: 20 }));
      // 50 buyers, each racing themselves 4 times, 1 unit each time: 100 units asked of 60.
      const attempts = Array.from({ length: 200 }, (_, i) => buy(`usr_racer_${i % 50}`, deal.id, product.id, 1));
      const results = await Promise.all(attempts);
      const sold = results.filter((result) => !result.errors).length;
      const codes = new Set(results.flatMap((result) => (result.errors ? [String(result.errors[0]?.extensions?.code)] : [])));
      expect(sold).toBe(60);
      expect([...codes].every((code) => ['DEAL_SOLD_OUT', 'DEAL_LIMIT_REACHED'].includes(code))).toBe(true);
      const perBuyer = await Promise.all(Array.from({ length: 50 }, (_, i) => store().dealBuyerUnits(deal.id, `usr_racer_${i}`)));
      expect(Math.max(...perBuyer)).toBeLessThanOrEqual(2);
      expect(perBuyer.reduce((sum, units) => sum + units, 0)).toBe(60);
      const row = await dealRow(deal.id);
      expect(row).toMatchObject({ status: 'ENDED', endedReason: 'SOLD_OUT', unitsLeft: 0 });
      expect((await inventoryOf(product.id)) + row.unitsLeft + sold).toBe(100);
    }, 120_000);

    it('returns exactly the unsold units, once, when the deal ends while checkouts race', async () => {
      const product = await pinned(100);
      const at = clock.now().getTime();
      const deal = await startDeal(asUser(creator), dealInput(product.id, { quantity: 60, perBuyerLimit: 2, durationMinutes: 1 }));
      const endsAt = new Date(at + 60_000);
      const buying = Array.from({ length: 120 }, (_, i) => buy(`usr_ender_${i % 60}`, deal.id, product.id, 1));
      const ending = [turnDealClock(store(), endsAt), turnDealClock(store(), endsAt)];
      const [results, turns] = await Promise.all([Promise.all(buying), Promise.all(ending)]);
      const sold = results.filter((result) => !result.errors).length;
      expect(turns.reduce((sum, turn) => sum + turn.ended, 0)).toBe(sold === 60 ? 0 : 1);
      const row = await dealRow(deal.id);
      expect(row.status).toBe('ENDED');
      expect(row.unitsLeft).toBe(0);
      expect(row.quantity - row.unitsReturned).toBe(sold);
      expect(await inventoryOf(product.id)).toBe(100 - sold);
      const ended = (await dealEvents(deal.id)).filter(([kind]) => kind === 'DEAL_ENDED');
      expect(ended).toEqual([['DEAL_ENDED', sold]]);
    }, 120_000);

    it('ends a deal early by its creator or its brand, running or scheduled: units back once, DEAL_ENDED, a retry answered as it stands; others refused', async () => {
      const END = `mutation ($id: ID!) { endFlashDeal(dealId: $id) { ${DEAL} } }`;
      const END_BRAND = `mutation ($id: ID!) { endBrandFlashDeal(dealId: $id) { ${DEAL} } }`;
      const product = await pinned(30);
      const deal = await startDeal(asUser(creator), dealInput(product.id, { quantity: 10, perBuyerLimit: 2, durationMinutes: 10 }));
      expect((await buy('usr_deal_early', deal.id, product.id, 2)).errors).toBeUndefined();
      expect(errorOf(await run(asUser(otherCreator), END, { id: deal.id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_STREAM_CREATOR' });
      expect(errorOf(await run(partner(otherBrandId), END_BRAND, { id: deal.id }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(errorOf(await run(partner(brandId, ['orders:read']), END_BRAND, { id: deal.id }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(errorOf(await run(asUser(creator), END, { id: 'fld_nope' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect((await dealRow(deal.id)).status).toBe('LIVE');
      // Both enders at once: it ends once, and both are answered with the ended deal.
      const [byCreator, byBrand] = await Promise.all([ok(asUser(creator), END, { id: deal.id }), ok(partner(brandId), END_BRAND, { id: deal.id })]);
      for (const ended of [byCreator.endFlashDeal, byBrand.endBrandFlashDeal]) expect(ended).toMatchObject({ status: 'ENDED', endedReason: 'ENDED_EARLY', unitsLeft: 0, unitsSold: 2 });
      expect(await dealRow(deal.id)).toMatchObject({ unitsReturned: 8 });
      expect(await inventoryOf(product.id)).toBe(30 - 2);
      expect((await dealEvents(deal.id)).filter(([kind]) => kind === 'DEAL_ENDED')).toEqual([['DEAL_ENDED', 2]]);
      expect(errorOf(await buy('usr_deal_late', deal.id, product.id, 1))).toMatchObject({ code: 'DEAL_ENDED', endedReason: 'ENDED_EARLY' });
      // The clock, past the deal's end, has nothing of it left to end or return.
      await turnDealClock(store(), new Date(clock.now().getTime() + 11 * 60_000));
      expect(await dealRow(deal.id)).toMatchObject({ endedReason: 'ENDED_EARLY', unitsReturned: 8 });
      expect(await inventoryOf(product.id)).toBe(28);

      // A scheduled deal ended before its start sold nothing: every unit goes back, and the product may have a new deal.
      const scheduled = await startDeal(partner(brandId), dealInput(product.id, { quantity: 6, perBuyerLimit: 1, startsIn: 60 }));
      expect(await inventoryOf(product.id)).toBe(22);
      expect((await ok(partner(brandId), END_BRAND, { id: scheduled.id })).endBrandFlashDeal).toMatchObject({ status: 'ENDED', endedReason: 'ENDED_EARLY', unitsSold: 0, product: { inventory: 28 } });
      await turnDealClock(store(), new Date(clock.now().getTime() + 61_000));
      expect(await dealRow(scheduled.id)).toMatchObject({ status: 'ENDED', unitsReturned: 6 });
      expect((await startDeal(asUser(creator), dealInput(product.id, { quantity: 1, perBuyerLimit: 1 }))).status).toBe('LIVE');
    });

    it('ends a stream’s deals when content says the stream ended, scheduled and running, returning their units once', async () => {
      const ENDING = 'lst_deal_ending';
      const products = [newProduct(20), newProduct(20)];
      await store().insertProducts(products);
      for (const product of products) await ok(asUser(creator), 'mutation ($s: ID!, $p: ID!) { pinProduct(liveStreamId: $s, productId: $p) { id } }', { s: ENDING, p: product.id });
      const running = await startDeal(asUser(creator), dealInput(products[0]!.id, { liveStreamId: ENDING, quantity: 10 }));
      const scheduled = await startDeal(asUser(creator), dealInput(products[1]!.id, { liveStreamId: ENDING, quantity: 4, startsIn: 120 }));
      const other = await startDeal(asUser(creator), dealInput((await pinned(20)).id, { quantity: 5 }));
      expect((await run(asUser('usr_deal_stream'), CHECKOUT, { input: { lines: [{ productId: products[0]!.id, quantity: 1 }], liveStreamId: ENDING, flashDealId: running.id, idempotencyKey: key('stream') } })).errors).toBeUndefined();
      const watchesBefore = peers.watches.length;
      const dealClock = flashDealClock(store(), clock, createLogger('deal-clock-test', { level: 'silent' }), 10, peers.client);
      dealClock.start();
      try {
        await vi.waitFor(() => expect(peers.watches.slice(watchesBefore).some((watch) => watch.variables.liveStreamId === ENDING)).toBe(true), { timeout: 5_000 });
        expect((await dealRow(running.id)).status).toBe('LIVE');
        peers.finishWatches({ liveStreamId: ENDING });
        await vi.waitFor(async () => expect((await dealRow(running.id)).status).toBe('ENDED'), { timeout: 5_000 });
        await vi.waitFor(async () => expect((await dealRow(scheduled.id)).status).toBe('ENDED'), { timeout: 5_000 });
      } finally {
        await dealClock.stop();
      }
      expect(await dealRow(running.id)).toMatchObject({ endedReason: 'STREAM_ENDED', unitsReturned: 9 });
      expect(await dealRow(scheduled.id)).toMatchObject({ endedReason: 'STREAM_ENDED', unitsReturned: 4 });
      expect(await inventoryOf(products[0]!.id)).toBe(19);
      expect(await inventoryOf(products[1]!.id)).toBe(20);
      const ended = (await store().liveEventsAfter(ENDING, 0, 10_000)).filter((event) => event.kind === 'DEAL_ENDED').map((event) => (event.payload as { quantity: number }).quantity);
      expect(ended.sort()).toEqual([0, 1]);
      // Another stream's deal runs on.
      expect((await dealRow(other.id)).status).toBe('LIVE');
    });
  },
  { seed: seedCommerceStore },
);
