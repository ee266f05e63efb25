/**
 * Gifts under real concurrency: the five services as separate processes with their stores (files,
 * or Postgres databases under `npm run test:postgres`), and many requests fired at once over
 * separate connections through the gateway. Then the gifts store's rows must show no negative wallet, no fourth Small Gesture, no code
 * given twice, no gift on an ended stream, no payout beyond what was payable, and a ledger that balances to the coin and the diamond.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '@app/fixtures/ids';
import { LIVE_NOW_COUNT, liveStreamCreatorId, liveStreamIds, smallGesturesBrands, userIds } from '@app/fixtures/world';
import { US_USER_IDS } from './people.ts';
import { startStack, type RunningStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack();
}, 90_000);
afterAll(() => stack?.stop());

const BUY = 'mutation ($input: PurchaseCoinsInput!) { purchaseCoins(input: $input) { purchase { id } wallet { coins } } }';
const SEND_GIFT = 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id coins diamonds } } }';
const SEND_GESTURE = 'mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { gift { id } } }';
const WALLET = '{ me { wallet { coins } } }';

const doughnut = seedId('lgf', 2); // 30 coins
const rose = seedId('lgf', 0); // 1 coin
const clipForge = seedId('gof', 0);

async function as(userId: string) {
  return { authorization: `Bearer ${await stack.tokenFor(userId)}` };
}

/** Fires all requests at once and waits for every answer; each fetch is its own request on the pool's connections. */
function all<T>(count: number, request: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => request(i)));
}

const codeOf = (result: { body: { errors?: { extensions?: { code?: string } }[] } }) => result.body.errors?.[0]?.extensions?.code ?? 'OK';
const tally = (codes: string[]) => codes.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});

/** The rows the gifts process writes (read-only on SQLite: no write lock taken). */
const rows = () => stack.rows('gifts');
const scalar = (query: string, ...params: unknown[]) => rows().scalar(query, ...params);

