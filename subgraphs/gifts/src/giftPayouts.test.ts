import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fakePeers, runOperation, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer } from '@app/kit/viewer';
import { seedId } from '@app/fixtures/ids';
import { liveStreamIds, userIds } from '@app/fixtures/world';
import { createContext, defaultServices } from './context.ts';
import { testPayoutProvider, type PayoutProvider } from '@app/kit/payouts';
import { createServer } from './server.ts';
import { seedGiftsStore } from './db/seed.ts';
import { openGiftsStore } from './db/store.ts';

const { store, server } = subgraphTestbed({ open: openGiftsStore, createServer, context: createContext, seed: seedGiftsStore });

/** Each test's creator streams on their own stream; the content subgraph answers that it is live. */
const streams = new Map<string, { status: 'LIVE'; creator: { id: string } }>();
const peers = fakePeers({ LiveStream: streams });

const run = (userId: string | null, query: string, variables?: Record<string, unknown>, payouts: PayoutProvider = testPayoutProvider()) =>
  runOperation(server, createContext(store, { ...anonymousViewer(), userId, country: 'US' }, peers.client, { ...defaultServices(), payouts }), query, variables);

const PAYOUT = `mutation ($input: RequestGiftPayoutInput!) { requestGiftPayout(input: $input) {
  payout { id status amount { amount formatted } diamonds settledAt failureReason }
  earnings { diamonds available { diamonds value { amount } } inFlight { diamonds value { amount } } paidOut { diamonds value { amount } } } } }`;
const EARNINGS = `query ($id: ID!) { _entities(representations: [{ __typename: "Creator", id: $id }]) { ... on Creator {
  giftEarnings { diamonds value { amount } available { diamonds value { amount } } inFlight { diamonds value { amount } } paidOut { diamonds value { amount } } payoutMinimum { amount }
    balance { available { amount } pending { amount } locked { amount } inPayout { amount } paidOut { amount } } }
  giftPayouts(first: 10) { edges { node { id status amount { amount } } } } } } }`;

const sportsCar = seedId('lgf', 8); // 7,000 coins: 3,500 diamonds, $17.50

let keyCounter = 0;
const key = () => `payout-key-${++keyCounter}`;
const scalar = (query: string) => store.db.get<{ value: number }>(sql.raw(query))?.value ?? 0;
const ledgerImbalance = () => store.db.all(sql`select transaction_id, unit, sum(amount) as total from ledger_entries group by transaction_id, unit having sum(amount) <> 0`);
const ledgerBalance = (account: string) => scalar(`select coalesce(sum(amount), 0) as value from ledger_entries where account = '${account}' and unit = 'DIAMOND'`);

/** A creator who received one Sports Car on their stream: 3,500 diamonds, worth $17.50. Creators 0–4 are not used: they have the seed's gift history. */
async function creatorWithEarnings(index: number): Promise<string> {
  const creator = userIds[index] as string;
  const stream = liveStreamIds[index % liveStreamIds.length] as string;
  streams.set(stream, { status: 'LIVE', creator: { id: creator } });
  const fan = userIds[59 - index] as string;
  expect((await run(fan, 'mutation ($input: PurchaseCoinsInput!) { purchaseCoins(input: $input) { wallet { coins } } }', { input: { packageId: 'cpk_7000', idempotencyKey: key() } })).errors).toBeUndefined();
  const sent = await run(fan, 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { diamonds } } }', { input: { liveStreamId: stream, giftId: sportsCar, idempotencyKey: key() } });
  expect(sent.data?.sendLiveGift.send.diamonds).toBe(3_500);
  return creator;
}

const earningsOf = async (creator: string, viewer = creator) => (await run(viewer, EARNINGS, { id: creator })).data?._entities[0];

