/**
 * Brands find creators by sample fulfilment rate, through the gateway (issue 23): the test settles
 * samples through the API (two creators fulfil theirs with a tagged video, one misses the content
 * window when commerce's clock moves past it), then a brand's `campaigns:read` key asks the
 * creators directory (users) for a minimum rate, which users asks of commerce on the brand's
 * behalf, and gets exactly those creators in directory order. Callers commerce does not show rates
 * to get its FORBIDDEN, even right after the brand's answer (nothing is cached). Runs on SQLite and,
 * with `scripts/test-postgres.ts`, on Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, manualClock } from '@app/kit/clock';
import { DEFAULT_SETTINGS } from '@app/subgraph-commerce/src/settings.ts';
import { creatorIds, shopBrands } from '@app/fixtures/world';
import { eventually } from './eventually.ts';
import { startGraph, type RunningGraph } from './harness.ts';

const brandId = shopBrands[5]?.id as string;
const fulfilling = [creatorIds[3]!, creatorIds[8]!];
const missing = creatorIds[14]!;
const clock = manualClock();

const SEARCH = 'query ($min: Float, $first: Int, $after: String) { searchCreators(minFulfilmentRate: $min, first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }';

describe('the creators directory by fulfilment rate, through the gateway', () => {
  let graph: RunningGraph;
  let brandKey: Record<string, string>;
  let readKey: Record<string, string>;
  let productId: string;
  let keys = 0;
  const key = (what: string) => `directory-e2e-${what}-${++keys}`;
  const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
  async function ok(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    const { body } = await graph.query(query, variables, headers);
    expect(body.errors).toBeUndefined();
    return body.data;
  }
  const rateOf = async (creator: string) => (await ok('query ($id: ID!) { node(id: $id) { ... on Creator { sampleFulfilment { fulfilled missed rate } } } }', { id: creator }, readKey)).node.sampleFulfilment;
  const directoryIds = async (min: number | null, headers: Record<string, string>): Promise<string[]> => (await ok(SEARCH, { min, first: 50 }, headers)).searchCreators.edges.map((edge: any) => edge.node.id as string);

  /** A delivered sample of the campaign's product for an accepted creator. */
  async function deliveredSample(campaignId: string, creator: string): Promise<string> {
    await ok('mutation ($c: ID!) { acceptCampaignInvitation(campaignId: $c) { status } }', { c: campaignId }, await as(creator));
    const sample = (await ok('mutation ($c: ID!, $p: ID!) { requestCampaignSample(campaignId: $c, productId: $p) { id } }', { c: campaignId, p: productId }, await as(creator))).requestCampaignSample;
    await ok('mutation ($s: ID!) { approveCampaignSample(sampleId: $s) { status } }', { s: sample.id }, brandKey);
    await ok('mutation ($i: ShipCampaignSampleInput!) { shipCampaignSample(input: $i) { status } }', { i: { sampleId: sample.id, carrier: 'UPS', trackingNumber: `1Z${keys}` } }, brandKey);
    await ok('mutation ($s: ID!) { markCampaignSampleDelivered(sampleId: $s) { status } }', { s: sample.id }, brandKey);
    return sample.id as string;
  }

  beforeAll(async () => {
    graph = await startGraph({ commerce: { clock, settings: { ...DEFAULT_SETTINGS, samples: { ...DEFAULT_SETTINGS.samples, clockPollMs: 20 } } } });
    brandKey = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'directory e2e', scopes: ['campaigns:write', 'catalog:write'] })).secret };
    readKey = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'directory e2e read', scopes: ['campaigns:read'] })).secret };
    const items = [{ externalId: 'directory-e2e', title: 'Directory lamp', priceAmount: 4_000, inventory: 10, status: 'ACTIVE', commissionRate: 0.1 }];
    await ok('mutation ($b: ID!, $f: ProductFeedInput!) { importProductFeed(brandId: $b, feed: $f) { created } }', { b: brandId, f: { mode: 'PARTIAL', items } }, brandKey);
    productId = (await ok('query ($b: ID!) { brand(id: $b) { productByExternalId(externalId: "directory-e2e") { id } } }', { b: brandId }, brandKey)).brand.productByExternalId.id;

    const campaign = (
      await ok(
        'mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }',
        { i: { name: 'Lamp light', brief: 'An evening with the lamp.', productIds: [productId], commissionRate: 0.2, contentDeadline: new Date(clock.now().getTime() + 60 * DAY_MS).toISOString(), capacity: 3, idempotencyKey: key('create') } },
        brandKey,
      )
    ).createCampaign;
    await ok('mutation ($c: ID!, $ids: [ID!]!) { inviteCreators(campaignId: $c, creatorIds: $ids) { status } }', { c: campaign.id, ids: [...fulfilling, missing] }, brandKey);
    for (const creator of fulfilling) {
      const sampleId = await deliveredSample(campaign.id, creator);
      const video = await ok(
        'mutation ($input: PublishVideoInput!) { publishVideo(input: $input) { id } }',
        { input: { caption: 'Evening light', hashtags: ['home'], durationSeconds: 30, playbackUrl: 'https://media.example.com/v/lamp.m3u8', thumbnailUrl: 'https://media.example.com/v/lamp.jpg', productIds: [productId] } },
        await as(creator),
      );
      await ok('mutation ($i: FulfilCampaignSampleInput!) { fulfilCampaignSample(input: $i) { status } }', { i: { sampleId, videoId: video.publishVideo.id } }, await as(creator));
    }
    await deliveredSample(campaign.id, missing);
    // Past the content window: commerce's samples clock marks the missing creator's sample MISSED.
    clock.advance((DEFAULT_SETTINGS.samples.contentDays + 1) * DAY_MS);
    await eventually(async () => (await rateOf(missing)).missed === 1, "the missing creator's sample marked MISSED", 20_000);
  }, 120_000);
  afterAll(() => graph?.stop());

  it('answers a brand exactly the creators at or above the minimum, in directory order', async () => {
    for (const creator of fulfilling) expect(await rateOf(creator)).toEqual({ fulfilled: 1, missed: 0, rate: 1 });
    expect(await rateOf(missing)).toEqual({ fulfilled: 0, missed: 1, rate: 0 });
    const order = await directoryIds(null, readKey);
    expect(order.length).toBeGreaterThanOrEqual(20);

    expect(await directoryIds(0.5, readKey)).toEqual(order.filter((id) => fulfilling.includes(id)));
    expect(await directoryIds(0, brandKey)).toEqual(order.filter((id) => [...fulfilling, missing].includes(id)));
    // Paged one at a time, the pages go on from each other and end.
    const first = (await ok(SEARCH, { min: 0.5, first: 1 }, readKey)).searchCreators;
    const second = (await ok(SEARCH, { min: 0.5, first: 1, after: first.pageInfo.endCursor }, readKey)).searchCreators;
    expect([...first.edges, ...second.edges].map((edge: any) => edge.node.id)).toEqual(order.filter((id) => fulfilling.includes(id)));
  });

  it("refuses callers commerce does not show rates to with its FORBIDDEN, after a brand's answer too, and bad input by name", async () => {
    await directoryIds(0.5, readKey);
    const catalogOnly = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'directory e2e catalog', scopes: ['catalog:write'] })).secret };
    for (const headers of [{}, catalogOnly, await as(fulfilling[0]!)]) {
      const { body } = await graph.query(SEARCH, { min: 0.5, first: 50 }, headers);
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Without the argument the directory is everyone's, as before.
    expect((await directoryIds(null, {})).length).toBeGreaterThanOrEqual(20);
    const { body } = await graph.query(SEARCH, { min: 1.5, first: 5 }, readKey);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'minFulfilmentRate' });
  });
});
