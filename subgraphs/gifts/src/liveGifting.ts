/**
 * LIVE gifting: every rule of buying coins and spending them on gifts to a live creator, in one place.
 *
 * Each movement of value is one transaction taken up front (the store's `transaction`, or the
 * kit's `idempotent`) that re-checks its rules against the rows it changes (a debit only happens
 * where the balance covers it) and posts a balanced ledger transaction (see `ledger.ts`). Whether
 * a stream is live, and whose it is, is the content subgraph's fact, and a charge is the payment
 * provider's answer: both are network calls, made outside any transaction.
 */
import { requireOwner, signedInUserId } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { createLogger } from '@app/kit/log';
import { money } from '@app/kit/money';
import { MAX_PAGE_SIZE, connectionOf, type CursorKey, type PageArgs } from '@app/kit/pagination';
import { coinPackageById } from './coinPackages.ts';
import type { Context } from './context.ts';
import type { CoinPurchaseRow, LiveGiftRow, LiveGiftSendRow, WalletRef } from './mappers.ts';
import { askProvider } from '@app/kit/deadline';
import { known, settle } from '@app/kit/facts';
import { fetchLiveStream } from './facts.ts';
import { Account, ledgerTransaction, post } from './ledger.ts';
import { announceGiftSend, comboInTransaction } from './liveGiftEvents.ts';
import type { ChargeResult } from './payments.ts';
import { shareAtSend } from './creatorShares.ts';
import { creditedDiamonds } from './rates.ts';
import { Refusal } from './refusals.ts';
import { timeOrderedId } from './ids.ts';

const logger = createLogger('gifts');

/** The most of one gift a single send may carry. */
export const QUANTITY_MAX = 99;
/** How many places a leaderboard shows when the client does not say. */
export const LEADERBOARD_DEFAULT_SIZE = 10;
/** A stream's recent gifts: how many a joining viewer sees unless they say, and the most they may ask. */
export const RECENT_GIFTS_DEFAULT = 20;
export const RECENT_GIFTS_MAX = 50;

/** The LIVE gift catalog, cheapest first. */
export async function liveGiftCatalog(context: Context): Promise<LiveGiftRow[]> {
  const rows = await context.store.liveGiftCatalog();
  for (const row of rows) context.loaders.liveGiftById.prime(row.id, row);
  return rows;
}

/** A user's wallet; theirs alone to see. */
export function walletOf(context: Context, userId: string): WalletRef {
  requireOwner(context.viewer, userId, 'Only the user themself can see their wallet.', 'NOT_OWN_USER');
  return { userId };
}

/**
 * The top gifters of a stream or of a creator. Leaderboards are short plain lists: `first`
 * between 0 and the page cap.
 */
export function topGifters(context: Context, of: 'liveStream' | 'creator', id: string, first: number | null | undefined) {
  const size = first ?? LEADERBOARD_DEFAULT_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}, got ${size}.`, { argument: 'first', max: MAX_PAGE_SIZE });
  }
  const loader = of === 'liveStream' ? context.loaders.streamTopGifters : context.loaders.creatorTopGifters;
  return loader.load({ id, first: size });
}

/**
 * A stream's latest sends, newest first, for a viewer joining its room: `first` (at most
 * RECENT_GIFTS_MAX) rows read down the stream's index, whatever it holds.
 */
export async function recentGifts(context: Context, liveStreamId: string, first: number | null | undefined): Promise<LiveGiftSendRow[]> {
  const size = first ?? RECENT_GIFTS_DEFAULT;
  if (!Number.isInteger(size) || size < 0 || size > RECENT_GIFTS_MAX) {
    throw badInput(`\`first\` must be between 0 and ${RECENT_GIFTS_MAX}, got ${size}.`, { argument: 'first', max: RECENT_GIFTS_MAX });
  }
  return (await context.loaders.streamRecentGifts.load({ id: liveStreamId, first: size })).map((row) => row.node);
}

/** The LIVE gifting histories' order, newest first: the cursor holds this key. */
const newestFirst = (row: { createdAt: Date; id: string }): CursorKey => [row.createdAt.getTime(), row.id];

/** A coin purchase found by its id (`node`, an entity reference): its buyer's, null for anyone else, as an unknown id. */
export async function coinPurchaseReference(context: Context, id: string): Promise<CoinPurchaseRow | null> {
  const purchase = await context.loaders.coinPurchaseById.load(id);
  return purchase && context.viewer.userId === purchase.userId ? purchase : null;
}

/**
 * A LIVE gift send found by its id (`node`, an entity reference): its sender's and the credited
 * creator's, whose histories list it; null for anyone else, as an unknown id.
 */
export async function liveGiftSendReference(context: Context, id: string): Promise<LiveGiftSendRow | null> {
  const send = await context.loaders.liveGiftSendById.load(id);
  return send && context.viewer.userId !== null && (context.viewer.userId === send.senderId || context.viewer.userId === send.creatorId) ? send : null;
}

