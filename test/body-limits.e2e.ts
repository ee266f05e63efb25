/**
 * One body limit for the whole graph (MAX_BODY_BYTES): the largest request the API promises to
 * take, a 10,000-item merch feed import, works end to end; the 10,001st item gets the feed's own
 * refusal; a 1 MB gift message gets the gift's own code. A subgraph that still refuses a body as
 * too large is reported as PAYLOAD_TOO_LARGE naming it, never as the service being down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '@app/kit/http';
import { createLogger } from '@app/kit/log';
import { shopBrands, userIds } from '@app/fixtures/world';
import { createGateway } from '@app/gateway/src/gateway.ts';
import { openKeyStore } from '@app/gateway/src/db/keys.ts';
import { serve as serveCommerce } from '@app/subgraph-commerce/src/server.ts';
import { startGraph, TEST_INTERNAL_SECRET, type RunningGraph } from './harness.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const IMPORT = 'mutation ($brandId: ID!, $feed: ProductFeedInput!) { importProductFeed(brandId: $brandId, feed: $feed) { created updated unchanged archived failed } }';
const brandId = shopBrands[0]?.id as string;

/** An item as a shop's feed sends it: a real title, a short description, an image. About 400 bytes of JSON. */
const feedItem = (i: number) => ({
  externalId: `glow-sku-${String(i).padStart(6, '0')}`,
  title: `Glow Theory Dewy Serum No. ${i} — 30 ml`,
  description: 'A lightweight hydrating serum with hyaluronic acid and niacinamide for a dewy, glass-skin finish. Fragrance free, vegan, 30 ml.',
  priceAmount: 2_499 + (i % 50) * 100,
  currencyCode: 'USD',
  inventory: 40 + (i % 200),
  status: 'ACTIVE',
  imageUrl: `https://cdn.glowtheory.example/products/sku-${String(i).padStart(6, '0')}/main.jpg`,
  commissionRate: 0.12,
});
const feedOf = (count: number) => ({ mode: 'PARTIAL', items: Array.from({ length: count }, (_, i) => feedItem(i)) });

async function importFeed(url: string, feed: ReturnType<typeof feedOf>, key: string) {
  const body = JSON.stringify({ query: IMPORT, variables: { brandId, feed } });
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body, signal: AbortSignal.timeout(25_000) });
  return { bytes: Buffer.byteLength(body), status: response.status, body: (await response.json()) as any };
}

describe('a merch feed import at the documented maximum', () => {
  it('imports 10,000 items end to end, and refuses 10,001 with the feed\'s own error', async () => {
    const key = graph.keys.create({ partnerId: brandId, name: 'big feed', scopes: ['catalog:write'] }).secret;
    const full = await importFeed(`${graph.url}graphql`, feedOf(10_000), key);
    // Well past the 1 MB the subgraphs used to take and the 2 MB the gateway used to take.
    expect(full.bytes).toBeGreaterThan(3_900_000);
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data.importProductFeed).toEqual({ created: 10_000, updated: 0, unchanged: 0, archived: 0, failed: 0 });

    const over = await importFeed(`${graph.url}graphql`, feedOf(10_001), key);
    expect(over.body.data.importProductFeed).toBeNull();
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items', max: 10_000 });
    expect(over.body.errors?.[0]?.message).toMatch(/at most 10000 items/);
  });
});

describe('a Small Gesture with a 1 MB message', () => {
  it('gets MESSAGE_TOO_LONG from gifts, not SERVICE_UNAVAILABLE', async () => {
    const headers = { authorization: `Bearer ${await graph.tokenFor(userIds[40] as string)}` };
    const offers = (await graph.query('{ smallGestureOffers { offers { id } } }', {}, headers)).body.data.smallGestureOffers.offers;
    const input = { offerId: offers[0].id, recipientId: userIds[41], message: 'x'.repeat(1_000_000), idempotencyKey: 'big-message-1' };
    const { status, body } = await graph.query('mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { gift { id } } }', { input }, headers);
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'MESSAGE_TOO_LONG', max: 150, length: 1_000_000 });
  });
});

describe('a subgraph that refuses a body as too large', () => {
  it('is reported as PAYLOAD_TOO_LARGE naming it, and the gateway still serves the rest', async () => {
    // A commerce deployed with a smaller limit than the gateway's.
    const commerce = await serveCommerce(graph.stores.commerce, { port: 0, host: '127.0.0.1', logger: createLogger('commerce', { level: 'silent' }), internalSecret: TEST_INTERNAL_SECRET, maxBodyBytes: 100_000 });
    const keys = openKeyStore(':memory:');
    const gateway = createGateway({ config: graph.config, keys, logger: createLogger('gateway', { level: 'silent' }), subgraphUrls: { ...graph.subgraphUrls, commerce: `${commerce.url}graphql` } });
    await gateway.start();
    const http = await listen(gateway.handler, 0, '127.0.0.1');
    try {
      const key = keys.create({ partnerId: brandId, name: 'feed', scopes: ['catalog:write'] }).secret;
      const { status, body } = await importFeed(`${http.url}graphql`, feedOf(500), key);
      expect(status).toBe(200);
      expect(body.data.importProductFeed).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', service: 'commerce' });
      const small = await fetch(`${http.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ brands(first: 1) { edges { node { id } } } creators(first: 1) { edges { node { handle } } } }' }) });
      expect(((await small.json()) as any).errors).toBeUndefined();
    } finally {
      await http.close();
      await gateway.stop();
      await commerce.stop();
      keys.close();
    }
  });
});
