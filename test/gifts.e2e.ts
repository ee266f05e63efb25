/**
 * Gifts that move value, through the gateway: buying coins, LIVE gifts to a live stream and
 * what the creator sees, Small Gestures from offer to inbox to redeemed code, partners stocking
 * offers, and every refusal leaving balances, pools and counts as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, liveStreamCreatorId, liveStreamIds, LIVE_NOW_COUNT, smallGesturesBrands, userIds } from '@app/fixtures/world';
import { giftsSeed } from '@app/subgraph-gifts/src/db/seed.ts';
import type { Clock } from '@app/kit/clock';
import { clearCreatorShare, setCreatorShare } from '@app/subgraph-gifts/src/creatorShares.ts';
import { startGraph, type RunningGraph } from './harness.ts';
import { NON_US_USER_IDS, US_USER_IDS } from './people.ts';

/**
 * Gifts' clock here: the system's, put ahead by the test that needs a claim link's 72 hours to
 * pass. It keeps moving with real time, so sends keep their order by time as in production.
 */
let ahead = 0;
const clock: Clock = { now: () => new Date(Date.now() + ahead) };

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph({ gifts: { clock } });
});
afterAll(() => graph?.stop());

const BUY = 'mutation ($input: PurchaseCoinsInput!) { purchaseCoins(input: $input) { purchase { id coins status price { formatted } } wallet { coins } } }';
const SEND_GIFT = `mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) {
  send { id coins diamonds quantity gift { name } creator { id handle } liveStream { id title } sender { id } } wallet { coins } } }`;
const SEND_GESTURE = 'mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { gift { id message offer { id title } sender { handle } recipient { id } } allowance { sent remaining } } }';
const REDEEM = 'mutation ($id: ID!) { redeemSmallGesture(id: $id) { code gift { id redeemed } } }';
const WALLET = '{ me { wallet { coins } } }';
const EARNINGS = 'query ($id: ID!) { creator(id: $id) { giftEarnings { diamonds value { amount formatted } } topGifters(first: 3) { rank coins user { id handle } } } }';
const STREAM = 'query ($id: ID!) { liveStream(id: $id) { status giftTotals { coins diamonds giftCount gifterCount } topGifters(first: 3) { rank coins user { id } } } }';

const liveStream = liveStreamIds[1] as string;
const liveCreator = liveStreamCreatorId(1);
const endedStream = liveStreamIds[LIVE_NOW_COUNT] as string;

let keyCounter = 0;
const key = (label = 'key') => `e2e-${label}-${++keyCounter}`;

async function as(userId: string, country?: string) {
  return { authorization: `Bearer ${await graph.tokenFor(userId, country === undefined ? {} : { country })}` };
}

async function ids(query: string): Promise<{ id: string; name: string; coinPrice: number }[]> {
  return (await graph.query(query)).body.data.liveGifts;
}

/**
 * A stream `creatorId` schedules and starts now: for a creator the seed's history never gifted
 * (creators 5 and up), whose earnings then count from zero. The seed's live streams (0–4) all
 * received gifts before the seed.
 */
async function streamGoingLive(creatorId: string): Promise<string> {
  const creator = await as(creatorId);
  const scheduled = await graph.query(
    'mutation ($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }',
    { input: { title: 'Fresh show', scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), idempotencyKey: key('stream') } },
    creator,
  );
  const id = scheduled.body.data.scheduleLiveStream.id as string;
  expect((await graph.query('mutation ($id: ID!) { startLiveStream(id: $id) { status } }', { id }, creator)).body.data.startLiveStream.status).toBe('LIVE');
  return id;
}

const giftNamed = async (name: string) => (await ids('{ liveGifts { id name coinPrice } }')).find((gift) => gift.name === name)!;
const coinsOf = async (headers: Record<string, string>) => (await graph.query(WALLET, {}, headers)).body.data.me.wallet.coins as number;
const count = (query: string) => graph.rows('gifts').scalar(query);
const firstError = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions;

/** Everything a refused write must leave alone. */
async function valueSnapshot() {
  return {
    wallets: await graph.rows('gifts').all('select user_id, coins from wallets order by user_id'),
    ledgerEntries: await count('select count(*) as n from ledger_entries'),
    giftSends: await count('select count(*) as n from live_gift_sends'),
    gestureSends: await count('select count(*) as n from small_gesture_sends'),
    unclaimedCodes: await count('select count(*) as n from gift_offer_codes where claimed_at is null'),
    purchasesCompleted: await count("select count(*) as n from coin_purchases where status = 'COMPLETED'"),
  };
}