/** A user's coin purchases newest first, declined and pending ones included; theirs alone to see. */
export async function coinPurchasesPage(context: Context, userId: string, args: PageArgs) {
  requireOwner(context.viewer, userId, 'Only the user themself can see their coin purchases.', 'NOT_OWN_USER');
  return connectionOf(args, { arity: 2, keyOf: newestFirst }, async (page) => (await context.loaders.coinPurchases.load({ ownerId: userId, page })).map((row) => row.node));
}

/** The LIVE gifts a user sent, newest first; theirs alone to see. */
export async function liveGiftsSentPage(context: Context, userId: string, args: PageArgs) {
  requireOwner(context.viewer, userId, 'Only the user themself can see the gifts they sent.', 'NOT_OWN_USER');
  return connectionOf(args, { arity: 2, keyOf: newestFirst }, async (page) => (await context.loaders.liveGiftsSent.load({ ownerId: userId, page })).map((row) => row.node));
}

/** The LIVE gifts a creator received, newest first, of one stream or all; the creator's alone to see. */
export async function giftReceiptsPage(context: Context, creatorId: string, args: PageArgs & { liveStreamId?: string | null }) {
  requireOwner(context.viewer, creatorId, 'Only the creator can see the gifts they received, one by one.', 'NOT_THE_CREATOR');
  return connectionOf(args, { arity: 2, keyOf: newestFirst }, async (page) => (await context.loaders.giftReceipts.load({ ownerId: creatorId, page, liveStreamId: args.liveStreamId ?? null })).map((row) => row.node));
}

export interface PurchaseCoinsInput {
  packageId: string;
  paymentMethod?: string | null;
  idempotencyKey: string;
}

/**
 * Buys a coin package. The purchase is recorded PENDING under the idempotency key first, then
 * charged with the purchase id as the provider's own idempotency reference, then settled once
 * in one transaction that credits the wallet and posts the ledger. So a retry, even one racing
 * the first request or following a crash between charge and credit, charges once and credits once.
 * @throws PAYMENT_DECLINED (nothing credited), SERVICE_UNAVAILABLE (provider down; still pending).
 */
export async function purchaseCoins(context: Context, input: PurchaseCoinsInput): Promise<CoinPurchaseRow> {
  const userId = signedInUserId(context.viewer);
  const pkg = coinPackageById(input.packageId);
  if (!pkg) throw notFound('CoinPackage', input.packageId);
  const paymentMethod = input.paymentMethod ?? null;

  const { result } = await idempotent(
    context.store,
    { scope: userId, key: input.idempotencyKey, operation: 'purchaseCoins', input: { packageId: pkg.id, paymentMethod } },
    async (tx) => {
      const purchase = await tx.insertCoinPurchase({
        id: newId('cpu'),
        userId,
        packageId: pkg.id,
        coins: pkg.coins,
        priceAmount: pkg.priceAmount,
        currency: pkg.currency,
        paymentMethod,
        status: 'PENDING',
        createdAt: context.clock.now(),
      });
      return { purchaseId: purchase.id };
    },
  );

  // Read outside any transaction: a retry may find it settled already, or still pending after an outage.
  let [purchase] = await context.store.coinPurchasesByIds([result.purchaseId]);
  if (!purchase) throw new Error(`Coin purchase ${result.purchaseId} is missing`);
  if (purchase.status === 'PENDING') purchase = await chargeAndSettle(context, purchase);
  if (purchase.status === 'DECLINED') {
    throw refuse(Refusal.PAYMENT_DECLINED, 'The payment was declined; no coins were added. Try another payment method with a new idempotency key.', {
      reason: purchase.declineReason,
    });
  }
  return purchase;
}

async function charge(context: Context, purchase: CoinPurchaseRow): Promise<ChargeResult> {
  const call = { service: 'payments', provider: context.payments.name, logger, about: { purchaseId: purchase.id, requestId: context.viewer.requestId } };
  return askProvider(call, () =>
    context.payments.charge({
      reference: purchase.id,
      userId: purchase.userId,
      amount: money(purchase.priceAmount, purchase.currency),
      paymentMethod: purchase.paymentMethod,
      description: `${purchase.coins} coins`,
    }),
  );
}

/** Charges a pending purchase (the network call, before any transaction), then settles it in one. */
async function chargeAndSettle(context: Context, pending: CoinPurchaseRow): Promise<CoinPurchaseRow> {
  const outcome = await charge(context, pending);
  return context.store.transaction(async (tx) => {
    const now = context.clock.now();
    const settled = await tx.settleCoinPurchase(
      pending.id,
      outcome.status === 'APPROVED' ? { status: 'COMPLETED', providerChargeId: outcome.chargeId } : { status: 'DECLINED', declineReason: outcome.reason },
      now,
    );
    if (!settled) {
      // A concurrent retry of the same purchase settled it first; its outcome stands and credited once.
      const [first] = await tx.coinPurchasesByIds([pending.id]);
      return first as CoinPurchaseRow;
    }
    if (settled.status === 'COMPLETED') {
      context.changed('User', settled.userId);
      await tx.creditWallet(settled.userId, settled.coins, now);
      await post(
        tx,
        'COIN_PURCHASE',
        settled.id,
        [
          { account: Account.coinSales, unit: 'COIN', amount: -settled.coins },
          { account: Account.wallet(settled.userId), unit: 'COIN', amount: settled.coins },
        ],
        now,
      );
    }
    return settled;
  });
}