describe('gift payouts', () => {
  it('pays out everything payable once per key: the balance goes to paid out, through the ledger, and a retry pays nothing again', async () => {
    const creator = await creatorWithEarnings(9);
    const references: string[] = [];
    const counting: PayoutProvider = { name: 'counting', pay: (request) => (references.push(request.reference), testPayoutProvider().pay(request)) };
    const input = { idempotencyKey: 'payout-all-0001' };

    const first = await run(creator, PAYOUT, { input }, counting);
    expect(first.errors).toBeUndefined();
    const { payout, earnings } = first.data!.requestGiftPayout;
    expect(payout).toMatchObject({ status: 'PAID', amount: { amount: 1_750, formatted: '$17.50' }, diamonds: 3_500, settledAt: expect.any(String), failureReason: null });
    expect(earnings).toEqual({ diamonds: 3_500, available: { diamonds: 0, value: { amount: 0 } }, inFlight: { diamonds: 0, value: { amount: 0 } }, paidOut: { diamonds: 3_500, value: { amount: 1_750 } } });
    expect(references).toEqual([payout.id]);

    const retry = await run(creator, PAYOUT, { input }, counting);
    expect(retry.data?.requestGiftPayout.payout).toEqual(payout);
    expect(references).toHaveLength(1);
    expect(scalar(`select count(*) as value from gift_payouts where creator_id = '${creator}'`)).toBe(1);
    expect((await run(creator, PAYOUT, { input: { ...input, amount: 1_000 } }, counting)).errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    expect(ledgerBalance(`creator:${creator}`)).toBe(0);
    expect(scalar(`select diamonds as value from creator_balances where creator_id = '${creator}'`)).toBe(0);
    expect(ledgerImbalance()).toEqual([]);
    expect((await earningsOf(creator)).giftPayouts.edges.map((edge: { node: unknown }) => edge.node)).toEqual([{ id: payout.id, status: 'PAID', amount: { amount: 1_750 } }]);
  });

  it('pays a chosen amount and leaves the rest payable; refuses less than the minimum and more than payable, taking nothing', async () => {
    const creator = await creatorWithEarnings(10);
    const attempt = async (amount: number | null) => (await run(creator, PAYOUT, { input: { amount, idempotencyKey: key() } })).errors?.[0]?.extensions;
    expect(await attempt(999)).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', minimum: 1_000, available: 1_750 });
    expect(await attempt(1_751)).toMatchObject({ code: 'INSUFFICIENT_GIFT_EARNINGS', requested: 1_751, available: 1_750 });
    expect(await attempt(0)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(scalar(`select count(*) as value from gift_payouts where creator_id = '${creator}'`)).toBe(0);

    const paid = await run(creator, PAYOUT, { input: { amount: 1_001, idempotencyKey: key() } });
    expect(paid.data?.requestGiftPayout).toMatchObject({
      payout: { status: 'PAID', amount: { amount: 1_001 }, diamonds: 2_002 },
      earnings: { available: { diamonds: 1_498, value: { amount: 749 } }, paidOut: { diamonds: 2_002, value: { amount: 1_001 } } },
    });
    // $7.49 left is below the minimum: withdrawing everything is refused, and says how much is payable.
    expect(await attempt(null)).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', minimum: 1_000, available: 749 });
    expect(ledgerBalance(`creator:${creator}`)).toBe(1_498);
    expect(ledgerImbalance()).toEqual([]);
  });

  it('gives a failed payout’s diamonds back to the balance and keeps the record, FAILED with the reason', async () => {
    const creator = await creatorWithEarnings(11);
    const failed = await run(creator, PAYOUT, { input: { payoutMethod: 'test_fail', idempotencyKey: key() } });
    expect(failed.errors).toBeUndefined();
    expect(failed.data?.requestGiftPayout).toMatchObject({
      payout: { status: 'FAILED', amount: { amount: 1_750 }, diamonds: 3_500, failureReason: expect.stringContaining('test_fail') },
      earnings: { available: { diamonds: 3_500, value: { amount: 1_750 } }, inFlight: { diamonds: 0 }, paidOut: { diamonds: 0 } },
    });
    expect(ledgerBalance(`creator:${creator}`)).toBe(3_500);
    expect(ledgerBalance('system:payouts-in-flight')).toBe(0);
    expect(scalar(`select count(*) as value from ledger_transactions where reference_id = '${failed.data?.requestGiftPayout.payout.id}'`)).toBe(2);

    const again = await run(creator, PAYOUT, { input: { idempotencyKey: key() } });
    expect(again.data?.requestGiftPayout.payout).toMatchObject({ status: 'PAID', amount: { amount: 1_750 } });
    expect(ledgerImbalance()).toEqual([]);
  });

  it('keeps a payout in flight while the provider is down, and a retry with the same key pays it once', async () => {
    const creator = await creatorWithEarnings(5);
    const references: string[] = [];
    let up = false;
    const flaky: PayoutProvider = {
      name: 'flaky',
      pay: (request) => {
        references.push(request.reference);
        return up ? testPayoutProvider().pay(request) : Promise.reject(new Error('connection reset'));
      },
    };
    const input = { amount: 1_200, idempotencyKey: key() };
    const down = await run(creator, PAYOUT, { input }, flaky);
    expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(await earningsOf(creator)).toMatchObject({
      giftEarnings: {
        diamonds: 3_500,
        available: { diamonds: 1_100 },
        inFlight: { diamonds: 2_400, value: { amount: 1_200 } },
        paidOut: { diamonds: 0 },
        // 1,100 diamonds are $5.50; the payout in flight pays $12.00.
        balance: { available: { amount: 550 }, pending: { amount: 0 }, locked: { amount: 0 }, inPayout: { amount: 1_200 }, paidOut: { amount: 0 } },
      },
      giftPayouts: { edges: [{ node: { status: 'REQUESTED', amount: { amount: 1_200 } } }] },
    });
    // The diamonds in flight are not payable twice.
    expect((await run(creator, PAYOUT, { input: { amount: 1_000, idempotencyKey: key() } }, flaky)).errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_GIFT_EARNINGS', available: 550 });

    up = true;
    const resumed = await run(creator, PAYOUT, { input }, flaky);
    expect(resumed.data?.requestGiftPayout).toMatchObject({ payout: { status: 'PAID' }, earnings: { inFlight: { diamonds: 0 }, paidOut: { diamonds: 2_400, value: { amount: 1_200 } } } });
    expect(new Set(references).size).toBe(1);
    expect(ledgerBalance('system:payouts-in-flight')).toBe(0);
    expect(ledgerImbalance()).toEqual([]);
  });

  it('shows the earnings, their split and the payouts only to the creator: another user and an anonymous caller get null and an error', async () => {
    const creator = await creatorWithEarnings(6);
    expect((await earningsOf(creator))?.giftEarnings).toMatchObject({ diamonds: 3_500, value: { amount: 1_750 }, available: { diamonds: 3_500 }, payoutMinimum: { amount: 1_000 } });
    const seen = await run(userIds[7] as string, EARNINGS, { id: creator });
    expect(seen.data?._entities[0]).toEqual({ giftEarnings: null, giftPayouts: null });
    expect(seen.errors?.map((error) => [error.path?.join('.'), error.extensions?.code, error.extensions?.reason])).toEqual([
      ['_entities.0.giftEarnings', 'FORBIDDEN', 'NOT_THE_CREATOR'],
      ['_entities.0.giftPayouts', 'FORBIDDEN', 'NOT_THE_CREATOR'],
    ]);
    const unsigned = await run(null, EARNINGS, { id: creator });
    expect(unsigned.data?._entities[0]).toEqual({ giftEarnings: null, giftPayouts: null });
    expect(unsigned.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    const anonymous = await run(null, PAYOUT, { input: { idempotencyKey: key() } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
