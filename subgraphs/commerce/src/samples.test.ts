/**
 * Campaign samples through the subgraph's schema, on SQLite and Postgres: the loop from request to
 * content (a tagged video, a LIVE pin), the fixed fee made payable and paid out through the
 * commission payout with the kept rows agreeing with their recount, the brand's window lapsing, the
 * clock marking missed content, the kept fulfilment rate and the threshold it guards, and each
 * refusal's code.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shopBrands } from '@app/fixtures/world';
import { manualClock } from '@app/kit/clock';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { answeredBy, errorOf, fakePeers, runOperation } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createContext, defaultServices, type CommerceServices } from './context.ts';
import type { NewFeedProduct } from './db/contract.ts';
import { seedCommerceStore } from './db/seed.ts';
import { openCommercePgStore, openCommerceStore, type CommerceStore } from './db/store.ts';
import { turnSampleClock } from './samples.ts';
import { createServer } from './server.ts';

const DAY = 86_400_000;
const clock = manualClock(new Date(Date.UTC(2027, 6, 1, 12, 0, 0)));
const brandId = shopBrands[4]?.id as string;
const otherBrandId = shopBrands[5]?.id as string;
const creators = Array.from({ length: 8 }, (_, i) => `usr_smp_creator_${i}`);
const videos = new Map<string, Record<string, unknown>>();
const streams = new Map<string, Record<string, unknown>>();
const peers = fakePeers({ Creator: new Map(creators.map((id) => [id, {}])), Video: videos, LiveStream: streams });
const services: CommerceServices = { ...defaultServices(), clock };

const partner = (id: string, scopes = ['campaigns:write', 'webhooks:write']): Viewer => ({ ...anonymousViewer(), partnerId: id, scopes });
const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });

const server = createServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const SAMPLE = 'id status decideBy contentDueAt deliveredBy contentKind shipment { carrier trackingNumber } video { id } liveStream { id } product { id } campaign { id }';
const REQUEST = `mutation ($c: ID!, $p: ID!) { requestCampaignSample(campaignId: $c, productId: $p) { ${SAMPLE} } }`;
const APPROVE = `mutation ($s: ID!) { approveCampaignSample(sampleId: $s) { ${SAMPLE} } }`;
const DECLINE = `mutation ($s: ID!) { declineCampaignSample(sampleId: $s) { ${SAMPLE} } }`;
const SHIP = `mutation ($i: ShipCampaignSampleInput!) { shipCampaignSample(input: $i) { ${SAMPLE} } }`;
const CONFIRM = `mutation ($s: ID!) { confirmCampaignSampleDelivered(sampleId: $s) { ${SAMPLE} } }`;
const MARK = `mutation ($s: ID!) { markCampaignSampleDelivered(sampleId: $s) { ${SAMPLE} } }`;
const FULFIL = `mutation ($i: FulfilCampaignSampleInput!) { fulfilCampaignSample(input: $i) { ${SAMPLE} } }`;
const RECORD = 'query ($id: ID!) { _entities(representations: [{ __typename: "Creator", id: $id }]) { ... on Creator { sampleFulfilment { fulfilled missed rate } } } }';

let made = 0;
let keys = 0;
const key = () => `sample-key-${++keys}`;

describeOnEachEngine<CommerceStore>(
  'campaign samples',
  { sqlite: openCommerceStore, postgres: openCommercePgStore },
  (store) => {
    const run = (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) => runOperation(server, createContext(store(), viewer, peers.client, services), query, variables);
    const ok = answeredBy(run);
    /** A campaign of `count` fresh products with `creator` accepted in it. */
    async function joined(creator: string, extra: Record<string, unknown> = {}, count = 1) {
      const products: NewFeedProduct[] = Array.from({ length: count }, () => {
        made += 1;
        return { id: `prd_smp_${made}`, brandId, title: `Sample product ${made}`, description: '', priceAmount: 4_000, currency: 'USD', inventory: 20, status: 'ACTIVE', commissionBps: 1_000, imageUrl: 'https://img.example/s.png', externalId: null, createdAt: clock.now() };
      });
      await store().insertProducts(products);
      const input = { name: 'Samples', brief: 'Film it.', productIds: products.map((p) => p.id), commissionRate: 0.2, fixedFee: 5_000, contentDeadline: new Date(clock.now().getTime() + 60 * DAY).toISOString(), capacity: 5, idempotencyKey: key(), ...extra };
      const campaign = (await ok(partner(brandId), 'mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }', { i: input })).createCampaign;
      await ok(partner(brandId), 'mutation ($c: ID!, $ids: [ID!]!) { inviteCreators(campaignId: $c, creatorIds: $ids) { status } }', { c: campaign.id, ids: [creator] });
      await ok(asUser(creator), 'mutation ($c: ID!) { acceptCampaignInvitation(campaignId: $c) { status } }', { c: campaign.id });
      return { campaign, products };
    }
    /** A sample of `productId` requested, approved, shipped and delivered (confirmed by the creator). */
    async function delivered(creator: string, campaignId: string, productId: string) {
      const sample = (await ok(asUser(creator), REQUEST, { c: campaignId, p: productId })).requestCampaignSample;
      await ok(partner(brandId), APPROVE, { s: sample.id });
      await ok(partner(brandId), SHIP, { i: { sampleId: sample.id, carrier: 'UPS', trackingNumber: `1Z${made}` } });
      return (await ok(asUser(creator), CONFIRM, { s: sample.id })).confirmCampaignSampleDelivered;
    }

    it('runs a sample from request to a tagged video: the fee becomes payable and is paid out with the commission, kept rows agreeing', async () => {
      const creator = creators[0]!;
      const endpoint = (await ok(partner(brandId), 'mutation ($i: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $i) { endpoint { id } } }', { i: { url: 'http://127.0.0.1:9/samples', topics: ['CAMPAIGN_CONTENT_DELIVERED'] } }))
        .registerWebhookEndpoint.endpoint;
      const { campaign, products } = await joined(creator);
      const product = products[0]!;
      const requested = (await ok(asUser(creator), REQUEST, { c: campaign.id, p: product.id })).requestCampaignSample;
      expect(requested).toMatchObject({ status: 'REQUESTED', product: { id: product.id }, campaign: { id: campaign.id } });
      expect(new Date(requested.decideBy).getTime() - clock.now().getTime()).toBe(7 * DAY);
      // Asking again while it waits answers the same request.
      expect((await ok(asUser(creator), REQUEST, { c: campaign.id, p: product.id })).requestCampaignSample.id).toBe(requested.id);
      expect((await ok(partner(brandId), APPROVE, { s: requested.id })).approveCampaignSample.status).toBe('APPROVED');
      expect((await ok(partner(brandId), SHIP, { i: { sampleId: requested.id, carrier: 'UPS', trackingNumber: '1Z999' } })).shipCampaignSample).toMatchObject({ status: 'SHIPPED', shipment: { carrier: 'UPS', trackingNumber: '1Z999' } });
      clock.advance(2 * DAY);
      const arrived = (await ok(asUser(creator), CONFIRM, { s: requested.id })).confirmCampaignSampleDelivered;
      expect(arrived).toMatchObject({ status: 'DELIVERED', deliveredBy: 'CREATOR' });
      expect(new Date(arrived.contentDueAt).getTime() - clock.now().getTime()).toBe(14 * DAY);
      // The brand's mark after the creator's changes nothing.
      expect((await ok(partner(brandId), MARK, { s: requested.id })).markCampaignSampleDelivered.deliveredBy).toBe('CREATOR');

      const videoId = `vid_smp_${made}`;
      videos.set(videoId, { creator: { id: creator }, taggedProducts: [{ id: 'prd_else' }] });
      expect(errorOf(await run(asUser(creator), FULFIL, { i: { sampleId: requested.id, videoId } }))).toMatchObject({ code: 'CONTENT_DOES_NOT_FEATURE_PRODUCT' });
      videos.set(videoId, { creator: { id: creators[1] }, taggedProducts: [{ id: product.id }] });
      expect(errorOf(await run(asUser(creator), FULFIL, { i: { sampleId: requested.id, videoId } }))).toMatchObject({ code: 'CONTENT_DOES_NOT_FEATURE_PRODUCT' });
      videos.set(videoId, { creator: { id: creator }, taggedProducts: [{ id: product.id }] });
      clock.advance(3 * DAY);
      const fulfilled = (await ok(asUser(creator), FULFIL, { i: { sampleId: requested.id, videoId } })).fulfilCampaignSample;
      expect(fulfilled).toMatchObject({ status: 'FULFILLED', contentKind: 'VIDEO', video: { id: videoId } });
      expect((await ok(asUser(creator), FULFIL, { i: { sampleId: requested.id, videoId } })).fulfilCampaignSample.status).toBe('FULFILLED');
      expect((await ok(partner(brandId), RECORD, { id: creator }))._entities[0].sampleFulfilment).toEqual({ fulfilled: 1, missed: 0, rate: 1 });

      // The fee is PAYABLE at once and goes out with the next payout; the kept rows agree with their recount.
      const buckets = async () => Object.fromEntries((await store().commissionBuckets([creator], clock.now())).map((row) => [row.bucket, row.net]));
      expect(await buckets()).toEqual({ PAYABLE: 5_000 });
      const payout = (await ok(asUser(creator), 'mutation ($i: RequestCommissionPayoutInput!) { requestCommissionPayout(input: $i) { status amount { amount } } }', { i: { idempotencyKey: key() } })).requestCommissionPayout;
      expect(payout).toEqual({ status: 'PAID', amount: { amount: 5_000 } });
      expect(await buckets()).toEqual({ PAID: 5_000 });
      expect(errorOf(await run(asUser(creator), 'mutation ($i: RequestCommissionPayoutInput!) { requestCommissionPayout(input: $i) { status } }', { i: { idempotencyKey: key() } }))).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 0 });
      expect(await store().keptCountDifferences()).toEqual([]);

      const sent = (await store().webhookDeliveriesPage(endpoint.id, { first: 10, after: null })).map((row) => JSON.parse(row.body));
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ type: 'campaign.content_delivered', data: { campaign: { id: campaign.id }, creatorId: creator, sample: { id: requested.id }, content: { kind: 'VIDEO', id: videoId }, feePayable: { amount: 5_000, currency: 'USD' } } });
    });

    it('refuses out of turn, lets a request lapse, marks missed content, keeps the rate, and guards the threshold', async () => {
      const creator = creators[2]!;
      const { campaign, products } = await joined(creator, { fixedFee: 0 }, 4);
      const [lapsing, declined, missing, pinned] = products as [NewFeedProduct, NewFeedProduct, NewFeedProduct, NewFeedProduct];
      expect(errorOf(await run(asUser(creators[3]!), REQUEST, { c: campaign.id, p: lapsing.id }))).toMatchObject({ code: 'NOT_A_CAMPAIGN_MEMBER', status: null });
      expect(errorOf(await run(asUser(creator), REQUEST, { c: campaign.id, p: 'prd_nope' }))).toMatchObject({ code: 'PRODUCT_NOT_IN_CAMPAIGN' });

      const first = (await ok(asUser(creator), REQUEST, { c: campaign.id, p: lapsing.id })).requestCampaignSample;
      expect(errorOf(await run(partner(otherBrandId), APPROVE, { s: first.id }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(errorOf(await run(partner(brandId), SHIP, { i: { sampleId: first.id, carrier: 'UPS', trackingNumber: '1' } }))).toMatchObject({ code: 'SAMPLE_NOT_APPROVED', status: 'REQUESTED' });
      const second = (await ok(asUser(creator), REQUEST, { c: campaign.id, p: declined.id })).requestCampaignSample;
      expect((await ok(partner(brandId), DECLINE, { s: second.id })).declineCampaignSample.status).toBe('DECLINED');
      expect(errorOf(await run(partner(brandId), APPROVE, { s: second.id }))).toMatchObject({ code: 'SAMPLE_ALREADY_DECIDED', status: 'DECLINED' });
      expect(errorOf(await run(asUser(creator), REQUEST, { c: campaign.id, p: declined.id }))).toMatchObject({ code: 'SAMPLE_ALREADY_REQUESTED', status: 'DECLINED' });
      clock.advance(7 * DAY);
      expect((await ok(asUser(creator), `query ($s: ID!) { campaignSample(id: $s) { status } }`, { s: first.id })).campaignSample.status).toBe('LAPSED');
      expect(errorOf(await run(partner(brandId), APPROVE, { s: first.id }))).toMatchObject({ code: 'SAMPLE_LAPSED' });

      const late = await delivered(creator, campaign.id, missing.id);
      expect(errorOf(await run(asUser(creator), FULFIL, { i: { sampleId: late.id } }))).toMatchObject({ code: 'BAD_USER_INPUT' });
      clock.advance(14 * DAY);
      const videoId = `vid_smp_late_${made}`;
      videos.set(videoId, { creator: { id: creator }, taggedProducts: [{ id: missing.id }] });
      // Past the window: refused whether or not the clock has marked it yet.
      expect(errorOf(await run(asUser(creator), FULFIL, { i: { sampleId: late.id, videoId } }))).toMatchObject({ code: 'SAMPLE_CONTENT_OVERDUE' });
      expect(await turnSampleClock(store(), clock.now())).toBe(1);
      expect(await turnSampleClock(store(), clock.now())).toBe(0);
      expect((await ok(asUser(creator), `query ($s: ID!) { campaignSample(id: $s) { status } }`, { s: late.id })).campaignSample.status).toBe('MISSED');

      // A LIVE stream of the creator's with the product pinned fulfils it too.
      const streamId = `lst_smp_${made}`;
      streams.set(streamId, { status: 'LIVE', creator: { id: creator } });
      const live = await delivered(creator, campaign.id, pinned.id);
      expect(errorOf(await run(asUser(creator), FULFIL, { i: { sampleId: live.id, liveStreamId: streamId } }))).toMatchObject({ code: 'CONTENT_DOES_NOT_FEATURE_PRODUCT' });
      await ok(asUser(creator), 'mutation ($s: ID!, $p: ID!) { pinProduct(liveStreamId: $s, productId: $p) { id } }', { s: streamId, p: pinned.id });
      expect((await ok(asUser(creator), FULFIL, { i: { sampleId: live.id, liveStreamId: streamId } })).fulfilCampaignSample).toMatchObject({ status: 'FULFILLED', contentKind: 'LIVE', liveStream: { id: streamId } });
      expect((await ok(asUser(creator), RECORD, { id: creator }))._entities[0].sampleFulfilment).toEqual({ fulfilled: 1, missed: 1, rate: 0.5 });
      expect(errorOf(await run(asUser(creators[3]!), RECORD, { id: creator }))).toMatchObject({ code: 'FORBIDDEN' });

      // A campaign asking for 0.6 refuses their samples; one asking for 0.5 does not.
      const strict = await joined(creator, { minFulfilmentRate: 0.6 });
      expect(errorOf(await run(asUser(creator), REQUEST, { c: strict.campaign.id, p: strict.products[0]!.id }))).toMatchObject({ code: 'FULFILMENT_RATE_TOO_LOW', rate: 0.5, minimum: 0.6 });
      const fair = await joined(creator, { minFulfilmentRate: 0.5 });
      expect((await ok(asUser(creator), REQUEST, { c: fair.campaign.id, p: fair.products[0]!.id })).requestCampaignSample.status).toBe('REQUESTED');
      const listed = await ok(partner(brandId), 'query ($c: ID!) { campaign(id: $c) { samples(first: 10) { edges { node { id status } } } } }', { c: campaign.id });
      expect(listed.campaign.samples.edges).toHaveLength(4);
      expect((await ok(asUser(creator), 'query { mySamples(first: 100) { edges { node { id } } } }')).mySamples.edges.length).toBeGreaterThanOrEqual(5);
      expect(await store().keptCountDifferences()).toEqual([]);
    });
  },
  { seed: seedCommerceStore },
);