describe('gifts under concurrent requests through the gateway', () => {
  it('40 parallel gifts from a wallet that covers 23 of them: 23 succeed, 17 are INSUFFICIENT_COINS, the wallet ends at 10 and never goes negative', async () => {
    const sender = await as(userIds[50] as string);
    const bought = await stack.query(BUY, { input: { packageId: 'cpk_700', idempotencyKey: 'stack-buy-700-a' } }, sender);
    expect(bought.body.data.purchaseCoins.wallet.coins).toBe(700);

    const results = await all(40, (i) =>
      stack.query(SEND_GIFT, { input: { liveStreamId: liveStreamIds[i % LIVE_NOW_COUNT], giftId: doughnut, quantity: 1, idempotencyKey: `stack-wallet-race-${i}` } }, sender),
    );
    expect(tally(results.map(codeOf))).toEqual({ OK: 23, INSUFFICIENT_COINS: 17 });
    const debited = results.filter((result) => !result.body.errors).reduce((sum, result) => sum + result.body.data.sendLiveGift.send.coins, 0);
    expect(debited).toBe(23 * 30);
    expect((await stack.query(WALLET, {}, sender)).body.data.me.wallet.coins).toBe(700 - debited);
    expect(await scalar('select coins from wallets where user_id = ?', userIds[50])).toBe(10);
    expect(await scalar('select count(*) from live_gift_sends where sender_id = ?', userIds[50])).toBe(23);
  });

  it('10 parallel retries of one gift with the same key send it once and all answer with that send', async () => {
    const sender = await as(userIds[51] as string);
    await stack.query(BUY, { input: { packageId: 'cpk_70', idempotencyKey: 'stack-buy-70-b' } }, sender);
    const input = { liveStreamId: liveStreamIds[2], giftId: doughnut, quantity: 2, idempotencyKey: 'stack-same-key-gift' };
    const results = await all(10, () => stack.query(SEND_GIFT, { input }, sender));
    expect(results.map(codeOf)).toEqual(Array(10).fill('OK'));
    expect(new Set(results.map((result) => result.body.data.sendLiveGift.send.id)).size).toBe(1);
    expect(await scalar('select coins from wallets where user_id = ?', userIds[51])).toBe(10);
  });

  it('10 parallel retries of one purchase with the same key credit it once', async () => {
    const buyer = await as(userIds[52] as string);
    const results = await all(10, () => stack.query(BUY, { input: { packageId: 'cpk_350', idempotencyKey: 'stack-same-key-buy' } }, buyer));
    expect(results.map(codeOf)).toEqual(Array(10).fill('OK'));
    expect(new Set(results.map((result) => result.body.data.purchaseCoins.purchase.id)).size).toBe(1);
    expect(await scalar('select coins from wallets where user_id = ?', userIds[52])).toBe(350);
    expect(await scalar("select count(*) from coin_purchases where user_id = ? and status = 'COMPLETED'", userIds[52])).toBe(1);
  });

  it('10 parallel Small Gestures from one user: exactly three are sent, seven are SMALL_GESTURE_LIMIT_REACHED', async () => {
    const senderId = userIds[53] as string;
    const sender = await as(senderId);
    const results = await all(10, (i) =>
      stack.query(SEND_GESTURE, { input: { offerId: clipForge, recipientId: US_USER_IDS[i], message: `race ${i}`, idempotencyKey: `stack-gesture-race-${i}` } }, sender),
    );
    expect(tally(results.map(codeOf))).toEqual({ OK: 3, SMALL_GESTURE_LIMIT_REACHED: 7 });
    expect(await scalar('select count(*) from small_gesture_sends where sender_id = ?', senderId)).toBe(3);
    expect((await stack.query('{ me { smallGestures { sent remaining } } }', {}, sender)).body.data.me.smallGestures).toEqual({ sent: 3, remaining: 0 });
  });

  it('12 senders racing for a 5-code pool: five get distinct codes, seven are OFFER_SOLD_OUT', async () => {
    const brandId = smallGesturesBrands[3]!.id;
    const writer = { 'x-api-key': (await stack.keys.create({ partnerId: brandId, name: 'stack', scopes: ['offers:write'] })).secret };
    const created = await stack.query('mutation ($input: CreateGiftOfferInput!) { createGiftOffer(input: $input) { id } }', { input: { brandId, title: 'Stack race pass', description: '', retailValueAmount: 100 } }, writer);
    const offerId = created.body.data.createGiftOffer.id as string;
    const codes = ['RACE-0001', 'RACE-0002', 'RACE-0003', 'RACE-0004', 'RACE-0005'];
    const added = await stack.query('mutation ($offerId: ID!, $codes: [String!]!) { addGiftOfferCodes(offerId: $offerId, codes: $codes) { added } }', { offerId, codes }, writer);
    expect(added.body.data.addGiftOfferCodes.added).toBe(5);

    const senders = await Promise.all(Array.from({ length: 12 }, (_, i) => as(userIds[30 + i] as string)));
    const results = await all(12, (i) =>
      stack.query(SEND_GESTURE, { input: { offerId, recipientId: US_USER_IDS[i], message: 'first come', idempotencyKey: `stack-pool-race-${i}` } }, senders[i]),
    );
    expect(tally(results.map(codeOf))).toEqual({ OK: 5, OFFER_SOLD_OUT: 7 });
    const given = (await rows().all<{ code: string }>('select c.code from small_gesture_sends s join gift_offer_codes c on c.id = s.code_id where s.offer_id = ? order by c.code', offerId)).map((row) => row.code);
    expect(given).toEqual(codes);
    expect(await scalar('select count(*) from gift_offer_codes where offer_id = ? and claimed_at is null', offerId)).toBe(0);
  });

  it('8 users racing to claim one claim link: exactly one receives the gift, seven are SMALL_GESTURE_ALREADY_CLAIMED', async () => {
    const senderId = US_USER_IDS[34] as string;
    const sent = await stack.query('mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { claimToken gift { id } } }', { input: { offerId: clipForge, message: 'first to claim', idempotencyKey: 'stack-claim-link' } }, await as(senderId));
    const { claimToken, gift } = sent.body.data.sendSmallGesture;
    const claimers = US_USER_IDS.slice(10, 18);
    const headers = await Promise.all(claimers.map((id) => as(id)));
    const results = await all(8, (i) => stack.query('mutation ($token: String!) { claimSmallGesture(token: $token) { gift { recipient { id } } } }', { token: claimToken }, headers[i]));
    expect(tally(results.map(codeOf))).toEqual({ OK: 1, SMALL_GESTURE_ALREADY_CLAIMED: 7 });
    const winner = results.find((result) => !result.body.errors)!.body.data.claimSmallGesture.gift.recipient.id;
    expect(claimers).toContain(winner);
    expect(await scalar('select recipient_id from small_gesture_sends where id = ?', gift.id)).toBe(winner);
    expect(await scalar('select count(*) from small_gesture_sends where sender_id = ?', senderId)).toBe(1);
  });

  it('parallel gifts to ended streams are all STREAM_NOT_LIVE and debit nothing, while those to live streams go through', async () => {
    const senderId = userIds[54] as string;
    const sender = await as(senderId);
    await stack.query(BUY, { input: { packageId: 'cpk_70', idempotencyKey: 'stack-buy-70-c' } }, sender);
    const results = await all(16, (i) => {
      const stream = i % 2 === 0 ? liveStreamIds[LIVE_NOW_COUNT + (i % 4)] : liveStreamIds[i % LIVE_NOW_COUNT];
      return stack.query(SEND_GIFT, { input: { liveStreamId: stream, giftId: rose, quantity: 3, idempotencyKey: `stack-ended-${i}` } }, sender);
    });
    expect(results.filter((_, i) => i % 2 === 0).map(codeOf)).toEqual(Array(8).fill('STREAM_NOT_LIVE'));
    expect(results.filter((_, i) => i % 2 === 1).map(codeOf)).toEqual(Array(8).fill('OK'));
    expect(await scalar('select coins from wallets where user_id = ?', senderId)).toBe(70 - 8 * 3);
    const ended = liveStreamIds.slice(LIVE_NOW_COUNT, LIVE_NOW_COUNT + 4);
    expect(await scalar(`select count(*) from live_gift_sends where live_stream_id in (${ended.map(() => '?').join(',')})`, ...ended)).toBe(0);
  });

  /**
   * A creator whose stream just received two Sports Cars (7,000 diamonds, $35.00) on top of the
   * little the earlier tests' gifts gave them (under $10): their id and balance in diamonds.
   */
  async function creatorEarningAbout35Dollars(streamIndex: number, fanIndex: number): Promise<{ creatorId: string; balance: number }> {
    const creatorId = liveStreamCreatorId(streamIndex);
    const before = await scalar('select coalesce(max(diamonds), 0) from creator_balances where creator_id = ?', creatorId);
    expect(before).toBeLessThan(1_000);
    const fan = await as(userIds[fanIndex] as string);
    expect((await stack.query(BUY, { input: { packageId: 'cpk_17500', idempotencyKey: `stack-payout-fan-${fanIndex}` } }, fan)).body.errors).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      const sent = await stack.query(SEND_GIFT, { input: { liveStreamId: liveStreamIds[streamIndex], giftId: seedId('lgf', 8), idempotencyKey: `stack-payout-car-${fanIndex}-${i}` } }, fan);
      expect(sent.body.data.sendLiveGift.send.diamonds).toBe(3_500);
    }
    const balance = await scalar('select diamonds from creator_balances where creator_id = ?', creatorId);
    expect(balance).toBe(before + 7_000);
    return { creatorId, balance };
  }
  const PAYOUT = 'mutation ($input: RequestGiftPayoutInput!) { requestGiftPayout(input: $input) { payout { status amount { amount } diamonds } } }';

  it('8 parallel $10 payouts from $35 and change of gift earnings: exactly 3 are paid, 5 are INSUFFICIENT_GIFT_EARNINGS, and the rest stays payable', async () => {
    const { creatorId, balance } = await creatorEarningAbout35Dollars(3, 55);
    const creator = await as(creatorId);
    const results = await all(8, (i) => stack.query(PAYOUT, { input: { amount: 1_000, idempotencyKey: `stack-payout-race-${i}` } }, creator));
    expect(tally(results.map(codeOf))).toEqual({ OK: 3, INSUFFICIENT_GIFT_EARNINGS: 5 });
    expect(results.filter((result) => !result.body.errors).map((result) => result.body.data.requestGiftPayout.payout)).toEqual(Array(3).fill({ status: 'PAID', amount: { amount: 1_000 }, diamonds: 2_000 }));
    expect(await scalar("select coalesce(sum(amount), 0) from gift_payouts where creator_id = ? and status = 'PAID'", creatorId)).toBe(3_000);
    expect(await scalar('select diamonds from creator_balances where creator_id = ?', creatorId)).toBe(balance - 6_000);
    const earnings = (await stack.query('{ me { creator { giftEarnings { available { diamonds } paidOut { value { amount } } } } } }', {}, creator)).body.data.me.creator.giftEarnings;
    expect(earnings).toEqual({ available: { diamonds: balance - 6_000 }, paidOut: { value: { amount: 3_000 } } });
  });

  it('6 parallel "withdraw everything" payouts: one pays it all, the others find nothing payable (PAYOUT_BELOW_MINIMUM)', async () => {
    const { creatorId, balance } = await creatorEarningAbout35Dollars(4, 56);
    const creator = await as(creatorId);
    const results = await all(6, (i) => stack.query(PAYOUT, { input: { idempotencyKey: `stack-payout-all-${i}` } }, creator));
    expect(tally(results.map(codeOf))).toEqual({ OK: 1, PAYOUT_BELOW_MINIMUM: 5 });
    // Whole cents at 2 diamonds each: an odd diamond stays.
    const cents = Math.floor(balance / 2);
    expect(results.find((result) => !result.body.errors)!.body.data.requestGiftPayout.payout).toEqual({ status: 'PAID', amount: { amount: cents }, diamonds: cents * 2 });
    expect(results.filter((result) => result.body.errors).map((result) => result.body.errors![0].extensions.available)).toEqual(Array(5).fill(0));
    expect(await scalar('select diamonds from creator_balances where creator_id = ?', creatorId)).toBe(balance % 2);
    expect(await scalar('select count(*) from gift_payouts where creator_id = ?', creatorId)).toBe(1);
  });

  it('an operator’s `npm run gift-shares -- set` applies to the next gift sent through the gateway, on the store the service uses', async () => {
    const streamIndex = 1;
    const creatorId = liveStreamCreatorId(streamIndex);
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'subgraphs/gifts/src/shares-cli.ts', ...args], {
        cwd: path.resolve(import.meta.dirname, '..'),
        env: { ...process.env, DATA_DIR: stack.dataDir, ...(stack.databaseUrls ? { GIFTS_DATABASE_URL: stack.databaseUrls.gifts } : {}) },
        encoding: 'utf8',
        timeout: 30_000,
      });
    expect(cli('set', creatorId, '53%', '--note', 'mission tier 3')).toContain('53%');
    expect(cli('list')).toMatch(new RegExp(`${creatorId}\\s+53%`));
    const fan = await as(userIds[57] as string);
    await stack.query(BUY, { input: { packageId: 'cpk_350', idempotencyKey: 'stack-share-buy' } }, fan);
    const sent = await stack.query(SEND_GIFT, { input: { liveStreamId: liveStreamIds[streamIndex], giftId: seedId('lgf', 5), idempotencyKey: 'stack-share-corgi' } }, fan);
    expect(sent.body.data.sendLiveGift.send).toMatchObject({ coins: 299, diamonds: 158 });
    expect(cli('clear', creatorId)).toContain('back on the default');
    const again = await stack.query(SEND_GIFT, { input: { liveStreamId: liveStreamIds[streamIndex], giftId: doughnut, idempotencyKey: 'stack-share-doughnut' } }, fan);
    expect(again.body.data.sendLiveGift.send).toMatchObject({ coins: 30, diamonds: 15 });
  });

  it('afterwards the ledger balances: every transaction sums to zero per unit, coins bought = coins held + coins spent, diamonds = coins spent at the rate', async () => {
    {
      const unbalanced = await rows().all('select transaction_id, unit, sum(amount) as total from ledger_entries group by transaction_id, unit having sum(amount) <> 0');
      expect(unbalanced).toEqual([]);
      const balance = (account: string, unit: string) => scalar('select coalesce(sum(amount), 0) from ledger_entries where account = ? and unit = ?', account, unit);

      const bought = -(await balance('system:coin-sales', 'COIN'));
      const held = await scalar('select coalesce(sum(coins), 0) from wallets');
      const spent = await balance('platform:gift-revenue', 'COIN');
      expect(bought).toBe(await scalar("select sum(coins) from coin_purchases where status = 'COMPLETED'"));
      expect(bought).toBeGreaterThan(0);
      expect(held + spent).toBe(bought);
      expect(spent).toBe(await scalar('select sum(coins) from live_gift_sends'));
      expect(await scalar('select count(*) from wallets where coins < 0')).toBe(0);

      // Each wallet row is its ledger account's balance.
      const drift = await rows().all(
        "select w.user_id from wallets w left join (select substr(account, 8) as user_id, sum(amount) as total from ledger_entries where account like 'wallet:%' group by account) l on l.user_id = w.user_id where coalesce(l.total, 0) <> w.coins",
      );
      expect(drift).toEqual([]);

      // Diamonds: the creator's share of the coins (one per two by default), rounded down per send, all credited to the stream's creator.
      const issued = -(await balance('system:diamond-issuance', 'DIAMOND'));
      const sends = await rows().all<{ creator_id: string; live_stream_id: string; coins: number; diamonds: number; share_diamonds: number; share_coins: number }>(
        'select creator_id, live_stream_id, coins, diamonds, share_diamonds, share_coins from live_gift_sends',
      );
      expect(sends.every((send) => send.diamonds === Math.floor((send.coins * send.share_diamonds) / send.share_coins))).toBe(true);
      expect(sends.filter((send) => send.share_diamonds !== 1 || send.share_coins !== 2)).toHaveLength(1);
      expect(issued).toBe(sends.reduce((sum, send) => sum + send.diamonds, 0));
      // Every diamond issued is still a creator's, in a payout in flight, or paid out; each balance row is its account.
      const creatorsHold = await scalar("select coalesce(sum(amount), 0) from ledger_entries where account like 'creator:%'");
      const inFlight = await balance('system:payouts-in-flight', 'DIAMOND');
      const paidOut = await balance('system:diamonds-paid-out', 'DIAMOND');
      expect(creatorsHold + inFlight + paidOut).toBe(issued);
      expect(paidOut).toBe(await scalar("select coalesce(sum(diamonds), 0) from gift_payouts where status = 'PAID'"));
      expect(inFlight).toBe(await scalar("select coalesce(sum(diamonds), 0) from gift_payouts where status = 'REQUESTED'"));
      expect(paidOut).toBeGreaterThan(0);
      expect(await scalar('select count(*) from creator_balances where diamonds < 0')).toBe(0);
      const balanceDrift = await rows().all(
        "select b.creator_id from creator_balances b left join (select substr(account, 9) as creator_id, sum(amount) as total from ledger_entries where account like 'creator:%' group by account) l on l.creator_id = b.creator_id where coalesce(l.total, 0) <> b.diamonds",
      );
      expect(balanceDrift).toEqual([]);
      for (const send of sends) expect(send.creator_id).toBe(liveStreamCreatorId(liveStreamIds.indexOf(send.live_stream_id)));

      // No fourth Small Gesture, no code in two sends.
      expect(await scalar('select count(*) from (select sender_id from small_gesture_sends group by sender_id having count(*) > 3) as over_three')).toBe(0);
      expect(await scalar('select count(*) - count(distinct code_id) from small_gesture_sends')).toBe(0);
      expect(await scalar('select count(*) from small_gesture_sends s join gift_offer_codes c on c.id = s.code_id where c.claimed_at is null')).toBe(0);
    }
  });
});
