/**
 * Campaigns and samples through the gateway (issue 23), the whole loop: a brand's key creates a
 * campaign and invites a creator, who accepts and requests a sample; the brand approves, ships and
 * marks it delivered; the creator publishes a video tagging the product (content keeps the tag)
 * and gives it as the sample's content, which fulfils it and makes the fixed fee payable; a viewer
 * buys from the video at the campaign's rate and the creator's statement names the campaign; the
 * brand sees the creator's fulfilment rate. Refusals keep their codes. Runs on SQLite and, with
 * `scripts/test-postgres.ts`, on Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';

const brandId = shopBrands[6]?.id as string;
const creator = creatorIds[11]!;
const outsider = creatorIds[12]!;
const buyer = userIds.filter((id) => !creatorIds.includes(id))[7]!;
const PRICE = 3_000;

describe('campaigns and samples through the gateway', () => {
  let graph: RunningGraph;
  let brandKey: Record<string, string>;
  let productId: string;
  let keys = 0;
  const key = (what: string) => `campaign-e2e-${what}-${++keys}`;
  const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
  async function ok(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    const { body } = await graph.query(query, variables, headers);
    expect(body.errors).toBeUndefined();
    return body.data;
  }
  const codeOf = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => (await graph.query(query, variables, headers)).body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    graph = await startGraph();
    brandKey = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'campaigns e2e', scopes: ['campaigns:write', 'catalog:write'] })).secret };
    const items = [{ externalId: 'campaign-e2e', title: 'Campaign serum', priceAmount: PRICE, inventory: 40, status: 'ACTIVE', commissionRate: 0.1 }];
    const imported = await ok('mutation ($b: ID!, $f: ProductFeedInput!) { importProductFeed(brandId: $b, feed: $f) { created } }', { b: brandId, f: { mode: 'PARTIAL', items } }, brandKey);
    expect(imported.importProductFeed.created).toBe(1);
    productId = (await ok('query ($b: ID!) { brand(id: $b) { productByExternalId(externalId: "campaign-e2e") { id } } }', { b: brandId }, brandKey)).brand.productByExternalId.id;
  }, 90_000);
  afterAll(() => graph?.stop());

  it('runs create → invite → accept → sample → ship → deliver → tagged video → fulfilled → sale at the campaign rate → statement → fee payable', async () => {
    const campaign = (
      await ok(
        'mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id status commissionRate fixedFee { amount } } }',
        { i: { name: 'Glow season', brief: 'A morning routine with the serum.', productIds: [productId], commissionRate: 0.25, fixedFee: 7_500, contentDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(), capacity: 2, idempotencyKey: key('create') } },
        brandKey,
      )
    ).createCampaign;
    expect(campaign).toMatchObject({ status: 'OPEN', commissionRate: 0.25, fixedFee: { amount: 7_500 } });

    await ok('mutation ($c: ID!, $ids: [ID!]!) { inviteCreators(campaignId: $c, creatorIds: $ids) { status } }', { c: campaign.id, ids: [creator] }, brandKey);
    const invitations = await ok('{ myCampaigns { edges { node { status campaign { id name brand { id } } } } } }', {}, await as(creator));
    expect(invitations.myCampaigns.edges.map((edge: any) => edge.node)).toContainEqual({ status: 'INVITED', campaign: { id: campaign.id, name: 'Glow season', brand: { id: brandId } } });
    const accepted = await ok('mutation ($c: ID!) { acceptCampaignInvitation(campaignId: $c) { status campaign { acceptedCount } } }', { c: campaign.id }, await as(creator));
    expect(accepted.acceptCampaignInvitation).toEqual({ status: 'ACCEPTED', campaign: { acceptedCount: 1 } });

    const sample = (await ok('mutation ($c: ID!, $p: ID!) { requestCampaignSample(campaignId: $c, productId: $p) { id status } }', { c: campaign.id, p: productId }, await as(creator))).requestCampaignSample;
    expect(sample.status).toBe('REQUESTED');
    await ok('mutation ($s: ID!) { approveCampaignSample(sampleId: $s) { status } }', { s: sample.id }, brandKey);
    await ok('mutation ($i: ShipCampaignSampleInput!) { shipCampaignSample(input: $i) { status } }', { i: { sampleId: sample.id, carrier: 'USPS', trackingNumber: '9400 1000 0000' } }, brandKey);
    const delivered = (await ok('mutation ($s: ID!) { markCampaignSampleDelivered(sampleId: $s) { status deliveredBy contentDueAt } }', { s: sample.id }, brandKey)).markCampaignSampleDelivered;
    expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredBy: 'BRAND' });

    const published = await ok(
      'mutation ($input: PublishVideoInput!) { publishVideo(input: $input) { id } }',
      { input: { caption: 'My morning glow', hashtags: ['skincare'], durationSeconds: 40, playbackUrl: 'https://media.example.com/v/glow.m3u8', thumbnailUrl: 'https://media.example.com/v/glow.jpg', productIds: [productId] } },
      await as(creator),
    );
    const videoId = published.publishVideo.id as string;
    const fulfilled = await ok('mutation ($i: FulfilCampaignSampleInput!) { fulfilCampaignSample(input: $i) { status contentKind video { id } } }', { i: { sampleId: sample.id, videoId } }, await as(creator));
    expect(fulfilled.fulfilCampaignSample).toEqual({ status: 'FULFILLED', contentKind: 'VIDEO', video: { id: videoId } });

    // A sale from the video pays the campaign's rate: floor(2 × 3,000 × 2,500 / 10,000) = 1,500.
    const order = (
      await ok(
        'mutation ($i: CheckoutInput!) { checkout(input: $i) { order { id commission { amount } } } }',
        { i: { videoId, lines: [{ productId, quantity: 2 }], idempotencyKey: key('buy') } },
        await as(buyer),
      )
    ).checkout.order;
    expect(order.commission.amount).toBe(1_500);
    const statement = await ok(
      'query ($id: ID!) { node(id: $id) { ... on Creator { commissionStatement { lines(first: 10) { edges { node { rate amount { amount } campaign { id name } order { id } } } } } earnings { commissionBalance { available { amount } pending { amount } } } } } }',
      { id: creator },
      await as(creator),
    );
    const line = statement.node.commissionStatement.lines.edges.map((edge: any) => edge.node).find((node: any) => node.order.id === order.id);
    expect(line).toEqual({ rate: 0.25, amount: { amount: 1_500 }, campaign: { id: campaign.id, name: 'Glow season' }, order: { id: order.id } });
    // The fee is payable now; the sale's commission waits for shipment.
    expect(statement.node.earnings.commissionBalance.available.amount).toBeGreaterThanOrEqual(7_500);
    expect(statement.node.earnings.commissionBalance.pending.amount).toBeGreaterThanOrEqual(1_500);

    const record = await ok('query ($id: ID!) { node(id: $id) { ... on Creator { sampleFulfilment { fulfilled missed rate } } } }', { id: creator }, brandKey);
    expect(record.node.sampleFulfilment).toEqual({ fulfilled: 1, missed: 0, rate: 1 });
    const samples = await ok('query ($c: ID!) { campaign(id: $c) { acceptedCount samples(first: 5) { edges { node { id status creator { id } product { id } } } } } }', { c: campaign.id }, brandKey);
    expect(samples.campaign.samples.edges.map((edge: any) => edge.node)).toEqual([{ id: sample.id, status: 'FULFILLED', creator: { id: creator }, product: { id: productId } }]);
    expect(await graph.stores.commerce.keptCountDifferences()).toEqual([]);
  });

  it('refuses with stable codes: the scope, a rate not above the open rate, a stranger to the campaign, a product not in it', async () => {
    const readOnly = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'campaigns read', scopes: ['campaigns:read'] })).secret };
    const input = (extra: Record<string, unknown>) => ({ name: 'Refusals', brief: 'b', productIds: [productId], commissionRate: 0.2, contentDeadline: new Date(Date.now() + 86_400_000).toISOString(), capacity: 1, idempotencyKey: key('refuse'), ...extra });
    const CREATE = 'mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }';
    expect(await codeOf(CREATE, { i: input({}) }, readOnly)).toBe('FORBIDDEN');
    expect(await codeOf(CREATE, { i: input({ commissionRate: 0.1 }) }, brandKey)).toBe('CAMPAIGN_RATE_TOO_LOW');
    const campaign = (await ok(CREATE, { i: input({}) }, brandKey)).createCampaign;
    expect(await codeOf('mutation ($c: ID!) { acceptCampaignInvitation(campaignId: $c) { status } }', { c: campaign.id }, await as(outsider))).toBe('NOT_INVITED');
    expect(await codeOf('mutation ($c: ID!, $p: ID!) { requestCampaignSample(campaignId: $c, productId: $p) { id } }', { c: campaign.id, p: productId }, await as(outsider))).toBe('NOT_A_CAMPAIGN_MEMBER');
    await ok('mutation ($c: ID!) { applyToCampaign(campaignId: $c, message: "Pick me") { status } }', { c: campaign.id }, await as(outsider));
    const applicants = await ok('query ($c: ID!) { campaign(id: $c) { members(status: APPLIED) { edges { node { creator { id } message } } } } }', { c: campaign.id }, readOnly);
    expect(applicants.campaign.members.edges.map((edge: any) => edge.node)).toEqual([{ creator: { id: outsider }, message: 'Pick me' }]);
    await ok('mutation ($c: ID!, $id: ID!) { approveCampaignApplicant(campaignId: $c, creatorId: $id) { status } }', { c: campaign.id, id: outsider }, brandKey);
    expect(await codeOf('mutation ($c: ID!) { applyToCampaign(campaignId: $c) { status } }', { c: campaign.id }, await as(creator))).toBe('CAMPAIGN_FULL');
    expect(await codeOf('mutation ($c: ID!, $p: ID!) { requestCampaignSample(campaignId: $c, productId: $p) { id } }', { c: campaign.id, p: 'prd_not_in_it' }, await as(outsider))).toBe('PRODUCT_NOT_IN_CAMPAIGN');
    await ok('mutation ($c: ID!) { closeCampaign(campaignId: $c) { status } }', { c: campaign.id }, brandKey);
    expect(await codeOf('mutation ($c: ID!, $p: ID!) { requestCampaignSample(campaignId: $c, productId: $p) { id } }', { c: campaign.id, p: productId }, await as(outsider))).toBe('CAMPAIGN_CLOSED');
  });
});
