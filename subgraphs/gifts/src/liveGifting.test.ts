import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fakePeers, runOperation, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer } from '@app/kit/viewer';
import { seedId } from '@app/fixtures/ids';
import { liveStreamIds, userIds } from '@app/fixtures/world';
import { COIN_PACKAGES } from './coinPackages.ts';
import { createContext, defaultServices } from './context.ts';
import { smallGestureSends } from './db/tables.ts';
import { seedGiftsStore, seedLiveGifts } from './db/seed.ts';
import { testPaymentProvider, type PaymentProvider } from './payments.ts';
import { createServer } from './server.ts';
import { openGiftsStore } from './db/store.ts';

type StreamFacts = { status: 'LIVE' | 'ENDED' | 'SCHEDULED'; creator: { id: string } };

const { store, server, counter } = subgraphTestbed({ open: openGiftsStore, createServer, context: createContext, seed: seedGiftsStore });

/** The content subgraph as a map: what it would answer for each stream, or down altogether. */
const streams = new Map<string, StreamFacts>();
const peers = fakePeers({ LiveStream: streams });

const asUser = (userId: string | null, payments: PaymentProvider = testPaymentProvider()) =>
  createContext(store, { ...anonymousViewer(), userId, country: 'US' }, peers.client, { ...defaultServices(), payments });
const run = (userId: string | null, query: string, variables?: Record<string, unknown>, payments?: PaymentProvider) =>
  runOperation(server, asUser(userId, payments), query, variables);

const BUY = 'mutation ($input: PurchaseCoinsInput!) { purchaseCoins(input: $input) { purchase { id coins status price { amount } package { id } } wallet { coins } } }';
const SEND = 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id coins diamonds quantity gift { name } creator { id } } wallet { coins } } }';

const [creator, otherCreator] = [userIds[0] as string, userIds[1] as string];
const [liveStream, otherLiveStream, endedStream, scheduledStream] = liveStreamIds as [string, string, string, string];
const rose = seedId('lgf', 0); // 1 coin
const doughnut = seedId('lgf', 2); // 30 coins
const lion = seedId('lgf', 10); // 29,999 coins
const pkg70 = COIN_PACKAGES[0]!;
const pkg17500 = COIN_PACKAGES.at(-1)!;

let keyCounter = 0;
const key = () => `unit-key-${++keyCounter}`;

const scalar = (query: string) => store.db.get<{ value: number }>(sql.raw(query))?.value ?? 0;
const coinsOf = (userId: string) => scalar(`select coalesce((select coins from wallets where user_id = '${userId}'), 0) as value`);
const ledgerImbalance = () => store.db.all<{ unit: string; total: number }>(sql`select unit, sum(amount) as total from ledger_entries group by unit having sum(amount) <> 0`);

beforeAll(() => {
  streams.set(liveStream, { status: 'LIVE', creator: { id: creator } });
  streams.set(otherLiveStream, { status: 'LIVE', creator: { id: otherCreator } });
  streams.set(endedStream, { status: 'ENDED', creator: { id: creator } });
  streams.set(scheduledStream, { status: 'SCHEDULED', creator: { id: creator } });
});

async function buy(userId: string, packageId = pkg70.id) {
  const result = await run(userId, BUY, { input: { packageId, idempotencyKey: key() } });
  expect(result.errors).toBeUndefined();
  return result.data?.purchaseCoins;
}

