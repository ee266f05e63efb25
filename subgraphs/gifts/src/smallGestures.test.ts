import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { serviceUnavailable } from '@app/kit/errors';
import { offlinePeers, type PeerClient } from '@app/kit/peers';
import { subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { seedId } from '@app/fixtures/ids';
import { brands, smallGesturesBrands, userIds } from '@app/fixtures/world';
import { createContext } from './context.ts';
import { createServer } from './server.ts';
import { openGiftsStore } from './db/store.ts';

/** The users subgraph as a map of id → country; everyone else is unknown. */
const countries = new Map<string, string>(userIds.map((id, i) => [id, i % 10 === 9 ? 'CA' : 'US']));
let usersDown = false;
const peers = {
  ...offlinePeers,
  entities: (service: string, _typename: string, ids: readonly string[]) => {
    if (service !== 'users' || usersDown) return Promise.reject(serviceUnavailable(service));
    return Promise.resolve(ids.map((id) => (countries.has(id) ? { id, country: countries.get(id) } : null)));
  },
} as PeerClient;

const user = (userId: string, country: string | null = 'US'): Viewer => ({ ...anonymousViewer(), userId, country });
const partner = (brandId: string, scopes: string[]): Viewer => ({ ...anonymousViewer(), partnerId: brandId, scopes });
const testbed = subgraphTestbed({ open: openGiftsStore, createServer, context: (store, viewer) => createContext(store, viewer, peers) });
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
    usersDown = true;
    try {
      expect(await code(user(sender), {})).toBe('SERVICE_UNAVAILABLE');
    } finally {
      usersDown = false;
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
  it('shows the recipient their gifts newest first, pages them, and reveals the code once on redeem', async () => {
    const recipient = userIds[36] as string;
    const offerId = await offerWithCodes(['INBOX-0001', 'INBOX-0002', 'INBOX-0003']);
    const ids: string[] = [];
    for (const sender of [userIds[37], userIds[38], userIds[39]] as string[]) {
      const sent = await send(user(sender), { offerId, recipientId: recipient, message: `from ${sender}` });
      ids.push(sent.data?.sendSmallGesture.gift.id);
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
    const again = await run(user(recipient), REDEEM, { id: ids[0] });
    expect(again.errors?.[0]?.extensions?.code).toBe('SMALL_GESTURE_ALREADY_REDEEMED');
    expect(again.data?.redeemSmallGesture).toBeNull();
    expect((await run(user(recipient), REDEEM, { id: 'sgs_nope' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
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
