/**
 * Campaigns through the subgraph's schema, on SQLite and Postgres: what creating one refuses, the
 * membership moves and their refusal codes, who sees a campaign, the brand's webhook topics, and
 * dozens of racing accepts and approvals that never seat more creators than the capacity.
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
import { createServer } from './server.ts';

const START = new Date(Date.UTC(2027, 5, 1, 12, 0, 0));
const clock = manualClock(START);
const brandId = shopBrands[2]?.id as string;
const otherBrandId = shopBrands[3]?.id as string;
/** Creators of these tests' own (users answers them as creators), and a user who is not one. */
const creators = Array.from({ length: 48 }, (_, i) => `usr_cmp_creator_${i}`);
const notACreator = 'usr_cmp_plain';
const STREAM = 'lst_cmp_live';
const peers = fakePeers({ Creator: new Map(creators.map((id) => [id, {}])), LiveStream: new Map([[STREAM, { status: 'LIVE', creator: { id: creators[44]! } }]]) });
const services: CommerceServices = { ...defaultServices(), clock };

const partner = (id: string, scopes = ['campaigns:write', 'webhooks:write']): Viewer => ({ ...anonymousViewer(), partnerId: id, scopes });
const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });

const server = createServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const CAMPAIGN = 'id status capacity acceptedCount commissionRate fixedFee { amount currencyCode } minFulfilmentRate products { id } brand { id }';
const MEMBER = 'status invited message creator { id } campaign { id acceptedCount }';
const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN} } }`;
const INVITE = `mutation ($c: ID!, $ids: [ID!]!) { inviteCreators(campaignId: $c, creatorIds: $ids) { ${MEMBER} } }`;
const ACCEPT = `mutation ($c: ID!) { acceptCampaignInvitation(campaignId: $c) { ${MEMBER} } }`;
const DECLINE = `mutation ($c: ID!) { declineCampaignInvitation(campaignId: $c) { ${MEMBER} } }`;
const APPLY = `mutation ($c: ID!, $m: String) { applyToCampaign(campaignId: $c, message: $m) { ${MEMBER} } }`;
const APPROVE = `mutation ($c: ID!, $id: ID!) { approveCampaignApplicant(campaignId: $c, creatorId: $id) { ${MEMBER} } }`;
const REJECT = `mutation ($c: ID!, $id: ID!) { rejectCampaignApplicant(campaignId: $c, creatorId: $id) { ${MEMBER} } }`;
const CLOSE = `mutation ($c: ID!) { closeCampaign(campaignId: $c) { ${CAMPAIGN} } }`;
const REGISTER = 'mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }';

let made = 0;
function newProduct(owner = brandId, commissionBps = 1_000): NewFeedProduct {
  made += 1;
  return { id: `prd_cmp_${made}`, brandId: owner, title: `Campaign product ${made}`, description: '', priceAmount: 3_000, currency: 'USD', inventory: 50, status: 'ACTIVE', commissionBps, imageUrl: 'https://img.example/c.png', externalId: null, createdAt: START };
}
let keys = 0;
const key = () => `campaign-key-${++keys}`;

describeOnEachEngine<CommerceStore>(
  'campaigns',
  { sqlite: openCommerceStore, postgres: openCommercePgStore },
  (store) => {
    const run = (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) => runOperation(server, createContext(store(), viewer, peers.client, services), query, variables);
    const ok = answeredBy(run);
    const input = (productIds: string[], extra: Record<string, unknown> = {}) => ({
      name: 'Summer drop',
      brief: 'Show the product in daylight.',
      productIds,
      commissionRate: 0.25,
      fixedFee: 5_000,
      contentDeadline: new Date(START.getTime() + 30 * 86_400_000).toISOString(),
      capacity: 3,
      idempotencyKey: key(),
      ...extra,
    });
    async function campaignOf(capacity: number, extra: Record<string, unknown> = {}) {
      const product = newProduct();
      await store().insertProducts([product]);
      return (await ok(partner(brandId), CREATE, { input: input([product.id], { capacity, ...extra }) })).createCampaign;
    }

    it('creates a campaign of the brand own products above their open rate, idempotently; refuses the rest', async () => {
      const mine = newProduct(brandId, 1_500);
      const theirs = newProduct(otherBrandId);
      const archived = { ...newProduct(), status: 'ARCHIVED' as const };
      await store().insertProducts([mine, theirs, archived]);
      const request = input([mine.id], { minFulfilmentRate: 0.8 });
      const made = (await ok(partner(brandId), CREATE, { input: request })).createCampaign;
      expect(made).toMatchObject({ status: 'OPEN', capacity: 3, acceptedCount: 0, commissionRate: 0.25, fixedFee: { amount: 5_000, currencyCode: 'USD' }, minFulfilmentRate: 0.8, products: [{ id: mine.id }], brand: { id: brandId } });
      expect(made.id).toMatch(/^cmp_/);
      expect((await ok(partner(brandId), CREATE, { input: request })).createCampaign.id).toBe(made.id);
      expect(errorOf(await run(partner(brandId), CREATE, { input: { ...request, capacity: 4 } }))).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

      const cases: [Record<string, unknown>, Record<string, unknown>][] = [
        [{ name: ' ' }, { code: 'BAD_USER_INPUT', field: 'name' }],
        [{ productIds: [] }, { code: 'BAD_USER_INPUT', field: 'productIds' }],
        [{ productIds: [mine.id, mine.id] }, { code: 'BAD_USER_INPUT', field: 'productIds' }],
        [{ commissionRate: 1.5 }, { code: 'BAD_USER_INPUT', field: 'commissionRate' }],
        [{ fixedFee: -1 }, { code: 'BAD_USER_INPUT', field: 'fixedFee' }],
        [{ capacity: 0 }, { code: 'BAD_USER_INPUT', field: 'capacity' }],
        [{ contentDeadline: START.toISOString() }, { code: 'BAD_USER_INPUT', field: 'contentDeadline' }],
        [{ commissionRate: 0.15 }, { code: 'CAMPAIGN_RATE_TOO_LOW', productId: mine.id, openRate: 0.15 }],
        [{ productIds: [theirs.id] }, { code: 'PRODUCT_OF_ANOTHER_BRAND', productId: theirs.id }],
        [{ productIds: [archived.id] }, { code: 'PRODUCT_NOT_AVAILABLE' }],
        [{ productIds: ['prd_nope'] }, { code: 'NOT_FOUND' }],
      ];
      for (const [extra, error] of cases) expect(errorOf(await run(partner(brandId), CREATE, { input: input([mine.id], extra) })), JSON.stringify(extra)).toMatchObject(error);
      expect(errorOf(await run(partner(brandId, ['catalog:write']), CREATE, { input: input([mine.id]) }))).toMatchObject({ code: 'FORBIDDEN', requiredScopes: [['campaigns:write']] });
      expect(errorOf(await run(asUser(creators[0]!), CREATE, { input: input([mine.id]) }))).toMatchObject({ code: 'FORBIDDEN' });
      expect((await store().brandCampaignsPage(brandId, { first: 100, after: null })).map((row) => row.id)).toContain(made.id);
    });

    it('moves memberships by invitation and by application, each refusal with its code, and tells the brand', async () => {
      const endpoint = (await ok(partner(brandId), REGISTER, { input: { url: 'http://127.0.0.1:9/campaigns', topics: ['CAMPAIGN_APPLIED', 'CAMPAIGN_ACCEPTED'] } })).registerWebhookEndpoint.endpoint;
      const campaign = await campaignOf(2);
      const [invited, applicant, rejected, late] = creators.slice(0, 4) as [string, string, string, string];
      const members = (await ok(partner(brandId), INVITE, { c: campaign.id, ids: [invited] })).inviteCreators;
      expect(members).toMatchObject([{ status: 'INVITED', invited: true, creator: { id: invited } }]);
      expect(errorOf(await run(partner(brandId), INVITE, { c: campaign.id, ids: [notACreator] }))).toMatchObject({ code: 'NOT_FOUND', type: 'Creator' });
      expect(errorOf(await run(partner(otherBrandId), INVITE, { c: campaign.id, ids: [invited] }))).toMatchObject({ code: 'NOT_FOUND' });

      expect(errorOf(await run(asUser(invited), APPLY, { c: campaign.id }))).toMatchObject({ code: 'ALREADY_INVITED' });
      expect(errorOf(await run(asUser(applicant), ACCEPT, { c: campaign.id }))).toMatchObject({ code: 'NOT_INVITED', status: null });
      expect(errorOf(await run(asUser(notACreator), APPLY, { c: campaign.id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_CREATOR' });

      expect((await ok(asUser(invited), ACCEPT, { c: campaign.id })).acceptCampaignInvitation).toMatchObject({ status: 'ACCEPTED', campaign: { acceptedCount: 1 } });
      // Accepting again answers what stands and takes no second seat.
      expect((await ok(asUser(invited), ACCEPT, { c: campaign.id })).acceptCampaignInvitation).toMatchObject({ status: 'ACCEPTED', campaign: { acceptedCount: 1 } });
      expect(errorOf(await run(asUser(invited), DECLINE, { c: campaign.id }))).toMatchObject({ code: 'NOT_INVITED', status: 'ACCEPTED' });

      expect((await ok(asUser(applicant), APPLY, { c: campaign.id, m: 'I film outdoors' })).applyToCampaign).toMatchObject({ status: 'APPLIED', invited: false, message: 'I film outdoors' });
      expect((await ok(asUser(applicant), APPLY, { c: campaign.id })).applyToCampaign).toMatchObject({ status: 'APPLIED' });
      expect(errorOf(await run(partner(brandId), APPROVE, { c: campaign.id, id: late }))).toMatchObject({ code: 'NOT_APPLIED', status: null });
      await ok(asUser(rejected), APPLY, { c: campaign.id });
      expect((await ok(partner(brandId), REJECT, { c: campaign.id, id: rejected })).rejectCampaignApplicant).toMatchObject({ status: 'REJECTED' });
      expect(errorOf(await run(asUser(rejected), APPLY, { c: campaign.id }))).toMatchObject({ code: 'CAMPAIGN_MEMBERSHIP_ENDED', status: 'REJECTED' });
      expect((await ok(partner(brandId), APPROVE, { c: campaign.id, id: applicant })).approveCampaignApplicant).toMatchObject({ status: 'ACCEPTED', campaign: { acceptedCount: 2 } });

      // Full: an application is refused; so is an invited creator's accept, which then stays invited.
      expect(errorOf(await run(asUser(late), APPLY, { c: campaign.id }))).toMatchObject({ code: 'CAMPAIGN_FULL', capacity: 2 });
      await ok(partner(brandId), INVITE, { c: campaign.id, ids: [late] });
      expect(errorOf(await run(asUser(late), ACCEPT, { c: campaign.id }))).toMatchObject({ code: 'CAMPAIGN_FULL' });
      expect((await store().campaignMembersOf(campaign.id, [late]))[0]?.status).toBe('INVITED');
      expect((await ok(asUser(late), DECLINE, { c: campaign.id })).declineCampaignInvitation).toMatchObject({ status: 'DECLINED' });

      // The creator's lists and the brand's.
      const mine = await ok(asUser(invited), `query { myCampaigns(status: ACCEPTED) { edges { node { campaign { id } } } } }`);
      expect(mine.myCampaigns.edges.map((edge: any) => edge.node.campaign.id)).toContain(campaign.id);
      const applicants = await ok(partner(brandId), `query ($c: ID!) { campaign(id: $c) { members(status: ACCEPTED) { edges { node { creator { id } } } } } }`, { c: campaign.id });
      expect(applicants.campaign.members.edges.map((edge: any) => edge.node.creator.id).sort()).toEqual([invited, applicant].sort());

      const topics = (await store().webhookDeliveriesPage(endpoint.id, { first: 100, after: null })).reverse().map((row) => [row.topic, JSON.parse(row.body).data.creatorId]);
      expect(topics).toEqual([
        ['CAMPAIGN_ACCEPTED', invited],
        ['CAMPAIGN_APPLIED', applicant],
        ['CAMPAIGN_APPLIED', rejected],
        ['CAMPAIGN_ACCEPTED', applicant],
      ]);
    });

    it('shows a campaign to its brand, to signed-in users while open and to its members; closing ends joining', async () => {
      const campaign = await campaignOf(5);
      const [member, stranger] = creators.slice(4, 6) as [string, string];
      const read = (viewer: Viewer) => run(viewer, 'query ($c: ID!) { campaign(id: $c) { id status viewerMembership { status } } }', { c: campaign.id });
      await ok(partner(brandId), INVITE, { c: campaign.id, ids: [member] });
      expect((await ok(asUser(member), 'query { myCampaigns { edges { node { campaign { id } } } } }')).myCampaigns.edges.map((edge: any) => edge.node.campaign.id)).toContain(campaign.id);
      await ok(asUser(member), ACCEPT, { c: campaign.id });
      expect((await read(asUser(stranger))).data?.campaign).toMatchObject({ status: 'OPEN', viewerMembership: null });
      expect(errorOf(await read(anonymousViewer()))).toMatchObject({ code: 'NOT_FOUND' });
      expect(errorOf(await read(partner(otherBrandId)))).toMatchObject({ code: 'NOT_FOUND' });
      const open = await ok(asUser(stranger), 'query { openCampaigns(first: 100) { edges { node { id } } } }');
      expect(open.openCampaigns.edges.map((edge: any) => edge.node.id)).toContain(campaign.id);

      expect((await ok(partner(brandId), CLOSE, { c: campaign.id })).closeCampaign).toMatchObject({ status: 'CLOSED' });
      expect((await ok(partner(brandId), CLOSE, { c: campaign.id })).closeCampaign).toMatchObject({ status: 'CLOSED' });
      expect(errorOf(await read(asUser(stranger)))).toMatchObject({ code: 'NOT_FOUND' });
      expect((await read(asUser(member))).data?.campaign).toMatchObject({ status: 'CLOSED', viewerMembership: { status: 'ACCEPTED' } });
      expect(errorOf(await run(asUser(stranger), APPLY, { c: campaign.id }))).toMatchObject({ code: 'CAMPAIGN_CLOSED' });
      expect(errorOf(await run(partner(brandId), INVITE, { c: campaign.id, ids: [stranger] }))).toMatchObject({ code: 'CAMPAIGN_CLOSED' });
      const open2 = await ok(asUser(stranger), 'query { openCampaigns(first: 100) { edges { node { id } } } }');
      expect(open2.openCampaigns.edges.map((edge: any) => edge.node.id)).not.toContain(campaign.id);
    });

    it("pays the campaign's rate on an accepted creator's sales while it is open, and the statement names it", async () => {
      const product = newProduct(brandId, 1_000);
      await store().insertProducts([product]);
      const campaign = (await ok(partner(brandId), CREATE, { input: input([product.id], { commissionRate: 0.3, capacity: 2 }) })).createCampaign;
      const [member, outsider] = creators.slice(44, 46) as [string, string];
      const buyer = 'usr_cmp_buyer';
      const link = async (creator: string) => (await ok(asUser(creator), 'mutation ($p: ID!) { createAffiliateLink(productId: $p) { code commissionRate } }', { p: product.id })).createAffiliateLink;
      const buy = async (code: string) =>
        (await ok(asUser(buyer), 'mutation ($i: CheckoutInput!) { checkout(input: $i) { order { id commission { amount } } } }', { i: { lines: [{ productId: product.id, quantity: 2 }], affiliateCode: code, idempotencyKey: key() } })).checkout.order;
      const memberLink = await link(member);
      expect(memberLink.commissionRate).toBe(0.1);
      await ok(partner(brandId), INVITE, { c: campaign.id, ids: [member] });
      await ok(asUser(member), ACCEPT, { c: campaign.id });
      expect((await link(member)).commissionRate).toBe(0.3);
      // floor(6,000 × 3,000 / 10,000) = 1,800 at the campaign's rate; an outsider's link stays at the open rate.
      const order = await buy(memberLink.code);
      expect(order.commission.amount).toBe(1_800);
      expect((await buy((await link(outsider)).code)).commission.amount).toBe(600);
      const statement = await ok(asUser(member), 'query ($id: ID!) { _entities(representations: [{ __typename: "Creator", id: $id }]) { ... on Creator { commissionStatement { lines(first: 5) { edges { node { rate amount { amount } campaign { id name } order { id } } } } } } } }', { id: member });
      const line = statement._entities[0].commissionStatement.lines.edges.find((edge: any) => edge.node.order.id === order.id).node;
      expect(line).toMatchObject({ rate: 0.3, amount: { amount: 1_800 }, campaign: { id: campaign.id, name: 'Summer drop' } });
      // A sale from the member's LIVE stream with the product pinned earns the campaign's rate too.
      await ok(asUser(member), 'mutation ($s: ID!, $p: ID!) { pinProduct(liveStreamId: $s, productId: $p) { id } }', { s: STREAM, p: product.id });
      const live = (await ok(asUser(buyer), 'mutation ($i: CheckoutInput!) { checkout(input: $i) { order { commission { amount } lines { campaign { id } } } } }', { i: { lines: [{ productId: product.id, quantity: 1 }], liveStreamId: STREAM, idempotencyKey: key() } })).checkout.order;
      expect(live).toEqual({ commission: { amount: 900 }, lines: [{ campaign: { id: campaign.id } }] });
      expect((await store().orderLineLists([order.id]))[0]?.node.campaignId).toBe(campaign.id);
      // Closed: the open rate again, and no campaign on the line.
      await ok(partner(brandId), CLOSE, { c: campaign.id });
      expect((await buy(memberLink.code)).commission.amount).toBe(600);
      const lines = await store().orderLineLists([order.id]);
      expect(lines[0]?.node).toMatchObject({ campaignId: campaign.id, commissionBps: 3_000 });
    });

    it('never seats more than the capacity under dozens of racing accepts and approvals', async () => {
      const capacity = 7;
      const campaign = await campaignOf(capacity);
      const invited = creators.slice(8, 32);
      const applicants = creators.slice(32, 44);
      await ok(partner(brandId), INVITE, { c: campaign.id, ids: invited });
      for (const creator of applicants) await ok(asUser(creator), APPLY, { c: campaign.id });
      const results = await Promise.all([
        ...invited.map((creator) => run(asUser(creator), ACCEPT, { c: campaign.id })),
        ...applicants.map((creator) => run(partner(brandId), APPROVE, { c: campaign.id, id: creator })),
      ]);
      const seated = results.filter((result) => !result.errors);
      const refused = results.filter((result) => result.errors);
      expect(seated).toHaveLength(capacity);
      expect(new Set(refused.map((result) => errorOf(result).code))).toEqual(new Set(['CAMPAIGN_FULL']));
      const [row] = await store().campaignsByIds([campaign.id]);
      expect(row?.acceptedCount).toBe(capacity);
      const accepted = await store().campaignMembersPage(campaign.id, 'ACCEPTED', { first: 100, after: null });
      expect(accepted).toHaveLength(capacity);
      // The kept seats agree with a recount of the accepted members (npm run reconcile).
      expect(await store().keptCountDifferences()).toEqual([]);
    });
  },
  { seed: seedCommerceStore },
);