describe('buying coins', () => {
  it('lists the coin packages, fewest coins first, priced in USD cents', async () => {
    const result = await run(null, '{ coinPackages { id coins price { amount currencyCode formatted } } }');
    expect(result.data?.coinPackages[0]).toEqual({ id: 'cpk_70', coins: 70, price: { amount: 99, currencyCode: 'USD', formatted: '$0.99' } });
    const coins = result.data?.coinPackages.map((p: { coins: number }) => p.coins);
    expect(coins).toEqual([...coins].sort((a: number, b: number) => a - b));
  });

  it('credits the package once per idempotency key, charging once, and posts coin-sales → wallet', async () => {
    const buyer = userIds[40] as string;
    const charges: string[] = [];
    const provider: PaymentProvider = { name: 'counting', charge: (request) => (charges.push(request.reference), testPaymentProvider().charge(request)) };
    const input = { packageId: pkg70.id, idempotencyKey: 'buy-once-0001' };
    const first = await run(buyer, BUY, { input }, provider);
    expect(first.errors).toBeUndefined();
    expect(first.data?.purchaseCoins).toMatchObject({ purchase: { coins: 70, status: 'COMPLETED', price: { amount: 99 } }, wallet: { coins: 70 } });
    const retry = await run(buyer, BUY, { input }, provider);
    expect(retry.data?.purchaseCoins.purchase.id).toBe(first.data?.purchaseCoins.purchase.id);
    expect(retry.data?.purchaseCoins.wallet.coins).toBe(70);
    expect(charges).toEqual([first.data?.purchaseCoins.purchase.id]);
    expect(coinsOf(buyer)).toBe(70);

    const otherInput = await run(buyer, BUY, { input: { ...input, packageId: pkg17500.id } }, provider);
    expect(otherInput.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(coinsOf(buyer)).toBe(70);
    expect(scalar(`select sum(amount) as value from ledger_entries where account = 'wallet:${buyer}'`)).toBe(70);
    expect(ledgerImbalance()).toEqual([]);
  });

  it('refuses a declined payment with PAYMENT_DECLINED, credits nothing, and keeps the key bound to the declined purchase', async () => {
    const buyer = userIds[41] as string;
    const input = { packageId: pkg70.id, paymentMethod: 'test_decline', idempotencyKey: 'declined-0001' };
    const declined = await run(buyer, BUY, { input });
    expect(declined.errors?.[0]?.extensions).toMatchObject({ code: 'PAYMENT_DECLINED', reason: expect.stringContaining('test_decline') });
    expect(declined.data?.purchaseCoins).toBeNull();
    const again = await run(buyer, BUY, { input });
    expect(again.errors?.[0]?.extensions?.code).toBe('PAYMENT_DECLINED');
    expect(coinsOf(buyer)).toBe(0);
    expect(scalar(`select count(*) as value from ledger_entries where account = 'wallet:${buyer}'`)).toBe(0);
    expect(scalar(`select count(*) as value from coin_purchases where user_id = '${buyer}' and status = 'DECLINED'`)).toBe(1);
  });

  it('leaves a purchase pending when the provider is down, and a retry with the same key completes it with one credit', async () => {
    const buyer = userIds[42] as string;
    const references: string[] = [];
    let up = false;
    const flaky: PaymentProvider = {
      name: 'flaky',
      charge: (request) => {
        references.push(request.reference);
        return up ? testPaymentProvider().charge(request) : Promise.reject(new Error('connection reset'));
      },
    };
    const input = { packageId: pkg70.id, idempotencyKey: 'flaky-provider-1' };
    const down = await run(buyer, BUY, { input }, flaky);
    expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(coinsOf(buyer)).toBe(0);
    up = true;
    const resumed = await run(buyer, BUY, { input }, flaky);
    expect(resumed.errors).toBeUndefined();
    expect(resumed.data?.purchaseCoins.wallet.coins).toBe(70);
    // Both attempts charged the same purchase: the provider's idempotency reference.
    expect(new Set(references).size).toBe(1);
    expect(await run(buyer, BUY, { input }, flaky)).toMatchObject({ data: { purchaseCoins: { wallet: { coins: 70 } } } });
    expect(references).toHaveLength(2);
  });

  it('answers NOT_FOUND for an unknown package', async () => {
    const result = await run(userIds[43] as string, BUY, { input: { packageId: 'cpk_1', idempotencyKey: key() } });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('sending LIVE gifts', () => {
  it('debits the coins, credits the creator half of them as diamonds rounded down per send, and balances the ledger', async () => {
    const sender = userIds[44] as string;
    await buy(sender); // 70 coins
    const fiveRoses = await run(sender, SEND, { input: { liveStreamId: liveStream, giftId: rose, quantity: 5, idempotencyKey: key() } });
    expect(fiveRoses.errors).toBeUndefined();
    expect(fiveRoses.data?.sendLiveGift).toMatchObject({ send: { coins: 5, diamonds: 2, quantity: 5, gift: { name: 'Rose' }, creator: { id: creator } }, wallet: { coins: 65 } });
    const oneRose = await run(sender, SEND, { input: { liveStreamId: liveStream, giftId: rose, idempotencyKey: key() } });
    expect(oneRose.data?.sendLiveGift).toMatchObject({ send: { coins: 1, diamonds: 0, quantity: 1 }, wallet: { coins: 64 } });
    const doughnuts = await run(sender, SEND, { input: { liveStreamId: liveStream, giftId: doughnut, quantity: 2, idempotencyKey: key() } });
    expect(doughnuts.data?.sendLiveGift).toMatchObject({ send: { coins: 60, diamonds: 30 }, wallet: { coins: 4 } });

    expect(coinsOf(sender)).toBe(4);
    expect(scalar(`select sum(diamonds) as value from live_gift_sends where sender_id = '${sender}'`)).toBe(32);
    // The creator's account holds what they were credited less what they withdrew (the seed's paid payout).
    expect(scalar(`select sum(amount) as value from ledger_entries where account = 'creator:${creator}'`)).toBe(
      scalar(`select sum(diamonds) as value from live_gift_sends where creator_id = '${creator}'`) -
        scalar(`select coalesce(sum(diamonds), 0) as value from gift_payouts where creator_id = '${creator}' and status <> 'FAILED'`),
    );
    expect(scalar(`select -sum(amount) as value from ledger_entries where account = 'wallet:${sender}' and amount < 0`)).toBe(66);
    expect(ledgerImbalance()).toEqual([]);
  });

  it('refuses a gift the wallet cannot cover with INSUFFICIENT_COINS and moves nothing', async () => {
    const sender = userIds[45] as string;
    await buy(sender);
    const sendsBefore = scalar('select count(*) as value from live_gift_sends');
    const entriesBefore = scalar('select count(*) as value from ledger_entries');
    const result = await run(sender, SEND, { input: { liveStreamId: liveStream, giftId: lion, idempotencyKey: key() } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_COINS', required: 29_999, balance: 70 });
    expect(coinsOf(sender)).toBe(70);
    expect(scalar('select count(*) as value from live_gift_sends')).toBe(sendsBefore);
    expect(scalar('select count(*) as value from ledger_entries')).toBe(entriesBefore);
    const noWallet = await run(userIds[46] as string, SEND, { input: { liveStreamId: liveStream, giftId: rose, idempotencyKey: key() } });
    expect(noWallet.errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_COINS', balance: 0 });
  });

  it('refuses ended and scheduled streams, the sender’s own stream, unknown streams and gifts, and bad quantities, moving nothing', async () => {
    const sender = userIds[47] as string;
    await buy(sender);
    const attempt = async (input: Record<string, unknown>, userId = sender) =>
      (await run(userId, SEND, { input: { liveStreamId: liveStream, giftId: rose, idempotencyKey: key(), ...input } })).errors?.[0]?.extensions;
    expect(await attempt({ liveStreamId: endedStream })).toMatchObject({ code: 'STREAM_NOT_LIVE', status: 'ENDED' });
    expect(await attempt({ liveStreamId: scheduledStream })).toMatchObject({ code: 'STREAM_NOT_LIVE', status: 'SCHEDULED' });
    expect(await attempt({ liveStreamId: 'liv_nope' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await attempt({ giftId: 'lgf_nope' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await attempt({ quantity: 0 })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await attempt({ quantity: 100 })).toMatchObject({ code: 'BAD_USER_INPUT' });
    await buy(creator);
    expect(await attempt({}, creator)).toMatchObject({ code: 'CANNOT_GIFT_OWN_STREAM' });
    peers.unavailable.add('content');
    try {
      expect(await attempt({})).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      peers.unavailable.delete('content');
    }
    expect(coinsOf(sender)).toBe(70);
    expect(coinsOf(creator)).toBe(70);
    expect(scalar(`select count(*) as value from live_gift_sends where sender_id in ('${sender}', '${creator}')`)).toBe(0);
  });

  it('returns the first send to a retry with the same key, even once the stream has ended or content is down, and refuses the key for other input', async () => {
    const sender = userIds[48] as string;
    await buy(sender);
    const stream = liveStreamIds[4] as string;
    streams.set(stream, { status: 'LIVE', creator: { id: otherCreator } });
    const input = { liveStreamId: stream, giftId: doughnut, quantity: 1, idempotencyKey: 'retry-after-end-1' };
    const first = await run(sender, SEND, { input });
    expect(first.errors).toBeUndefined();
    streams.set(stream, { status: 'ENDED', creator: { id: otherCreator } });
    const retry = await run(sender, SEND, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.sendLiveGift.send).toEqual(first.data?.sendLiveGift.send);
    peers.unavailable.add('content');
    try {
      expect((await run(sender, SEND, { input })).data?.sendLiveGift.send.id).toBe(first.data?.sendLiveGift.send.id);
    } finally {
      peers.unavailable.delete('content');
    }
    const other = await run(sender, SEND, { input: { ...input, quantity: 2 } });
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(coinsOf(sender)).toBe(40);
    // Keys are per viewer: another user's same key is their own request.
    const neighbour = userIds[49] as string;
    await buy(neighbour);
    streams.set(stream, { status: 'LIVE', creator: { id: otherCreator } });
    const theirs = await run(neighbour, SEND, { input });
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.sendLiveGift.send.id).not.toBe(first.data?.sendLiveGift.send.id);
    expect(coinsOf(neighbour)).toBe(40);
  });

  it('ranks a stream’s and a creator’s top gifters by coins, and counts the sends in totals and earnings', async () => {
    // Stream 8 and its host have no seeded history: these totals and ranks count from zero.
    const stream = liveStreamIds[8] as string;
    const host = userIds[8] as string;
    streams.set(stream, { status: 'LIVE', creator: { id: host } });
    const [big, small] = [userIds[50] as string, userIds[51] as string];
    await buy(big, pkg17500.id);
    await buy(big, pkg17500.id);
    await buy(small);
    for (const [sender, giftId, quantity] of [
      [small, doughnut, 2],
      [big, lion, 1],
      [small, rose, 3],
    ] as const) {
      const sent = await run(sender, SEND, { input: { liveStreamId: stream, giftId, quantity, idempotencyKey: key() } });
      expect(sent.errors).toBeUndefined();
    }
    const result = await runOperation(
      server,
      createContext(store),
      `query ($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on LiveStream { topGifters(first: 5) { rank coins user { id } } giftTotals { coins diamonds giftCount gifterCount } }
        ... on Creator { topGifters(first: 1) { rank coins user { id } } } } }`,
      { reps: [{ __typename: 'LiveStream', id: stream }, { __typename: 'Creator', id: host }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        topGifters: [
          { rank: 1, coins: 29_999, user: { id: big } },
          { rank: 2, coins: 63, user: { id: small } },
        ],
        giftTotals: { coins: 30_062, diamonds: 14_999 + 30 + 1, giftCount: 6, gifterCount: 2 },
      },
      { topGifters: [{ rank: 1, coins: 29_999, user: { id: big } }] },
    ]);
    // The creator's earnings are theirs to see.
    const earnings = await runOperation(server, createContext(store, { ...anonymousViewer(), userId: host }), '{ _entities(representations: [{ __typename: "Creator", id: "' + host + '" }]) { ... on Creator { giftEarnings { diamonds value { amount } } } } }');
    expect(earnings.data?._entities).toEqual([{ giftEarnings: { diamonds: 15_030, value: { amount: 7_515 } } }]);
    const tooMany = await runOperation(server, createContext(store), 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on LiveStream { topGifters(first: 101) { rank } } } }', {
      reps: [{ __typename: 'LiveStream', id: stream }],
    });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('statement counts of the new list fields', () => {
  it('runs one indexed read per leaderboard shown, and nothing more, for 5 and for 50 streams and creators', async () => {
    const now = Date.now();
    const sends = Array.from({ length: 200 }, (_, i) => ({
      id: `lgs_count_${i}`,
      senderId: userIds[i % 60] as string,
      creatorId: `usr_count_${i % 50}`,
      liveStreamId: `liv_count_${i % 50}`,
      giftId: rose,
      quantity: 1,
      coins: seedLiveGifts[0]!.coinPrice,
      diamonds: 0,
      createdAt: new Date(now + i),
    }));
    // Through the store, which keeps the leaderboards with each send.
    await store.transaction(async (tx) => {
      for (const send of sends) await tx.insertLiveGiftSend(send);
    });
    const statementsFor = async (size: number) => {
      const reps = Array.from({ length: size }, (_, i) => [
        { __typename: 'LiveStream', id: `liv_count_${i}` },
        { __typename: 'Creator', id: `usr_count_${i}` },
      ]).flat();
      counter.reset();
      const result = await runOperation(
        server,
        createContext(store),
        'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on LiveStream { topGifters(first: 3) { rank coins user { id } } } ... on Creator { topGifters { coins } } } }',
        { reps },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities.every((entity: { topGifters: unknown[] }) => entity.topGifters.length > 0)).toBe(true);
      return counter.count;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    // Each leaderboard is a page down its own rank index (its cost the page, not the board's
    // length); the senders shown are users, another subgraph's: nothing else is read here.
    expect(five).toBe(2 * 5);
    expect(fifty).toBe(2 * 50);
  });

  it('runs the same statements for an inbox of 5 and of 50 gifts, with each gift’s offer and pool', async () => {
    const inboxOf = (recipientId: string, size: number) => {
      const codes = store.db.all<{ id: number; offer_id: string }>(sql`select id, offer_id from gift_offer_codes where claimed_at is null and id not in (select code_id from small_gesture_sends) order by id limit ${size}`);
      store.db
        .insert(smallGestureSends)
        .values(
          codes.map((code, i) => ({
            id: `sgs_count_${recipientId}_${i}`,
            offerId: code.offer_id,
            codeId: code.id,
            senderId: `usr_sender_${recipientId}_${i}`,
            senderSlot: 1,
            recipientId,
            message: `gift ${i}`,
            createdAt: new Date(1_800_000_000_000 + i),
          })),
        )
        .run();
    };
    inboxOf('usr_inbox_5', 5);
    inboxOf('usr_inbox_50', 50);
    const statementsFor = async (recipientId: string, size: number) => {
      counter.reset();
      const result = await runOperation(
        server,
        createContext(store, { ...anonymousViewer(), userId: recipientId }, peers.client),
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User {
          smallGestures { sent remaining }
          giftInbox(first: 100) { edges { node { id message redeemed sender { id } offer { title codesLeft brand { id } } } } pageInfo { hasNextPage } } } } }`,
        { reps: [{ __typename: 'User', id: recipientId }] },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities[0].giftInbox.edges).toHaveLength(size);
      return counter.count;
    };
    const five = await statementsFor('usr_inbox_5', 5);
    const fifty = await statementsFor('usr_inbox_50', 50);
    // The inbox page, its offers, their pools' counts, and the allowance.
    expect(five).toBe(4);
    expect(fifty).toBe(five);
  });
});