export interface SendLiveGiftInput {
  liveStreamId: string;
  giftId: string;
  /** 1 when omitted. */
  quantity?: number | null;
  idempotencyKey: string;
}

/**
 * Sends `quantity` of a gift to the creator of a live stream and returns the send's id: coins
 * debited, diamonds credited at the creator's share (`creatorShares.ts`; rounded down per send), ledger posted, and
 * the stream's gift event written (with the send's combo, see `liveGiftEvents.ts`), all in one
 * transaction. A retry with the same key and input returns the first send and moves
 * nothing. Refusals move nothing.
 */
export async function sendLiveGift(context: Context, input: SendLiveGiftInput): Promise<string> {
  const senderId = signedInUserId(context.viewer);
  const { liveStreamId, giftId } = input;
  const quantity = input.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > QUANTITY_MAX) {
    throw badInput(`quantity must be between 1 and ${QUANTITY_MAX}, got ${quantity}.`, { field: 'quantity', max: QUANTITY_MAX });
  }
  const stream = await settle(fetchLiveStream(context, liveStreamId));
  const { rates, comboWindowMs } = context.settings;

  const { result } = await idempotent(
    context.store,
    { scope: senderId, key: input.idempotencyKey, operation: 'sendLiveGift', input: { liveStreamId, giftId, quantity } },
    async (tx) => {
      const [gift] = await tx.liveGiftsByIds([giftId]);
      if (!gift) throw notFound('LiveGift', giftId);
      const live = known(stream);
      if (!live) throw notFound('LiveStream', liveStreamId);
      if (live.status !== 'LIVE') throw refuse(Refusal.STREAM_NOT_LIVE, `This stream is ${live.status.toLowerCase()}, not live: gifts go only to live streams.`, { status: live.status });
      const creatorId = live.creator.id;
      if (creatorId === senderId) throw refuse(Refusal.CANNOT_GIFT_OWN_STREAM, 'You cannot send gifts to your own live stream.');

      const coins = gift.coinPrice * quantity;
      const share = await shareAtSend(tx, creatorId, rates);
      const diamonds = creditedDiamonds(coins, share);
      // A guarded update: right whoever else spends from the wallet, and before the stream's line.
      if ((await tx.debitWallet(senderId, coins, context.clock.now())) === undefined) {
        const [wallet] = await tx.walletsByUserIds([senderId]);
        const balance = wallet?.coins ?? 0;
        throw refuse(Refusal.INSUFFICIENT_COINS, `This gift costs ${coins} coins and your wallet holds ${balance}.`, { required: coins, balance });
      }
      // The stream's line: the event's number is taken first, which holds the stream's counter
      // until this commits (READ COMMITTED on Postgres, `TransactionOptions`), so every send to
      // the stream after it is read and written below in commit order, as under SQLite's lock.
      const eventSeq = await tx.nextLiveEventSeq(liveStreamId);
      // Taken in the line, so sends' times follow their commit order (combos compare them).
      const now = context.clock.now();
      const id = timeOrderedId('lgs', now);
      const combo = await comboInTransaction(tx, liveStreamId, { senderId, giftId, at: now }, comboWindowMs);
      const ledger = ledgerTransaction(
        'LIVE_GIFT',
        id,
        [
          { account: Account.wallet(senderId), unit: 'COIN', amount: -coins },
          { account: Account.giftRevenue, unit: 'COIN', amount: coins },
          { account: Account.diamondIssuance, unit: 'DIAMOND', amount: -diamonds },
          { account: Account.creatorDiamonds(creatorId), unit: 'DIAMOND', amount: diamonds },
        ],
        now,
      );
      const send = { id, senderId, creatorId, liveStreamId, giftId, quantity, coins, diamonds, combo, eventSeq, createdAt: now, shareDiamonds: share.diamonds, shareCoins: share.coins };
      const totals = await tx.insertLiveGiftSend(send, ledger);
      await announceGiftSend(tx, id, liveStreamId, eventSeq, totals, now);
      // The stream's totals, the creator's earnings and leaderboard, the sender's wallet.
      context.changed('LiveStream', liveStreamId);
      context.changed('Creator', creatorId);
      context.changed('User', senderId);
      return { sendId: id };
    },
    // In its stream's line in this process too: a busy stream's waiting sends hold two of the
    // pool's connections, not all of them, so the rest of gifting does not wait behind it.
    { isolation: 'readCommitted', line: `liveStream:${liveStreamId}` },
  );
  return result.sendId;
}
