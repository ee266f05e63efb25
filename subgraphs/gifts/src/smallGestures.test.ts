import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fakePeers, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { seedId } from '@app/fixtures/ids';
import { brands, smallGesturesBrands, userIds } from '@app/fixtures/world';
import { manualClock } from '@app/kit/clock';
import { createContext, defaultServices } from './context.ts';
import { createServer } from './server.ts';
import { seedGiftsStore } from './db/seed.ts';
import { openGiftsStore } from './db/store.ts';
import { DEFAULT_CLAIM_HOURS, giftsSettings } from './settings.ts';
import { ConfigError } from '@app/kit/config';

/** The users subgraph as a map of id → country; everyone else is unknown. */
const peers = fakePeers({ User: new Map(userIds.map((id, i) => [id, { country: i % 10 === 9 ? 'CA' : 'US' }])) });

const user = (userId: string, country: string | null = 'US'): Viewer => ({ ...anonymousViewer(), userId, country });
const partner = (brandId: string, scopes: string[]): Viewer => ({ ...anonymousViewer(), partnerId: brandId, scopes });
/** The clock every rule reads here: set to the time each test starts, moved past a claim link's expiry by hand. */
const clock = manualClock();
beforeEach(() => clock.set(new Date()));
const testbed = subgraphTestbed({ open: openGiftsStore, createServer, context: (store, viewer) => createContext(store, viewer, peers.client, { ...defaultServices(), clock }), seed: seedGiftsStore });
const { store } = testbed;
const run = (viewer: Viewer, query: string, variables?: Record<string, unknown>) => testbed.run(query, variables, viewer);

const SEND = 'mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { gift { id message redeemed offer { id } sender { id } recipient { id } } allowance { sent remaining limit } } }';
const REDEEM = 'mutation ($id: ID!) { redeemSmallGesture(id: $id) { code gift { redeemed redeemedAt } } }';
const CREATE = 'mutation ($input: CreateGiftOfferInput!) { createGiftOffer(input: $input) { id title codesLeft active regions brand { id } } }';
const ADD_CODES = 'mutation ($offerId: ID!, $codes: [String!]!) { addGiftOfferCodes(offerId: $offerId, codes: $codes) { added offer { codesLeft } } }';

const clipForge = seedId('gof', 0);
const launchWeek = seedId('gof', 4); // switched off, ended
const brandOf = (index: number) => (smallGesturesBrands[index] ?? brands[index])!.id;

let keyCounter = 0;
const key = () => `sg-unit-key-${++keyCounter}`;
const count = (query: string) => store.db.get<{ n: number }>(sql.raw(query))?.n ?? 0;
const unclaimed = (offerId: string) => count(`select count(*) as n from gift_offer_codes where offer_id = '${offerId}' and claimed_at is null`);

async function send(viewer: Viewer, input: Record<string, unknown>) {
  return run(viewer, SEND, { input: { offerId: clipForge, message: 'For you!', idempotencyKey: key(), ...input } });
}

/** A fresh offer of one brand with `codes` in its pool, made through the partner mutations. */
async function offerWithCodes(codes: string[], brandIndex = 1) {
  const brandId = brandOf(brandIndex);
  const created = await run(partner(brandId, ['offers:write']), CREATE, {
    input: { brandId, title: `Test offer ${key()}`, description: 'For tests.', retailValueAmount: 500 },
  });
  expect(created.errors).toBeUndefined();
  const offerId = created.data?.createGiftOffer.id as string;
  if (codes.length > 0) expect((await run(partner(brandId, ['offers:write']), ADD_CODES, { offerId, codes })).errors).toBeUndefined();
  return offerId;
}