describe('LIVE gifting through the gateway', () => {
  it('buys coins, sends a gift to a live stream, and shows it in the creator’s earnings, the stream’s totals and both leaderboards', async () => {
    const viewer = await as(userIds[30] as string);
    expect(await coinsOf(viewer)).toBe(0);
    const packages = (await graph.query('{ coinPackages { id coins price { amount formatted } } }')).body.data.coinPackages;
    const pkg = packages.find((p: { coins: number }) => p.coins === 700);
    expect(pkg.price).toEqual({ amount: 999, formatted: '$9.99' });

    const bought = await graph.query(BUY, { input: { packageId: pkg.id, idempotencyKey: key('buy') } }, viewer);
    expect(bought.body.errors).toBeUndefined();
    expect(bought.body.data.purchaseCoins).toMatchObject({ purchase: { coins: 700, status: 'COMPLETED', price: { formatted: '$9.99' } }, wallet: { coins: 700 } });
    expect(await coinsOf(viewer)).toBe(700);

    // The seed's history already gifted on this stream: what this send adds is counted on top of it.
    // Gift earnings are the creator's own: read as the creator.
    const earningsBefore = (await graph.query(EARNINGS, { id: liveCreator }, await as(liveCreator))).body.data.creator.giftEarnings.diamonds;
    const totalsBefore = (await graph.query(STREAM, { id: liveStream })).body.data.liveStream.giftTotals;
    expect(totalsBefore.coins).toBeGreaterThan(0);
    const corgi = await giftNamed('Corgi'); // 299 coins
    const sent = await graph.query(SEND_GIFT, { input: { liveStreamId: liveStream, giftId: corgi.id, quantity: 2, idempotencyKey: key('gift') } }, viewer);
    expect(sent.body.errors).toBeUndefined();
    // 598 coins: the creator gets 299 diamonds; 700 − 598 = 102 coins left.
    expect(sent.body.data.sendLiveGift).toMatchObject({
      send: { coins: 598, diamonds: 299, quantity: 2, gift: { name: 'Corgi' }, creator: { id: liveCreator, handle: expect.any(String) }, liveStream: { id: liveStream }, sender: { id: userIds[30] } },
      wallet: { coins: 102 },
    });

    const creator = (await graph.query(EARNINGS, { id: liveCreator }, await as(liveCreator))).body.data.creator;
    expect(creator.giftEarnings.diamonds).toBe(earningsBefore + 299);
    expect(creator.topGifters[0]).toMatchObject({ rank: 1, coins: 598, user: { id: userIds[30], handle: expect.any(String) } });
    const stream = (await graph.query(STREAM, { id: liveStream })).body.data.liveStream;
    expect(stream).toMatchObject({
      status: 'LIVE',
      giftTotals: { coins: totalsBefore.coins + 598, diamonds: totalsBefore.diamonds + 299, giftCount: totalsBefore.giftCount + 2, gifterCount: totalsBefore.gifterCount + 1 },
    });
    expect(stream.topGifters[0]).toEqual({ rank: 1, coins: 598, user: { id: userIds[30] } });
    // At 200 diamonds per dollar, rounded down to a whole cent (299 more diamonds: $1.495 more, an odd total loses its half cent).
    const cents = Math.floor((earningsBefore + 299) / 2);
    expect(creator.giftEarnings.value).toEqual({ amount: cents, formatted: `$${(cents / 100).toFixed(2)}` });
    expect((earningsBefore + 299) % 2).toBe(1);
  });

  it('refuses an ended stream, the sender’s own stream, a gift the wallet cannot cover, unknown ids and a declined payment, moving nothing', async () => {
    const viewer = await as(userIds[31] as string);
    await graph.query(BUY, { input: { packageId: 'cpk_70', idempotencyKey: key('buy') } }, viewer);
    const rose = await giftNamed('Rose');
    const lion = await giftNamed('Lion');
    const before = await valueSnapshot();
    const attempt = async (input: Record<string, unknown>, headers = viewer) =>
      firstError((await graph.query(SEND_GIFT, { input: { liveStreamId: liveStream, giftId: rose.id, idempotencyKey: key('refused'), ...input } }, headers)).body);

    expect(await attempt({ liveStreamId: endedStream })).toMatchObject({ code: 'STREAM_NOT_LIVE', status: 'ENDED' });
    expect(await attempt({ giftId: lion.id })).toMatchObject({ code: 'INSUFFICIENT_COINS', required: 29_999, balance: 70 });
    expect(await attempt({ liveStreamId: 'liv_unknown' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await attempt({ giftId: 'lgf_unknown' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await attempt({ quantity: 0 })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await attempt({}, await as(liveCreator))).toMatchObject({ code: 'CANNOT_GIFT_OWN_STREAM' });
    const declined = await graph.query(BUY, { input: { packageId: 'cpk_17500', paymentMethod: 'test_decline', idempotencyKey: key('declined') } }, viewer);
    expect(firstError(declined.body)).toMatchObject({ code: 'PAYMENT_DECLINED' });
    expect(firstError((await graph.query(BUY, { input: { packageId: 'cpk_nope', idempotencyKey: key('nope') } }, viewer)).body)).toMatchObject({ code: 'NOT_FOUND' });

    expect(await valueSnapshot()).toEqual(before);
    expect(await coinsOf(viewer)).toBe(70);
  });

  it('needs a signed-in user: anonymous is UNAUTHENTICATED, a partner key FORBIDDEN, and nothing moves', async () => {
    const before = await valueSnapshot();
    const input = { input: { packageId: 'cpk_70', idempotencyKey: key('anon') } };
    expect(firstError((await graph.query(BUY, input)).body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const { secret } = await graph.keys.create({ partnerId: smallGesturesBrands[0]!.id, name: 'gifts-e2e', scopes: ['offers:write', 'analytics:read'] });
    expect(firstError((await graph.query(BUY, input, { 'x-api-key': secret })).body)).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_REQUIRED' });
    expect(await valueSnapshot()).toEqual(before);
  });

  it('returns the first result to a retry with the same key, refuses the key for other input, and scopes keys to the viewer', async () => {
    const [alice, bob] = [await as(userIds[32] as string), await as(userIds[33] as string)];
    const buyInput = { packageId: 'cpk_350', idempotencyKey: 'shared-key-0001' };
    const first = await graph.query(BUY, { input: buyInput }, alice);
    const retry = await graph.query(BUY, { input: buyInput }, alice);
    expect(retry.body.data.purchaseCoins.purchase).toEqual(first.body.data.purchaseCoins.purchase);
    expect(await coinsOf(alice)).toBe(350);

    const doughnut = await giftNamed('Doughnut');
    const giftInput = { liveStreamId: liveStream, giftId: doughnut.id, quantity: 3, idempotencyKey: 'gift-key-0001' };
    const gift = await graph.query(SEND_GIFT, { input: giftInput }, alice);
    const giftRetry = await graph.query(SEND_GIFT, { input: giftInput }, alice);
    expect(giftRetry.body.data.sendLiveGift.send).toEqual(gift.body.data.sendLiveGift.send);
    expect(await coinsOf(alice)).toBe(350 - 90);
    expect(firstError((await graph.query(SEND_GIFT, { input: { ...giftInput, quantity: 4 } }, alice)).body)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // The purchase's key used for a gift is another request, too.
    expect(firstError((await graph.query(SEND_GIFT, { input: { ...giftInput, idempotencyKey: buyInput.idempotencyKey } }, alice)).body)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await coinsOf(alice)).toBe(260);

    // Bob's identical key is his own.
    const bobs = await graph.query(BUY, { input: buyInput }, bob);
    expect(bobs.body.data.purchaseCoins.purchase.id).not.toBe(first.body.data.purchaseCoins.purchase.id);
    expect(await coinsOf(bob)).toBe(350);
  });

  it('shows a wallet only to its owner: through me, not through another user', async () => {
    const owner = userIds[30] as string;
    const other = await as(userIds[34] as string);
    const { body } = await graph.query('query ($id: ID!) { user(id: $id) { id wallet { coins } } }', { id: owner }, other);
    expect(body.data.user).toEqual({ id: owner, wallet: null });
    expect(firstError(body)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWN_USER' });
  });
});

describe('histories through the gateway', () => {
  const sentAtDescending = (nodes: { createdAt?: string; sentAt?: string }[]) => {
    const times = nodes.map((node) => Date.parse((node.createdAt ?? node.sentAt) as string));
    return times.every((time, i) => i === 0 || time <= (times[i - 1] as number));
  };

  it('shows a user their own coin purchases (declined ones too) and gift sends newest first, a page at a time, and nobody else', async () => {
    const buyer = await as(userIds[50] as string);
    const bought = [];
    bought.push((await graph.query(BUY, { input: { packageId: 'cpk_70', idempotencyKey: key('history') } }, buyer)).body.data.purchaseCoins.purchase.id);
    const declined = await graph.query(BUY, { input: { packageId: 'cpk_700', paymentMethod: 'test_decline', idempotencyKey: key('history') } }, buyer);
    expect(firstError(declined.body)).toMatchObject({ code: 'PAYMENT_DECLINED' });
    bought.push((await graph.query(BUY, { input: { packageId: 'cpk_350', idempotencyKey: key('history') } }, buyer)).body.data.purchaseCoins.purchase.id);

    const PURCHASES = 'query ($after: String) { me { coinPurchases(first: 2, after: $after) { edges { node { id coins status price { amount } createdAt } } pageInfo { hasNextPage endCursor } } } }';
    const first = (await graph.query(PURCHASES, {}, buyer)).body.data.me.coinPurchases;
    const rest = (await graph.query(PURCHASES, { after: first.pageInfo.endCursor }, buyer)).body.data.me.coinPurchases;
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const purchases = [...first.edges, ...rest.edges].map((edge: any) => edge.node);
    expect(sentAtDescending(purchases)).toBe(true);
    expect(purchases.map(({ coins, status, price }: any) => ({ coins, status, price: price.amount })).sort((a: any, b: any) => a.coins - b.coins)).toEqual([
      { coins: 70, status: 'COMPLETED', price: 99 },
      { coins: 350, status: 'COMPLETED', price: 499 },
      { coins: 700, status: 'DECLINED', price: 999 },
    ]);
    expect(purchases.filter((purchase: any) => purchase.status === 'COMPLETED').map((purchase: any) => purchase.id).sort()).toEqual(bought.sort());

    const rose = await giftNamed('Rose');
    const doughnut = await giftNamed('Doughnut');
    const sends = [];
    for (const [gift, quantity] of [[rose, 3], [doughnut, 1], [rose, 1]] as const) {
      sends.push((await graph.query(SEND_GIFT, { input: { liveStreamId: liveStreamIds[0], giftId: gift.id, quantity, idempotencyKey: key('history') } }, buyer)).body.data.sendLiveGift.send.id);
    }
    const SENT = '{ me { liveGiftsSent(first: 10) { edges { node { id quantity coins gift { name } liveStream { id } creator { id } sentAt } } } } }';
    const sent = (await graph.query(SENT, {}, buyer)).body.data.me.liveGiftsSent.edges.map((edge: any) => edge.node);
    expect(sentAtDescending(sent)).toBe(true);
    expect(sent.map((send: any) => send.id).sort()).toEqual(sends.sort());
    expect(sent.map((send: any) => send.coins).reduce((sum: number, coins: number) => sum + coins, 0)).toBe(3 + 30 + 1);
    expect(sent.every((send: any) => send.liveStream.id === liveStreamIds[0] && send.creator.id === liveStreamCreatorId(0))).toBe(true);
    expect(await coinsOf(buyer)).toBe(70 + 350 - 34);

    const other = await graph.query('query ($id: ID!) { user(id: $id) { coinPurchases { edges { node { id } } } liveGiftsSent { edges { node { id } } } } }', { id: userIds[50] }, await as(userIds[51] as string));
    expect(other.body.data.user).toEqual({ coinPurchases: null, liveGiftsSent: null });
    expect(other.body.errors!.map((error: any) => error.extensions)).toEqual([expect.objectContaining({ code: 'FORBIDDEN', reason: 'NOT_OWN_USER' }), expect.objectContaining({ code: 'FORBIDDEN', reason: 'NOT_OWN_USER' })]);
  });

  it('shows a creator the gifts they received, of one stream or all of them, and nobody else', async () => {
    const creatorId = liveStreamCreatorId(4);
    const creator = await as(creatorId);
    const firstStream = liveStreamIds[4] as string;
    const scheduled = await graph.query(
      'mutation ($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }',
      { input: { title: 'Second show', scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), idempotencyKey: key('stream') } },
      creator,
    );
    const secondStream = scheduled.body.data.scheduleLiveStream.id as string;
    expect((await graph.query('mutation ($id: ID!) { startLiveStream(id: $id) { status } }', { id: secondStream }, creator)).body.data.startLiveStream.status).toBe('LIVE');

    const fan = await as(userIds[51] as string);
    await graph.query(BUY, { input: { packageId: 'cpk_700', idempotencyKey: key('buy') } }, fan);
    const corgi = await giftNamed('Corgi');
    const rose = await giftNamed('Rose');
    const onFirst = (await graph.query(SEND_GIFT, { input: { liveStreamId: firstStream, giftId: corgi.id, idempotencyKey: key('receipt') } }, fan)).body.data.sendLiveGift.send.id;
    const onSecond = [];
    for (let i = 0; i < 2; i++) onSecond.push((await graph.query(SEND_GIFT, { input: { liveStreamId: secondStream, giftId: rose.id, quantity: 2, idempotencyKey: key('receipt') } }, fan)).body.data.sendLiveGift.send.id);
    await graph.query('mutation ($id: ID!) { endLiveStream(id: $id) { status } }', { id: secondStream }, creator);

    const RECEIPTS = 'query ($stream: ID) { me { creator { giftReceipts(liveStreamId: $stream, first: 10) { edges { node { id coins diamonds sender { id } liveStream { id giftTotals { coins } } } } } } } }';
    const ofSecond = (await graph.query(RECEIPTS, { stream: secondStream }, creator)).body.data.me.creator.giftReceipts.edges.map((edge: any) => edge.node);
    expect(ofSecond.map((node: any) => node.id).sort()).toEqual(onSecond.sort());
    expect(ofSecond.every((node: any) => node.coins === 2 && node.diamonds === 1 && node.sender.id === userIds[51] && node.liveStream.giftTotals.coins === 4)).toBe(true);
    const ofAll = (await graph.query(RECEIPTS, {}, creator)).body.data.me.creator.giftReceipts.edges.map((edge: any) => edge.node.id);
    // With what the seed's history sent this creator before.
    const seeded = giftsSeed().history.liveGiftSends.filter((send) => send.creatorId === creatorId).map((send) => send.id);
    expect(seeded.length).toBeGreaterThan(0);
    expect(ofAll.sort()).toEqual([...seeded, onFirst, ...onSecond].sort());
    expect((await graph.query(RECEIPTS, { stream: liveStreamIds[0] }, creator)).body.data.me.creator.giftReceipts.edges).toEqual([]);

    const byFan = await graph.query('query ($id: ID!) { creator(id: $id) { giftReceipts { edges { node { id } } } } }', { id: creatorId }, fan);
    expect(byFan.body.data.creator.giftReceipts).toBeNull();
    expect(firstError(byFan.body)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_CREATOR' });
  });
});

describe('creator shares through the gateway', () => {
  it('credits a creator with a share of their own at it from the next send on, keeps past sends as they were, and shows the share only to the creator', async () => {
    const creatorId = creatorIds[12] as string;
    const stream = await streamGoingLive(creatorId);
    const creator = await as(creatorId);
    const fan = await as(userIds[49] as string);
    await graph.query(BUY, { input: { packageId: 'cpk_3500', idempotencyKey: key('buy') } }, fan);
    const corgi = await giftNamed('Corgi'); // 299 coins
    const send = async () => (await graph.query(SEND_GIFT, { input: { liveStreamId: stream, giftId: corgi.id, idempotencyKey: key('share') } }, fan)).body.data.sendLiveGift.send;
    const SHARE = '{ me { creator { giftEarnings { share diamonds } } } }';

    const atDefault = await send();
    expect(atDefault).toMatchObject({ coins: 299, diamonds: 149 });
    expect((await graph.query(SHARE, {}, creator)).body.data.me.creator.giftEarnings.share).toBe(0.5);

    await setCreatorShare(graph.stores.gifts, creatorId, { diamonds: 53, coins: 100 }, 'up to 53% by missions', clock.now());
    const atOwn = await send();
    // 299 × 53/100 = 158.47, rounded down.
    expect(atOwn).toMatchObject({ coins: 299, diamonds: 158 });
    const earnings = (await graph.query(SHARE, {}, creator)).body.data.me.creator.giftEarnings;
    expect(earnings).toEqual({ share: 0.53, diamonds: 149 + 158 });
    const stored = await graph.rows('gifts').all('select id, diamonds, share_diamonds, share_coins from live_gift_sends where id in (?, ?) order by diamonds', atDefault.id, atOwn.id);
    expect(stored).toEqual([
      { id: atDefault.id, diamonds: 149, share_diamonds: 1, share_coins: 2 },
      { id: atOwn.id, diamonds: 158, share_diamonds: 53, share_coins: 100 },
    ]);
    expect(await graph.rows('gifts').scalar('select diamonds from creator_balances where creator_id = ?', creatorId)).toBe(149 + 158);

    const seenByOther = await graph.query('query ($id: ID!) { creator(id: $id) { giftEarnings { share } } }', { id: creatorId }, fan);
    expect(seenByOther.body.data.creator.giftEarnings).toBeNull();
    expect(firstError(seenByOther.body)).toMatchObject({ code: 'FORBIDDEN' });

    expect(await clearCreatorShare(graph.stores.gifts, creatorId)).toBe(true);
    expect(await send()).toMatchObject({ diamonds: 149 });
  });
});

describe('gift payouts through the gateway', () => {
  const PAYOUT = `mutation ($input: RequestGiftPayoutInput!) { requestGiftPayout(input: $input) {
    payout { id status amount { amount formatted } diamonds failureReason } earnings { available { diamonds value { amount } } inFlight { diamonds } paidOut { diamonds value { amount } } } } }`;
  const STATES = '{ available { amount currencyCode } pending { amount currencyCode } locked { amount currencyCode } inPayout { amount currencyCode } paidOut { amount currencyCode } }';
  const BALANCE = `balance ${STATES}`;
  const MY_EARNINGS = `{ me { creator { giftEarnings { diamonds value { amount } available { diamonds value { amount } } inFlight { diamonds value { amount } } paidOut { diamonds value { amount } } payoutMinimum { formatted } ${BALANCE} }
    giftPayouts(first: 5) { edges { node { status amount { amount } diamonds } } } earnings { gifts { amount } giftBalance ${STATES} commissionBalance ${STATES} } } } }`;
  const payoutCreator = creatorIds[13] as string;

  it('pays a creator’s gift earnings, shows available, in flight and paid out, and gives a failed payout’s diamonds back', async () => {
    const creator = await as(payoutCreator);
    const payoutStream = await streamGoingLive(payoutCreator);
    const fan = await as(userIds[47] as string);
    await graph.query(BUY, { input: { packageId: 'cpk_17500', idempotencyKey: key('buy') } }, fan);
    const sportsCar = await giftNamed('Sports Car'); // 7,000 coins → 3,500 diamonds
    for (let i = 0; i < 2; i++) expect((await graph.query(SEND_GIFT, { input: { liveStreamId: payoutStream, giftId: sportsCar.id, idempotencyKey: key('car') } }, fan)).body.errors).toBeUndefined();
    const before = (await graph.query(MY_EARNINGS, {}, creator)).body.data.me.creator;
    expect(before.giftEarnings).toMatchObject({ diamonds: 7_000, available: { diamonds: 7_000, value: { amount: 3_500 } }, inFlight: { diamonds: 0 }, paidOut: { diamonds: 0 }, payoutMinimum: { formatted: '$10.00' } });
    expect(before.earnings.gifts.amount).toBe(3_500);
    const amounts = (balance: Record<string, { amount: number }>) => Object.fromEntries(Object.entries(balance).map(([state, value]) => [state, value.amount]));
    // The same states as commerce's commission balance; a LIVE gift is never pending nor locked.
    expect(amounts(before.giftEarnings.balance)).toEqual({ available: 3_500, pending: 0, locked: 0, inPayout: 0, paidOut: 0 });
    // Commerce's earnings show the gift balance gifts gives, beside the commission balance.
    expect(before.earnings.giftBalance).toEqual(before.giftEarnings.balance);

    const failed = await graph.query(PAYOUT, { input: { amount: 2_000, payoutMethod: 'test_fail', idempotencyKey: key('payout') } }, creator);
    expect(failed.body.data.requestGiftPayout).toMatchObject({ payout: { status: 'FAILED', amount: { amount: 2_000 }, diamonds: 4_000, failureReason: expect.any(String) }, earnings: { available: { diamonds: 7_000 } } });

    const paid = await graph.query(PAYOUT, { input: { amount: 2_000, idempotencyKey: key('payout') } }, creator);
    expect(paid.body.data.requestGiftPayout).toMatchObject({
      payout: { status: 'PAID', amount: { amount: 2_000, formatted: '$20.00' }, diamonds: 4_000, failureReason: null },
      earnings: { available: { diamonds: 3_000, value: { amount: 1_500 } }, inFlight: { diamonds: 0 }, paidOut: { diamonds: 4_000, value: { amount: 2_000 } } },
    });
    const after = (await graph.query(MY_EARNINGS, {}, creator)).body.data.me.creator;
    // The total earned keeps its meaning, in gifts and in commerce's earnings alike.
    expect(after.giftEarnings).toMatchObject({ diamonds: 7_000, value: { amount: 3_500 } });
    expect(after.earnings.gifts.amount).toBe(3_500);
    // The failed payout gave its $20.00 back; the paid one moved $20.00 to paid out.
    expect(amounts(after.giftEarnings.balance)).toEqual({ available: 1_500, pending: 0, locked: 0, inPayout: 0, paidOut: 2_000 });
    // Both sources in one place: the gift balance after the payout as gifts shows it, and the
    // commission balance (this creator sold nothing) in the same five states.
    expect(after.earnings.giftBalance).toEqual(after.giftEarnings.balance);
    expect(after.earnings.giftBalance.paidOut).toEqual({ amount: 2_000, currencyCode: 'USD' });
    expect(amounts(after.earnings.commissionBalance)).toEqual({ available: 0, pending: 0, locked: 0, inPayout: 0, paidOut: 0 });
    expect(after.giftPayouts.edges.map((edge: any) => edge.node)).toEqual([
      { status: 'PAID', amount: { amount: 2_000 }, diamonds: 4_000 },
      { status: 'FAILED', amount: { amount: 2_000 }, diamonds: 4_000 },
    ]);

    expect(firstError((await graph.query(PAYOUT, { input: { amount: 1_501, idempotencyKey: key('payout') } }, creator)).body)).toMatchObject({ code: 'INSUFFICIENT_GIFT_EARNINGS', available: 1_500 });
    expect(firstError((await graph.query(PAYOUT, { input: { amount: 500, idempotencyKey: key('payout') } }, creator)).body)).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', minimum: 1_000 });
    expect(await graph.rows('gifts').scalar('select diamonds from creator_balances where creator_id = ?', payoutCreator)).toBe(3_000);
    expect(await graph.rows('gifts').scalar("select coalesce(sum(amount), 0) from ledger_entries where account = ?", `creator:${payoutCreator}`)).toBe(3_000);
    // Besides the seed's own paid payout (10,000 diamonds, $50.00 to Maya).
    const seededPaidOut = giftsSeed()
      .history.giftPayouts.filter((payout) => payout.status === 'PAID')
      .reduce((total, payout) => total + payout.diamonds, 0);
    expect(seededPaidOut).toBe(10_000);
    expect(await graph.rows('gifts').scalar("select coalesce(sum(amount), 0) from ledger_entries where account = 'system:diamonds-paid-out'")).toBe(seededPaidOut + 4_000);
  });

  it('shows the earnings, their split and the payouts to nobody but the creator, and refuses partner keys', async () => {
    const { body } = await graph.query('query ($id: ID!) { creator(id: $id) { giftEarnings { diamonds available { diamonds } balance { paidOut { amount } } } giftPayouts { edges { node { id } } } } }', { id: payoutCreator }, await as(userIds[48] as string));
    expect(body.data.creator).toEqual({ giftEarnings: null, giftPayouts: null });
    expect(body.errors!.map((error: any) => [error.path.join('.'), error.extensions.code])).toEqual([
      ['creator.giftEarnings', 'FORBIDDEN'],
      ['creator.giftPayouts', 'FORBIDDEN'],
    ]);
    const earningsOfOther = await graph.query('query ($id: ID!) { creator(id: $id) { earnings { gifts { amount } giftBalance { available { amount } } } } }', { id: payoutCreator }, await as(userIds[48] as string));
    expect(earningsOfOther.body.data.creator).toEqual({ earnings: null });
    // Commerce refuses the earnings; gifts refused the gift earnings the gateway required for them
    // first, and the gateway reports that too, at the path it required them from.
    expect(earningsOfOther.body.errors!.map((error: any) => [error.path.join('.'), error.extensions.code, error.extensions.reason])).toEqual([
      ['creator.giftEarnings', 'FORBIDDEN', 'NOT_THE_CREATOR'],
      ['creator.earnings', 'FORBIDDEN', 'NOT_THE_CREATOR'],
    ]);
    const { secret } = await graph.keys.create({ partnerId: smallGesturesBrands[0]!.id, name: 'payouts', scopes: ['analytics:read'] });
    const partner = await graph.query('mutation { requestGiftPayout(input: { idempotencyKey: "partner-payout-1" }) { payout { id } } }', {}, { 'x-api-key': secret });
    expect(firstError(partner.body)).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_REQUIRED' });
  });
});

describe('the seeded history through the gateway', () => {
  it('shows Maya the payout she was paid before the seed, and what is still hers to withdraw', async () => {
    const maya = await as(liveStreamCreatorId(0));
    const { body } = await graph.query(
      '{ me { creator { giftEarnings { diamonds balance { available { amount } pending { amount } locked { amount } inPayout { amount } paidOut { amount formatted } } } giftPayouts(first: 5) { edges { node { status amount { formatted } diamonds } } } } } }',
      {},
      maya,
    );
    expect(body.errors).toBeUndefined();
    const { giftEarnings, giftPayouts } = body.data.me.creator;
    expect(giftPayouts.edges.map((edge: any) => edge.node)).toContainEqual({ status: 'PAID', amount: { formatted: '$50.00' }, diamonds: 10_000 });
    expect(giftEarnings.balance.paidOut).toEqual({ amount: 5_000, formatted: '$50.00' });
    expect(giftEarnings.balance.inPayout.amount).toBe(0);
    // What she earned less what was paid out, at 200 diamonds per dollar, rounded down.
    expect(giftEarnings.balance.available.amount).toBe(Math.floor((giftEarnings.diamonds - 10_000) / 2));
    expect(giftEarnings.balance.available.amount).toBeGreaterThan(1_000);
  });
});

describe('Small Gestures through the gateway', () => {
  it('lists offers, sends one to a friend with a message, shows it in the friend’s inbox, and shows the code on redeem, and again to the friend only', async () => {
    const [sender, friend] = [userIds[35] as string, userIds[37] as string];
    const senderHeaders = await as(sender);
    const friendHeaders = await as(friend);
    const offers = (await graph.query('{ smallGestureOffers { offers { id title codesLeft brand { id name } } unavailableReason } }', {}, senderHeaders)).body.data.smallGestureOffers;
    expect(offers.unavailableReason).toBeNull();
    expect(offers.offers.length).toBeGreaterThan(0);
    const offer = offers.offers[0];
    expect(offer.brand.name).toEqual(expect.any(String));

    const sent = await graph.query(SEND_GESTURE, { input: { offerId: offer.id, recipientId: friend, message: 'Happy birthday! 🎂', idempotencyKey: key('gesture') } }, senderHeaders);
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data.sendSmallGesture).toMatchObject({ gift: { message: 'Happy birthday! 🎂', offer: { id: offer.id }, recipient: { id: friend } }, allowance: { sent: 1, remaining: 2 } });
    const giftId = sent.body.data.sendSmallGesture.gift.id;
    const after = (await graph.query('query ($id: ID!) { giftOffer(id: $id) { codesLeft } }', { id: offer.id })).body.data.giftOffer.codesLeft;
    expect(after).toBe(offer.codesLeft - 1);

    const inbox = await graph.query('{ me { handle giftInbox(first: 5) { edges { node { id message redeemed sender { id handle } offer { title } } } } } }', {}, friendHeaders);
    expect(inbox.body.errors).toBeUndefined();
    expect(inbox.body.data.me.giftInbox.edges[0].node).toMatchObject({ id: giftId, message: 'Happy birthday! 🎂', redeemed: false, sender: { id: sender, handle: expect.any(String) }, offer: { title: offer.title } });
    expect((await graph.query('{ me { smallGestures { sent remaining } } }', {}, senderHeaders)).body.data.me.smallGestures).toEqual({ sent: 1, remaining: 2 });

    expect(firstError((await graph.query(REDEEM, { id: giftId }, senderHeaders)).body)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_RECIPIENT' });
    const redeemed = await graph.query(REDEEM, { id: giftId }, friendHeaders);
    expect(redeemed.body.data.redeemSmallGesture).toMatchObject({ code: expect.stringMatching(/^[A-Z]{4}-/), gift: { id: giftId, redeemed: true } });
    const code = redeemed.body.data.redeemSmallGesture.code;
    // A lost response loses nothing: redeeming again, or the inbox, shows the same code to the friend.
    expect((await graph.query(REDEEM, { id: giftId }, friendHeaders)).body.data.redeemSmallGesture.code).toBe(code);
    const shown = (await graph.query('{ me { giftInbox(first: 5) { edges { node { id state code } } } } }', {}, friendHeaders)).body.data.me.giftInbox.edges[0].node;
    expect(shown).toEqual({ id: giftId, state: 'REDEEMED', code });
    const senderSees = (await graph.query('{ me { smallGesturesSent(first: 5) { edges { node { id state code recipient { id } } } } } }', {}, senderHeaders)).body.data.me.smallGesturesSent.edges;
    expect(senderSees).toEqual([{ node: { id: giftId, state: 'REDEEMED', code: null, recipient: { id: friend } } }]);
    expect(await graph.rows('gifts').scalar('select count(*) from gift_offer_codes c join small_gesture_sends s on s.code_id = c.id where s.id = ? and c.code = ?', giftId, code)).toBe(1);
  });

  it('refuses outside the US (from the token, or the users subgraph when the token has no country), with an empty offer list and a reason', async () => {
    // The users seed decides countries: find a creator outside the US (creators are users too).
    const creators = (await graph.query('{ creators(first: 20) { edges { node { id country } } } }')).body.data.creators.edges.map((edge: any) => edge.node);
    const abroad = (creators as { id: string; country: string }[]).find((creator) => creator.country !== 'US')!;
    expect(abroad).toBeDefined();
    const noCountryInToken = await as(abroad.id, '');
    const listed = (await graph.query('{ smallGestureOffers { offers { id } unavailableReason } }', {}, noCountryInToken)).body.data.smallGestureOffers;
    expect(listed).toEqual({ offers: [], unavailableReason: expect.stringContaining(abroad.country) });

    const before = await valueSnapshot();
    const offerId = (await graph.query('{ giftOffers(first: 1) { edges { node { id } } } }')).body.data.giftOffers.edges[0].node.id;
    const input = { offerId, recipientId: userIds[37], message: 'hi', idempotencyKey: key('abroad') };
    expect(firstError((await graph.query(SEND_GESTURE, { input }, noCountryInToken)).body)).toMatchObject({ code: 'SMALL_GESTURE_REGION_UNAVAILABLE', country: abroad.country });
    expect(firstError((await graph.query(SEND_GESTURE, { input: { ...input, idempotencyKey: key('ca') } }, await as(userIds[38] as string, 'CA'))).body)).toMatchObject({
      code: 'SMALL_GESTURE_REGION_UNAVAILABLE',
    });
    expect(await valueSnapshot()).toEqual(before);
  });

  it('refuses a fourth send, a send to yourself, an unknown recipient, one abroad, an ended offer and a long message, taking no code', async () => {
    const sender = userIds[39] as string;
    const headers = await as(sender);
    const offers = (await graph.query('{ giftOffers(first: 10) { edges { node { id active } } } }')).body.data.giftOffers.edges.map((edge: any) => edge.node);
    const open = offers.find((offer: { active: boolean }) => offer.active).id;
    const ended = offers.find((offer: { active: boolean }) => !offer.active).id;
    const [friendA, friendB, friendC] = US_USER_IDS.filter((id) => id !== sender).slice(-3) as [string, string, string];
    const send = (input: Record<string, unknown>) => graph.query(SEND_GESTURE, { input: { offerId: open, recipientId: friendA, message: 'hey', idempotencyKey: key('rule'), ...input } }, headers);

    const before = await valueSnapshot();
    expect(firstError((await send({ recipientId: sender })).body)).toMatchObject({ code: 'CANNOT_GIFT_SELF' });
    expect(firstError((await send({ recipientId: 'usr_nobody' })).body)).toMatchObject({ code: 'RECIPIENT_NOT_FOUND' });
    expect(firstError((await send({ offerId: ended })).body)).toMatchObject({ code: 'OFFER_INACTIVE' });
    expect(firstError((await send({ message: 'x'.repeat(151) })).body)).toMatchObject({ code: 'MESSAGE_TOO_LONG', max: 150 });
    expect(await valueSnapshot()).toEqual(before);

    const abroad = NON_US_USER_IDS[5] as string;
    expect(firstError((await send({ recipientId: abroad })).body)).toMatchObject({ code: 'RECIPIENT_REGION_UNAVAILABLE', regions: ['US'] });
    expect(await valueSnapshot()).toEqual(before);

    for (const friend of [friendA, friendB, friendC]) expect((await send({ recipientId: friend })).body.errors).toBeUndefined();
    const fourthBefore = await valueSnapshot();
    expect(firstError((await send({ recipientId: userIds[44] })).body)).toMatchObject({ code: 'SMALL_GESTURE_LIMIT_REACHED', limit: 3 });
    expect(await valueSnapshot()).toEqual(fourthBefore);
    expect((await graph.query('{ me { smallGestures { sent remaining } } }', {}, headers)).body.data.me.smallGestures).toEqual({ sent: 3, remaining: 0 });
  });

  it('sends by claim link: the sender gets a token, the first friend to sign in and claim it receives the gift, and the link claims once', async () => {
    const sender = US_USER_IDS[20] as string;
    const [friend, late] = [US_USER_IDS[21], US_USER_IDS[22]] as [string, string];
    const offerId = (await graph.query('{ smallGestureOffers { offers { id } } }', {}, await as(sender))).body.data.smallGestureOffers.offers[0].id;
    const codesBefore = (await graph.query('query ($id: ID!) { giftOffer(id: $id) { codesLeft } }', { id: offerId })).body.data.giftOffer.codesLeft;
    const input = { offerId, message: 'Sign up and it is yours', idempotencyKey: key('link') };
    const sent = await graph.query('mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { claimToken gift { id state recipient { id } claimExpiresAt } allowance { sent } } }', { input }, await as(sender));
    expect(sent.body.errors).toBeUndefined();
    const { claimToken, gift } = sent.body.data.sendSmallGesture;
    expect(gift).toMatchObject({ state: 'AWAITING_CLAIM', recipient: null });
    expect(sent.body.data.sendSmallGesture.allowance.sent).toBe(1);
    // A lost response loses nothing: the retry, and the sender's list, show the same token.
    const retry = await graph.query('mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { claimToken gift { id } } }', { input }, await as(sender));
    expect(retry.body.data.sendSmallGesture).toEqual({ claimToken, gift: { id: gift.id } });
    expect((await graph.query('{ me { smallGesturesSent(first: 1) { edges { node { id claimToken } } } } }', {}, await as(sender))).body.data.me.smallGesturesSent.edges[0].node).toEqual({ id: gift.id, claimToken });
    expect((await graph.query('query ($id: ID!) { giftOffer(id: $id) { codesLeft } }', { id: offerId })).body.data.giftOffer.codesLeft).toBe(codesBefore - 1);

    const CLAIM = 'mutation ($token: String!) { claimSmallGesture(token: $token) { gift { id state sender { id } recipient { id } message } } }';
    const claimed = await graph.query(CLAIM, { token: claimToken }, await as(friend));
    expect(claimed.body.data.claimSmallGesture.gift).toEqual({ id: gift.id, state: 'DELIVERED', sender: { id: sender }, recipient: { id: friend }, message: input.message });
    expect(firstError((await graph.query(CLAIM, { token: claimToken }, await as(late))).body)).toMatchObject({ code: 'SMALL_GESTURE_ALREADY_CLAIMED' });
    expect(firstError((await graph.query(CLAIM, { token: `${claimToken}x` }, await as(late))).body)).toMatchObject({ code: 'CLAIM_LINK_INVALID' });

    const inbox = (await graph.query('{ me { giftInbox(first: 5) { edges { node { id } } } } }', {}, await as(friend))).body.data.me.giftInbox.edges;
    expect(inbox).toEqual([{ node: { id: gift.id } }]);
    const code = (await graph.query(REDEEM, { id: gift.id }, await as(friend))).body.data.redeemSmallGesture.code;
    expect(await graph.rows('gifts').scalar('select c.code from small_gesture_sends s join gift_offer_codes c on c.id = s.code_id where s.id = ?', gift.id)).toBe(code);
    const list = (await graph.query('{ me { smallGestures { sent } smallGesturesSent(first: 1) { edges { node { state claimToken recipient { id } } } } } }', {}, await as(sender))).body.data.me;
    expect(list).toEqual({ smallGestures: { sent: 1 }, smallGesturesSent: { edges: [{ node: { state: 'REDEEMED', claimToken: null, recipient: { id: friend } } }] } });
  });

  it('expires an unclaimed link after 72 hours on a moved clock: the send comes back to the sender, the code to the pool, and the link claims nothing', async () => {
    const sender = US_USER_IDS[23] as string;
    const offerId = (await graph.query('{ smallGestureOffers { offers { id } } }', {}, await as(sender))).body.data.smallGestureOffers.offers[0].id;
    const CODES = 'query ($id: ID!) { giftOffer(id: $id) { codesLeft } }';
    const codesBefore = (await graph.query(CODES, { id: offerId })).body.data.giftOffer.codesLeft;
    const sent = (await graph.query('mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { claimToken gift { id } } }', { input: { offerId, message: '', idempotencyKey: key('expiring') } }, await as(sender))).body.data.sendSmallGesture;
    const MINE = '{ me { smallGestures { sent remaining } smallGesturesSent(first: 1) { edges { node { id state claimToken } } } } }';
    try {
      ahead += 72 * 3_600_000 - 60_000;
      expect((await graph.query(MINE, {}, await as(sender))).body.data.me.smallGesturesSent.edges[0].node.state).toBe('AWAITING_CLAIM');
      ahead += 60_000;
      expect((await graph.query(MINE, {}, await as(sender))).body.data.me).toEqual({
        smallGestures: { sent: 0, remaining: 3 },
        smallGesturesSent: { edges: [{ node: { id: sent.gift.id, state: 'EXPIRED', claimToken: null } }] },
      });
      expect((await graph.query(CODES, { id: offerId })).body.data.giftOffer.codesLeft).toBe(codesBefore);
      expect(firstError((await graph.query('mutation ($token: String!) { claimSmallGesture(token: $token) { gift { id } } }', { token: sent.claimToken }, await as(US_USER_IDS[24] as string))).body)).toMatchObject({
        code: 'SMALL_GESTURE_CLAIM_EXPIRED',
      });
      // The next send of that offer gives the code back in the store too, and the sender has three again.
      for (let i = 0; i < 3; i++) {
        const again = await graph.query(SEND_GESTURE, { input: { offerId, recipientId: US_USER_IDS[25 + i], message: 'again', idempotencyKey: key('after-expiry') } }, await as(sender));
        expect(again.body.errors).toBeUndefined();
      }
      expect(await graph.rows('gifts').scalar('select count(*) from small_gesture_sends where id = ? and code_id is null and sender_slot is null', sent.gift.id)).toBe(1);
      expect((await graph.query(CODES, { id: offerId })).body.data.giftOffer.codesLeft).toBe(codesBefore - 3);
    } finally {
      ahead = 0;
    }
  });

  it('says why an open offer cannot be sent: sold out, or the allowance spent', async () => {
    const sender = await as(userIds[39] as string); // sent three in the test above
    const OFFERS = '{ smallGestureOffers { offers { id } unavailable { offer { id } reason message } allowance { remaining } } }';
    const spent = (await graph.query(OFFERS, {}, sender)).body.data.smallGestureOffers;
    expect(spent.offers).toEqual([]);
    expect(spent.allowance).toEqual({ remaining: 0 });
    expect(spent.unavailable.length).toBeGreaterThan(0);
    expect(spent.unavailable.every((entry: any) => entry.reason === 'ALLOWANCE_SPENT' && entry.message.includes('3'))).toBe(true);

    const brandId = smallGesturesBrands[3]!.id;
    const writer = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'sold-out', scopes: ['offers:write'] })).secret };
    const soldOut = (await graph.query('mutation ($input: CreateGiftOfferInput!) { createGiftOffer(input: $input) { id } }', { input: { brandId, title: 'Empty pool pass', description: '', retailValueAmount: 100 } }, writer)).body.data.createGiftOffer.id;
    const fresh = (await graph.query(OFFERS, {}, await as(US_USER_IDS[28] as string))).body.data.smallGestureOffers;
    expect(fresh.offers.map((offer: any) => offer.id)).not.toContain(soldOut);
    expect(fresh.unavailable).toEqual([{ offer: { id: soldOut }, reason: 'SOLD_OUT', message: 'This offer has no codes left.' }]);
  });

  it('lets a partner stock its own offer, refuses duplicate codes and other brands, and shows it counts but never codes', async () => {
    const [own, other] = [smallGesturesBrands[1]!.id, smallGesturesBrands[2]!.id];
    const writer = { 'x-api-key': (await graph.keys.create({ partnerId: own, name: 'offers', scopes: ['offers:write'] })).secret };
    const analyst = { 'x-api-key': (await graph.keys.create({ partnerId: own, name: 'analytics', scopes: ['analytics:read'] })).secret };
    const otherAnalyst = { 'x-api-key': (await graph.keys.create({ partnerId: other, name: 'analytics', scopes: ['analytics:read'] })).secret };

    const created = await graph.query(
      'mutation ($input: CreateGiftOfferInput!) { createGiftOffer(input: $input) { id title codesLeft brand { id } } }',
      { input: { brandId: own, title: 'E2E week pass', description: 'A week.', retailValueAmount: 299 } },
      writer,
    );
    expect(created.body.errors).toBeUndefined();
    const offerId = created.body.data.createGiftOffer.id;
    const ADD = 'mutation ($offerId: ID!, $codes: [String!]!) { addGiftOfferCodes(offerId: $offerId, codes: $codes) { added offer { codesLeft } } }';
    expect((await graph.query(ADD, { offerId, codes: ['E2E-CODE-1', 'E2E-CODE-2'] }, writer)).body.data.addGiftOfferCodes).toEqual({ added: 2, offer: { codesLeft: 2 } });
    expect(firstError((await graph.query(ADD, { offerId, codes: ['E2E-CODE-3', 'E2E-CODE-3'] }, writer)).body)).toMatchObject({ code: 'DUPLICATE_GIFT_CODE', codes: ['E2E-CODE-3'] });
    expect(firstError((await graph.query(ADD, { offerId, codes: ['E2E-CODE-1'] }, writer)).body)).toMatchObject({ code: 'DUPLICATE_GIFT_CODE', codes: ['E2E-CODE-1'] });
    expect(firstError((await graph.query(ADD, { offerId, codes: ['E2E-CODE-4'] }, analyst)).body)).toMatchObject({ code: 'FORBIDDEN' });
    const otherWriter = { 'x-api-key': (await graph.keys.create({ partnerId: other, name: 'offers', scopes: ['offers:write'] })).secret };
    expect(firstError((await graph.query(ADD, { offerId, codes: ['E2E-CODE-4'] }, otherWriter)).body)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    expect((await graph.query('query ($id: ID!) { giftOffer(id: $id) { codesLeft } }', { id: offerId })).body.data.giftOffer.codesLeft).toBe(2);

    const sent = await graph.query(SEND_GESTURE, { input: { offerId, recipientId: userIds[46], message: 'enjoy', idempotencyKey: key('stats') } }, await as(userIds[45] as string));
    const redeemed = await graph.query(REDEEM, { id: sent.body.data.sendSmallGesture.gift.id }, await as(userIds[46] as string));
    const code = redeemed.body.data.redeemSmallGesture.code;
    expect(['E2E-CODE-1', 'E2E-CODE-2']).toContain(code);

    const STATS = 'query ($id: ID!) { giftOffer(id: $id) { stats { sent redeemed codesLeft } } }';
    const stats = await graph.query(STATS, { id: offerId }, analyst);
    expect(stats.body.data.giftOffer.stats).toEqual({ sent: 1, redeemed: 1, codesLeft: 1 });
    expect(JSON.stringify(stats.body)).not.toContain('E2E-CODE');
    expect(firstError((await graph.query(STATS, { id: offerId }, otherAnalyst)).body)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    expect(firstError((await graph.query(STATS, { id: offerId }, await as(userIds[46] as string))).body)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets a partner list its offers on its brand, pause, resume and end them, and refuses other brands', async () => {
    const brandId = smallGesturesBrands[2]!.id;
    const writer = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'offers', scopes: ['offers:write'] })).secret };
    const otherWriter = { 'x-api-key': (await graph.keys.create({ partnerId: smallGesturesBrands[0]!.id, name: 'offers', scopes: ['offers:write'] })).secret };
    const created = await graph.query('mutation ($input: CreateGiftOfferInput!) { createGiftOffer(input: $input) { id status } }', { input: { brandId, title: 'Pausable pass', description: '', retailValueAmount: 500 } }, writer);
    const offerId = created.body.data.createGiftOffer.id as string;
    expect(created.body.data.createGiftOffer.status).toBe('ACTIVE');
    await graph.query('mutation ($offerId: ID!, $codes: [String!]!) { addGiftOfferCodes(offerId: $offerId, codes: $codes) { added } }', { offerId, codes: ['PAUSE-0001', 'PAUSE-0002'] }, writer);

    const BRAND = 'query ($id: ID!) { brand(id: $id) { name giftOffers(first: 20) { edges { node { id title status active endsAt } } } } }';
    const listed = (await graph.query(BRAND, { id: brandId })).body.data.brand;
    expect(listed.name).toBe('Tunewave');
    // Newest first, the ended launch-week offer too.
    expect(listed.giftOffers.edges[0].node).toMatchObject({ id: offerId, title: 'Pausable pass', status: 'ACTIVE' });
    expect(listed.giftOffers.edges.map((edge: any) => edge.node.status)).toContain('ENDED');

    const PAUSE = 'mutation ($id: ID!) { pauseGiftOffer(id: $id) { status active } }';
    const RESUME = 'mutation ($id: ID!) { resumeGiftOffer(id: $id) { status active } }';
    const END = 'mutation ($id: ID!, $endsAt: DateTime) { setGiftOfferEndDate(id: $id, endsAt: $endsAt) { status endsAt } }';
    const sender = await as(US_USER_IDS[29] as string);
    const sendIt = () => graph.query(SEND_GESTURE, { input: { offerId, recipientId: US_USER_IDS[30], message: 'hi', idempotencyKey: key('pause') } }, sender);
    const sendable = async () => (await graph.query('{ smallGestureOffers { offers { id } } }', {}, sender)).body.data.smallGestureOffers.offers.map((offer: any) => offer.id);

    // The brand's list and the offer, as the gateway's entity cache keeps them (no `status`: it is never kept).
    const CACHED = 'query ($id: ID!) { brand(id: $id) { giftOffers(first: 20) { edges { node { id active endsAt } } } } giftOffers(first: 50) { edges { node { id active } } } }';
    const shown = async () => {
      const { data } = (await graph.query(CACHED, { id: brandId })).body;
      const inBrand = data.brand.giftOffers.edges.find((edge: any) => edge.node.id === offerId).node;
      const inList = data.giftOffers.edges.find((edge: any) => edge.node.id === offerId).node;
      return { active: inBrand.active, endsAt: inBrand.endsAt, listed: inList.active };
    };
    expect(await shown()).toEqual({ active: true, endsAt: null, listed: true });
    // Answered from the gateway's caches: the entity cache, or the response cache in front of it.
    const hits = async () =>
      [...(await graph.gateway.metrics.entityCacheLookups.get()).values, ...(await graph.gateway.metrics.responseCacheLookups.get()).values]
        .filter((value) => value.labels.outcome === 'hit')
        .reduce((sum, value) => sum + value.value, 0);
    const hitsBefore = await hits();
    expect(await shown()).toEqual({ active: true, endsAt: null, listed: true });
    expect(await hits()).toBeGreaterThan(hitsBefore);

    expect((await graph.query(PAUSE, { id: offerId }, writer)).body.data.pauseGiftOffer).toEqual({ status: 'PAUSED', active: false });
    // The next read after the write shows it, on the brand's list and the offer list alike.
    expect(await shown()).toEqual({ active: false, endsAt: null, listed: false });
    expect((await graph.query(PAUSE, { id: offerId }, writer)).body.data.pauseGiftOffer).toEqual({ status: 'PAUSED', active: false });
    expect(firstError((await sendIt()).body)).toMatchObject({ code: 'OFFER_INACTIVE' });
    expect(await sendable()).not.toContain(offerId);
    expect(firstError((await graph.query(RESUME, { id: offerId }, otherWriter)).body)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    expect(firstError((await graph.query(RESUME, { id: offerId }, await as(US_USER_IDS[29] as string))).body)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await graph.query(RESUME, { id: offerId }, writer)).body.data.resumeGiftOffer).toEqual({ status: 'ACTIVE', active: true });
    expect(await shown()).toEqual({ active: true, endsAt: null, listed: true });
    expect((await sendIt()).body.errors).toBeUndefined();

    expect(firstError((await graph.query(END, { id: offerId, endsAt: new Date(Date.now() - 86_400_000).toISOString() }, writer)).body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
    const ended = (await graph.query(END, { id: offerId, endsAt: new Date().toISOString() }, writer)).body.data.setGiftOfferEndDate;
    expect(ended.status).toBe('ENDED');
    expect(firstError((await sendIt()).body)).toMatchObject({ code: 'OFFER_INACTIVE' });
    expect(firstError((await graph.query(PAUSE, { id: offerId }, writer)).body)).toBeUndefined();
    expect(firstError((await graph.query(RESUME, { id: offerId }, writer)).body)).toMatchObject({ code: 'OFFER_ENDED' });
    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect((await graph.query(END, { id: offerId, endsAt: later }, writer)).body.data.setGiftOfferEndDate).toEqual({ status: 'PAUSED', endsAt: later });
    expect(await shown()).toEqual({ active: false, endsAt: later, listed: false });
    expect((await graph.query(RESUME, { id: offerId }, writer)).body.data.resumeGiftOffer.status).toBe('ACTIVE');
    expect((await graph.query(END, { id: offerId, endsAt: null }, writer)).body.data.setGiftOfferEndDate).toEqual({ status: 'ACTIVE', endsAt: null });
    expect(await sendable()).toContain(offerId);
  });

  it('never lets a partner learn anything about another brand’s codes: adding one that exists elsewhere answers as for one that exists nowhere', async () => {
    const [brandA, brandB] = [smallGesturesBrands[0]!.id, smallGesturesBrands[1]!.id];
    const writerFor = async (brandId: string) => ({ 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'codes', scopes: ['offers:write'] })).secret });
    const [writerA, writerB] = [await writerFor(brandA), await writerFor(brandB)];
    const CREATE = 'mutation ($input: CreateGiftOfferInput!) { createGiftOffer(input: $input) { id } }';
    const offerOf = async (brandId: string, writer: Record<string, string>, title: string) => (await graph.query(CREATE, { input: { brandId, title, description: '', retailValueAmount: 100 } }, writer)).body.data.createGiftOffer.id as string;
    const offerA = await offerOf(brandA, writerA, 'A’s secret pool');
    const [offerB1, offerB2] = [await offerOf(brandB, writerB, 'B probe one'), await offerOf(brandB, writerB, 'B probe two')];
    const ADD = 'mutation ($offerId: ID!, $codes: [String!]!) { addGiftOfferCodes(offerId: $offerId, codes: $codes) { added offer { codesLeft } } }';
    expect((await graph.query(ADD, { offerId: offerA, codes: ['ASECRET-0001', 'ASECRET-0002'] }, writerA)).body.data.addGiftOfferCodes.added).toBe(2);

    // B probes with a code A holds, and with one nobody holds: the same answer.
    const probeHeld = await graph.query(ADD, { offerId: offerB1, codes: ['asecret-0001'] }, writerB);
    const probeFree = await graph.query(ADD, { offerId: offerB2, codes: ['NOBODY-0001'] }, writerB);
    // (The rate-limit bucket in `extensions` drains between the two; everything else is the same.)
    const answer = (result: typeof probeHeld) => ({ status: result.status, data: result.body.data, errors: result.body.errors });
    expect(answer(probeHeld)).toEqual(answer(probeFree));
    expect(answer(probeHeld)).toEqual({ status: 200, data: { addGiftOfferCodes: { added: 1, offer: { codesLeft: 1 } } }, errors: undefined });
    // A duplicate answer names only B's own codes, whatever A holds.
    const mixed = await graph.query(ADD, { offerId: offerB1, codes: ['ASECRET-0001', 'ASECRET-0002', 'NOBODY-0002'] }, writerB);
    expect(firstError(mixed.body)).toMatchObject({ code: 'DUPLICATE_GIFT_CODE', codes: ['ASECRET-0001'] });
    expect(JSON.stringify(mixed.body)).not.toContain('ASECRET-0002');

    // Each pool gives out its own row: A's code stays A's to give.
    const recipient = US_USER_IDS[31] as string;
    const sent = await graph.query(SEND_GESTURE, { input: { offerId: offerB1, recipientId: recipient, message: 'B’s gift', idempotencyKey: key('probe') } }, await as(US_USER_IDS[32] as string));
    expect((await graph.query(REDEEM, { id: sent.body.data.sendSmallGesture.gift.id }, await as(recipient))).body.data.redeemSmallGesture.code).toBe('ASECRET-0001');
    expect((await graph.query('query ($id: ID!) { giftOffer(id: $id) { codesLeft } }', { id: offerA })).body.data.giftOffer.codesLeft).toBe(2);
    expect(await graph.rows('gifts').scalar("select count(*) from gift_offer_codes where code = 'ASECRET-0001'")).toBe(2);
  });
});