describe('sending Small Gestures', () => {
  it('takes one code, records the send, fills the inbox, and allows three sends per user ever', async () => {
    const sender = userIds[20] as string;
    const before = unclaimed(clipForge);
    for (let i = 1; i <= 3; i++) {
      const result = await send(user(sender), { recipientId: userIds[20 + i], message: `Gift ${i}` });
      expect(result.errors).toBeUndefined();
      expect(result.data?.sendSmallGesture).toMatchObject({ gift: { message: `Gift ${i}`, redeemed: false, sender: { id: sender } }, allowance: { sent: i, remaining: 3 - i, limit: 3 } });
    }
    const fourth = await send(user(sender), { recipientId: userIds[24] });
    expect(fourth.errors?.[0]?.extensions).toMatchObject({ code: 'SMALL_GESTURE_LIMIT_REACHED', limit: 3 });
    expect(unclaimed(clipForge)).toBe(before - 3);
    expect(count(`select count(*) as n from small_gesture_sends where sender_id = '${sender}'`)).toBe(3);
  });

  it('refuses each broken rule with its own code and takes no code', async () => {
    const sender = userIds[25] as string;
    const before = unclaimed(clipForge);
    const code = async (viewer: Viewer, input: Record<string, unknown>) => (await send(viewer, { recipientId: userIds[26], ...input })).errors?.[0]?.extensions?.code;
    expect(await code(user(sender, 'CA'), {})).toBe('SMALL_GESTURE_REGION_UNAVAILABLE');
    // No country in the token: the users subgraph's says CA for this one.
    expect(await code(user(userIds[29] as string, null), {})).toBe('SMALL_GESTURE_REGION_UNAVAILABLE');
    expect(await code(user(sender), { recipientId: sender })).toBe('CANNOT_GIFT_SELF');
    expect(await code(user(sender), { recipientId: 'usr_nobody' })).toBe('RECIPIENT_NOT_FOUND');
    expect(await code(user(sender), { offerId: 'gof_nope' })).toBe('NOT_FOUND');
    expect(await code(user(sender), { offerId: launchWeek })).toBe('OFFER_INACTIVE');
    expect(await code(user(sender), { message: 'x'.repeat(151) })).toBe('MESSAGE_TOO_LONG');
    peers.unavailable.add('users');
    try {
      expect(await code(user(sender), {})).toBe('SERVICE_UNAVAILABLE');
    } finally {
      peers.unavailable.delete('users');
    }
    expect(unclaimed(clipForge)).toBe(before);
    expect(count(`select count(*) as n from small_gesture_sends where sender_id = '${sender}'`)).toBe(0);
  });

  it('counts a message in characters: 150 emoji fit, 151 letters do not', async () => {
    const ok = await send(user(userIds[27] as string), { recipientId: userIds[28], message: '🎁'.repeat(150) });
    expect(ok.errors).toBeUndefined();
    const tooLong = await send(user(userIds[27] as string), { recipientId: userIds[28], message: 'a'.repeat(151) });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'MESSAGE_TOO_LONG', max: 150, length: 151 });
  });

  it('hands out each code once and refuses with OFFER_SOLD_OUT when the pool is empty', async () => {
    const offerId = await offerWithCodes(['POOL-AAAA', 'POOL-BBBB']);
    const first = await send(user(userIds[30] as string), { offerId, recipientId: userIds[31] });
    const second = await send(user(userIds[32] as string), { offerId, recipientId: userIds[31] });
    const third = await send(user(userIds[33] as string), { offerId, recipientId: userIds[31] });
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(third.errors?.[0]?.extensions?.code).toBe('OFFER_SOLD_OUT');
    expect(count(`select count(distinct code_id) as n from small_gesture_sends where offer_id = '${offerId}'`)).toBe(2);
  });

  it('returns the first send to a retry with the same key, taking no second code, and refuses the key for other input', async () => {
    const sender = userIds[34] as string;
    const input = { offerId: clipForge, recipientId: userIds[35], message: 'Once', idempotencyKey: 'sg-retry-0001' };
    const before = unclaimed(clipForge);
    const first = await run(user(sender), SEND, { input });
    const retry = await run(user(sender), SEND, { input });
    expect(retry.data?.sendSmallGesture.gift.id).toBe(first.data?.sendSmallGesture.gift.id);
    expect(retry.data?.sendSmallGesture.allowance.sent).toBe(1);
    expect(unclaimed(clipForge)).toBe(before - 1);
    const other = await run(user(sender), SEND, { input: { ...input, message: 'Twice' } });
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('the inbox and redeeming', () => {
  it('shows the recipient their gifts newest first, pages them, and shows the code on redeem, again on every later redeem, to the recipient only', async () => {
    const recipient = userIds[36] as string;
    const offerId = await offerWithCodes(['INBOX-0001', 'INBOX-0002', 'INBOX-0003']);
    const ids: string[] = [];
    for (const sender of [userIds[37], userIds[38], userIds[39]] as string[]) {
      const sent = await send(user(sender), { offerId, recipientId: recipient, message: `from ${sender}` });
      ids.push(sent.data?.sendSmallGesture.gift.id);
      // A second apart: the inbox's order is the sends' time.
      clock.advance(1_000);
    }
    const INBOX = 'query ($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on User { giftInbox(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }';
    const reps = [{ __typename: 'User', id: recipient }];
    const page1 = await run(user(recipient), INBOX, { reps });
    const inbox1 = page1.data?._entities[0].giftInbox;
    expect(inbox1.pageInfo.hasNextPage).toBe(true);
    const page2 = await run(user(recipient), INBOX, { reps, after: inbox1.pageInfo.endCursor });
    const inbox2 = page2.data?._entities[0].giftInbox;
    expect([...inbox1.edges, ...inbox2.edges].map((edge: { node: { id: string } }) => edge.node.id)).toEqual([...ids].reverse());
    expect(inbox2.pageInfo.hasNextPage).toBe(false);

    const notMine = await run(user(userIds[37] as string), INBOX, { reps });
    expect(notMine.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWN_USER' });

    const bySender = await run(user(userIds[37] as string), REDEEM, { id: ids[0] });
    expect(bySender.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_RECIPIENT' });
    const redeemed = await run(user(recipient), REDEEM, { id: ids[0] });
    expect(redeemed.errors).toBeUndefined();
    expect(redeemed.data?.redeemSmallGesture).toMatchObject({ code: expect.stringMatching(/^INBOX-000\d$/), gift: { redeemed: true } });
    const code = redeemed.data?.redeemSmallGesture.code;
    const again = await run(user(recipient), REDEEM, { id: ids[0] });
    expect(again.errors).toBeUndefined();
    expect(again.data?.redeemSmallGesture).toEqual({ code, gift: redeemed.data?.redeemSmallGesture.gift });
    const CODE = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { giftInbox(first: 5) { edges { node { id state code } } } } } }';
    const shown = (await run(user(recipient), CODE, { reps })).data?._entities[0].giftInbox.edges.map((edge: { node: unknown }) => edge.node);
    expect(shown).toEqual([
      { id: ids[2], state: 'DELIVERED', code: null },
      { id: ids[1], state: 'DELIVERED', code: null },
      { id: ids[0], state: 'REDEEMED', code },
    ]);
    const SENT = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { smallGesturesSent(first: 5) { edges { node { id state code } } } } } }';
    expect((await run(user(userIds[37] as string), SENT, { reps: [{ __typename: 'User', id: userIds[37] }] })).data?._entities[0].smallGesturesSent.edges).toEqual([{ node: { id: ids[0], state: 'REDEEMED', code: null } }]);
    expect(count(`select count(*) as n from small_gesture_sends where id = '${ids[0]}' and redeemed_at is not null`)).toBe(1);
    expect((await run(user(recipient), REDEEM, { id: 'sgs_nope' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('why an offer cannot be sent, and where a gift may go', () => {
  const OFFERS = '{ smallGestureOffers { offers { id } unavailable { offer { id } reason message } allowance { remaining } } }';

  it('lists an offer whose codes are gone as SOLD_OUT, and every open offer as ALLOWANCE_SPENT once the allowance is', async () => {
    const soldOut = await offerWithCodes([]);
    const sender = userIds[2] as string;
    const before = (await run(user(sender), OFFERS)).data?.smallGestureOffers;
    expect(before.offers.map((offer: { id: string }) => offer.id)).toContain(clipForge);
    expect(before.offers.map((offer: { id: string }) => offer.id)).not.toContain(soldOut);
    expect(before.unavailable).toContainEqual({ offer: { id: soldOut }, reason: 'SOLD_OUT', message: expect.any(String) });
    expect(before.allowance).toEqual({ remaining: 3 });

    for (let i = 0; i < 3; i++) expect((await send(user(sender), { recipientId: userIds[3 + i] })).errors).toBeUndefined();
    const spent = (await run(user(sender), OFFERS)).data?.smallGestureOffers;
    expect(spent.offers).toEqual([]);
    expect(spent.allowance).toEqual({ remaining: 0 });
    expect(spent.unavailable.length).toBe(before.offers.length + before.unavailable.length);
    expect(spent.unavailable.every((entry: { reason: string }) => entry.reason === 'ALLOWANCE_SPENT')).toBe(true);
  });

  it('refuses a recipient in a country the offer is not offered in, and sends once the offer is', async () => {
    const sender = userIds[6] as string;
    const canadian = userIds[9] as string; // CA in the users subgraph here
    const before = unclaimed(clipForge);
    expect((await send(user(sender), { recipientId: canadian })).errors?.[0]?.extensions).toMatchObject({ code: 'RECIPIENT_REGION_UNAVAILABLE', country: 'CA', regions: ['US'] });
    expect(unclaimed(clipForge)).toBe(before);
    const brandId = brandOf(1);
    const created = await run(partner(brandId, ['offers:write']), CREATE, { input: { brandId, title: 'North America pass', description: '', retailValueAmount: 100, regions: ['US', 'CA'] } });
    const offerId = created.data?.createGiftOffer.id as string;
    await run(partner(brandId, ['offers:write']), ADD_CODES, { offerId, codes: ['NA-0001'] });
    expect((await send(user(sender), { offerId, recipientId: canadian })).data?.sendSmallGesture.gift.recipient).toEqual({ id: canadian });
  });
});

describe('claim links', () => {
  const LINK = 'mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { claimToken gift { id state recipient { id } claimExpiresAt claimToken } allowance { sent } } }';
  const CLAIM = 'mutation ($token: String!) { claimSmallGesture(token: $token) { gift { id state recipient { id } claimedAt } } }';
  const ALLOWANCE = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { smallGestures { sent remaining } smallGesturesSent(first: 5) { edges { node { id state claimToken } } } } } }';

  it('gives the sender a token instead of a recipient; the first to claim it receives the gift, once', async () => {
    const [sender, first, second] = [userIds[10], userIds[11], userIds[12]] as [string, string, string];
    const offerId = await offerWithCodes(['LINK-0001']);
    const sent = await run(user(sender), LINK, { input: { offerId, message: 'for whoever', idempotencyKey: key() } });
    expect(sent.errors).toBeUndefined();
    const { claimToken, gift } = sent.data!.sendSmallGesture;
    expect(claimToken).toEqual(expect.stringMatching(new RegExp(`^${gift.id}\\.`)));
    expect(gift).toMatchObject({ state: 'AWAITING_CLAIM', recipient: null, claimToken });
    expect(Date.parse(gift.claimExpiresAt) - Date.now()).toBeGreaterThan(71 * 3_600_000);
    expect(sent.data?.sendSmallGesture.allowance.sent).toBe(1);
    expect(unclaimed(offerId)).toBe(0);

    const claimed = await run(user(first), CLAIM, { token: claimToken });
    expect(claimed.data?.claimSmallGesture.gift).toMatchObject({ id: gift.id, state: 'DELIVERED', recipient: { id: first }, claimedAt: expect.any(String) });
    expect((await run(user(first), CLAIM, { token: claimToken })).data?.claimSmallGesture.gift.id).toBe(gift.id);
    expect((await run(user(second), CLAIM, { token: claimToken })).errors?.[0]?.extensions?.code).toBe('SMALL_GESTURE_ALREADY_CLAIMED');
    expect((await run(user(first), REDEEM, { id: gift.id })).data?.redeemSmallGesture.code).toBe('LINK-0001');
    expect((await run(user(sender), ALLOWANCE, { reps: [{ __typename: 'User', id: sender }] })).data?._entities[0]).toEqual({
      smallGestures: { sent: 1, remaining: 2 },
      smallGesturesSent: { edges: [{ node: { id: gift.id, state: 'REDEEMED', claimToken: null } }] },
    });
  });

  it('refuses a forged or cut token, the sender’s own claim, and a claimer outside the offer’s regions', async () => {
    const sender = userIds[13] as string;
    const offerId = await offerWithCodes(['LINK-0002']);
    const token = (await run(user(sender), LINK, { input: { offerId, message: '', idempotencyKey: key() } })).data?.sendSmallGesture.claimToken as string;
    const attempt = async (claimer: Viewer, claimToken: string) => (await run(claimer, CLAIM, { token: claimToken })).errors?.[0]?.extensions;
    expect(await attempt(user(userIds[14] as string), token.slice(0, -2))).toMatchObject({ code: 'CLAIM_LINK_INVALID' });
    expect(await attempt(user(userIds[14] as string), `sgs_other.${token.split('.')[1]}`)).toMatchObject({ code: 'CLAIM_LINK_INVALID' });
    expect(await attempt(user(sender), token)).toMatchObject({ code: 'CANNOT_GIFT_SELF' });
    expect(await attempt(user(userIds[14] as string, 'CA'), token)).toMatchObject({ code: 'RECIPIENT_REGION_UNAVAILABLE', country: 'CA' });
    expect(count(`select count(*) as n from small_gesture_sends where offer_id = '${offerId}' and recipient_id is not null`)).toBe(0);
  });

  it('expires unclaimed after 72 hours: the sender’s send and the code come back, and the link claims nothing', async () => {
    const sender = userIds[15] as string;
    const offerId = await offerWithCodes(['LINK-0003']);
    const sent = (await run(user(sender), LINK, { input: { offerId, message: 'later', idempotencyKey: key() } })).data?.sendSmallGesture;
    const reps = [{ __typename: 'User', id: sender }];
    expect((await run(user(sender), ALLOWANCE, { reps })).data?._entities[0].smallGestures).toEqual({ sent: 1, remaining: 2 });

    clock.advance(71 * 3_600_000);
    expect((await run(user(sender), ALLOWANCE, { reps })).data?._entities[0].smallGesturesSent.edges[0].node.state).toBe('AWAITING_CLAIM');
    clock.advance(3_600_000);
    const after = (await run(user(sender), ALLOWANCE, { reps })).data?._entities[0];
    expect(after).toEqual({ smallGestures: { sent: 0, remaining: 3 }, smallGesturesSent: { edges: [{ node: { id: sent.gift.id, state: 'EXPIRED', claimToken: null } }] } });
    // Read as given back at once; the code returns to the pool at the next write touching the offer.
    expect((await run(user(sender), 'query ($id: ID!) { giftOffer(id: $id) { codesLeft } }', { id: offerId })).data?.giftOffer.codesLeft).toBe(1);
    expect((await run(user(userIds[16] as string), CLAIM, { token: sent.claimToken })).errors?.[0]?.extensions?.code).toBe('SMALL_GESTURE_CLAIM_EXPIRED');

    const resent = await send(user(userIds[17] as string), { offerId, recipientId: userIds[18] });
    expect(resent.errors).toBeUndefined();
    expect(count(`select count(*) as n from small_gesture_sends where id = '${sent.gift.id}' and code_id is null and sender_slot is null`)).toBe(1);
    expect(unclaimed(offerId)).toBe(0);
    // Three sends of their own again.
    for (let i = 0; i < 3; i++) expect((await send(user(sender), { recipientId: userIds[20 + i] })).errors).toBeUndefined();
    expect((await send(user(sender), { recipientId: userIds[23] })).errors?.[0]?.extensions?.code).toBe('SMALL_GESTURE_LIMIT_REACHED');
  });
});

describe('partners stocking offers', () => {
  it('lets a partner with offers:write create an offer for its own brand only', async () => {
    const own = brandOf(2);
    const created = await run(partner(own, ['offers:write']), CREATE, { input: { brandId: own, title: '  A trial  ', description: '', retailValueAmount: 0, regions: ['us'] } });
    expect(created.data?.createGiftOffer).toMatchObject({ title: 'A trial', codesLeft: 0, active: true, regions: ['US'], brand: { id: own } });
    const other = await run(partner(own, ['offers:write']), CREATE, { input: { brandId: brandOf(3), title: 'Not ours', description: '', retailValueAmount: 0 } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    const noScope = await run(partner(own, ['analytics:read']), CREATE, { input: { brandId: own, title: 'No scope', description: '', retailValueAmount: 0 } });
    expect(noScope.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badDates = await run(partner(own, ['offers:write']), CREATE, {
      input: { brandId: own, title: 'Backwards', description: '', retailValueAmount: 0, startsAt: '2027-01-02T00:00:00Z', endsAt: '2027-01-01T00:00:00Z' },
    });
    expect(badDates.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('returns the first offer to a createGiftOffer retry with the same key', async () => {
    const own = brandOf(2);
    const input = { brandId: own, title: 'Keyed', description: '', retailValueAmount: 100, startsAt: '2026-01-01T00:00:00Z', idempotencyKey: 'offer-key-0001' };
    const first = await run(partner(own, ['offers:write']), CREATE, { input });
    const retry = await run(partner(own, ['offers:write']), CREATE, { input });
    expect(retry.data?.createGiftOffer.id).toBe(first.data?.createGiftOffer.id);
    const moved = await run(partner(own, ['offers:write']), CREATE, { input: { ...input, startsAt: '2026-02-01T00:00:00Z' } });
    expect(moved.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses duplicate codes, in the batch or already in a pool, adding none of the batch', async () => {
    const own = brandOf(1);
    const offerId = await offerWithCodes(['DUP-0001']);
    const add = (codes: string[], viewer = partner(own, ['offers:write'])) => run(viewer, ADD_CODES, { offerId, codes });
    const inBatch = await add(['DUP-0002', 'dup-0002 ']);
    expect(inBatch.errors?.[0]?.extensions).toMatchObject({ code: 'DUPLICATE_GIFT_CODE', codes: ['DUP-0002'] });
    const inPool = await add(['DUP-0003', 'DUP-0001']);
    expect(inPool.errors?.[0]?.extensions).toMatchObject({ code: 'DUPLICATE_GIFT_CODE', codes: ['DUP-0001'] });
    const malformed = await add(['no spaces allowed']);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const otherBrand = await add(['DUP-0004'], partner(brandOf(0), ['offers:write']));
    expect(otherBrand.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    expect(unclaimed(offerId)).toBe(1);
    const added = await add(['DUP-0003', 'DUP-0004']);
    expect(added.data?.addGiftOfferCodes).toEqual({ added: 2, offer: { codesLeft: 3 } });
  });

  it('shows the brand’s own partner sent and redeemed counts with analytics:read, never to another brand', async () => {
    const own = brandOf(1);
    const offerId = await offerWithCodes(['STATS-0001', 'STATS-0002', 'STATS-0003']);
    const sent = await send(user(userIds[52] as string), { offerId, recipientId: userIds[53] });
    await run(user(userIds[53] as string), REDEEM, { id: sent.data?.sendSmallGesture.gift.id });
    await send(user(userIds[54] as string), { offerId, recipientId: userIds[53] });
    const STATS = 'query ($id: ID!) { giftOffer(id: $id) { title stats { sent redeemed codesLeft } } }';
    const stats = await run(partner(own, ['analytics:read']), STATS, { id: offerId });
    expect(stats.data?.giftOffer.stats).toEqual({ sent: 2, redeemed: 1, codesLeft: 1 });
    const other = await run(partner(brandOf(0), ['analytics:read']), STATS, { id: offerId });
    expect(other.data?.giftOffer).toMatchObject({ stats: null });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
  });
});

describe('the offers a user may send', () => {
  it('lists open offers with codes left in the user’s country, and none with a reason outside the US', async () => {
    const OFFERS = '{ smallGestureOffers { offers { id title codesLeft } unavailableReason } }';
    const us = await run(user(userIds[40] as string), OFFERS);
    expect(us.errors).toBeUndefined();
    const offers = us.data?.smallGestureOffers.offers as { id: string; codesLeft: number }[];
    expect(offers.map((offer) => offer.id)).toContain(clipForge);
    expect(offers.map((offer) => offer.id)).not.toContain(launchWeek);
    expect(offers.every((offer) => offer.codesLeft > 0)).toBe(true);
    expect(us.data?.smallGestureOffers.unavailableReason).toBeNull();

    const canada = await run(user(userIds[40] as string, 'CA'), OFFERS);
    expect(canada.data?.smallGestureOffers).toEqual({ offers: [], unavailableReason: expect.stringContaining('US') });
    const fromUsers = await run(user(userIds[49] as string, null), OFFERS);
    expect(fromUsers.data?.smallGestureOffers.offers).toEqual([]);
  });
});

describe('SMALL_GESTURE_CLAIM_HOURS', () => {
  it('defaults to 72 hours, takes 1 to 720 whole hours, and refuses anything else at startup', () => {
    const claimHours = (env: NodeJS.ProcessEnv) => giftsSettings(env).claimWindowMs / 3_600_000;
    expect(DEFAULT_CLAIM_HOURS).toBe(72);
    expect(claimHours({})).toBe(72);
    expect(claimHours({ SMALL_GESTURE_CLAIM_HOURS: '1' })).toBe(1);
    expect(claimHours({ SMALL_GESTURE_CLAIM_HOURS: '720' })).toBe(720);
    for (const bad of ['0', '-3', '1.5', 'soon', '721']) expect(() => claimHours({ SMALL_GESTURE_CLAIM_HOURS: bad })).toThrow(ConfigError);
  });
});
