/**
 * Gift payouts: every rule of a creator withdrawing LIVE gift earnings, in one place.
 *
 * - **What is payable**: the diamonds in the creator's balance (`creator_balances`, the ledger
 *   account `creator:<id>`): every diamond credited by a gift, less those taken by payouts that
 *   are in flight or paid. A failed payout gives its diamonds back.
 * - **Money**: a payout of C cents takes `diamondsForCents(C)` diamonds at GIFT_DIAMONDS_PER_DOLLAR
 *   (see `rates.ts`); without an amount it takes everything the balance is worth in whole cents,
 *   leaving the odd diamond. At least PAYOUT_MINIMUM_CENTS (default 1000, $10) per payout.
 * - **Flow**, as coin purchases (`liveGifting.ts`): the payout is recorded REQUESTED under the
 *   idempotency key, its diamonds taken from the balance by a guarded UPDATE in the same
 *   transaction (so two requests racing can never take more than the balance holds); the
 *   payout provider is asked outside any transaction with the payout id as its idempotency
 *   reference; then the payout is settled once: PAID, or FAILED with the diamonds given back.
 *   A provider that does not answer leaves the payout in flight; a retry with the same key
 *   asks again for the same reference, so a creator is paid once.
 */
import { requireOwner, signedInUserId } from '@app/kit/access';
import { badInput, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { createLogger } from '@app/kit/log';
import { formatMoney, money, type Money } from '@app/kit/money';
import { connectionOf, type CursorKey, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { GiftEarningsRef, GiftPayoutRow } from './mappers.ts';
import { askProvider } from '@app/kit/deadline';
import { Account, post } from './ledger.ts';
import type { PayoutResult } from '@app/kit/payouts';
import { diamondsForCents, diamondsToCents, diamondsValue, PAYOUT_CURRENCY } from './rates.ts';
import { Refusal } from './refusals.ts';

const logger = createLogger('gifts');


/** Diamonds and what they are worth. */
export interface DiamondsWorth {
  diamonds: number;
  value: Money;
}

/** A creator's gift earnings, for the payout that just changed them (the creator's own write). */
export function giftEarningsOf(creatorId: string): GiftEarningsRef {
  return { creatorId };
}

/**
 * A creator's gift earnings as a field of the creator: income is the creator's own, like
 * `Creator.earnings` (commerce), so nobody else sees even the total; a stream's gift totals stay public.
 */
export function creatorGiftEarnings(context: Context, creatorId: string): GiftEarningsRef {
  requireOwner(context.viewer, creatorId, 'Only the creator can see their gift earnings.', 'NOT_THE_CREATOR');
  return giftEarningsOf(creatorId);
}

/** Every diamond the creator was ever credited, and its value at today's rate. */
export async function earnedDiamonds(context: Context, earnings: GiftEarningsRef): Promise<number> {
  return context.loaders.creatorDiamonds.load(earnings.creatorId);
}

function requireCreatorThemself(context: Context, creatorId: string): void {
  requireOwner(context.viewer, creatorId, 'Only the creator can see how their gift earnings are split and paid out.', 'NOT_THE_CREATOR');
}

/** Diamonds a payout could take now, and what a payout of all of them would pay. */
export async function availableEarnings(context: Context, earnings: GiftEarningsRef): Promise<DiamondsWorth> {
  requireCreatorThemself(context, earnings.creatorId);
  const diamonds = await context.loaders.creatorBalance.load(earnings.creatorId);
  return { diamonds, value: diamondsValue(diamonds, context.settings.rates) };
}

/** Diamonds in payouts of one status, and the money those payouts pay. */
export async function payoutEarnings(context: Context, earnings: GiftEarningsRef, status: 'REQUESTED' | 'PAID'): Promise<DiamondsWorth> {
  requireCreatorThemself(context, earnings.creatorId);
  const totals = await context.loaders.creatorPayoutTotals.load(earnings.creatorId);
  const total = totals.find((row) => row.status === status);
  return { diamonds: total?.diamonds ?? 0, value: money(total?.amount ?? 0, PAYOUT_CURRENCY) };
}

/** A creator's gift earnings in money by where they stand (`GiftBalance`). */
export interface GiftBalance {
  available: Money;
  pending: Money;
  locked: Money;
  inPayout: Money;
  paidOut: Money;
}

/** The earnings in money by where they stand, as commerce shows commission; gifts are never pending nor locked. */
export async function giftBalance(context: Context, earnings: GiftEarningsRef): Promise<GiftBalance> {
  const [available, inPayout, paidOut] = await Promise.all([availableEarnings(context, earnings), payoutEarnings(context, earnings, 'REQUESTED'), payoutEarnings(context, earnings, 'PAID')]);
  const zero = money(0, PAYOUT_CURRENCY);
  return { available: available.value, pending: zero, locked: zero, inPayout: inPayout.value, paidOut: paidOut.value };
}

/** A payout found by its id (`node`, an entity reference): its creator's, null for anyone else, as an unknown id. */
export async function giftPayoutReference(context: Context, id: string): Promise<GiftPayoutRow | null> {
  const payout = await context.loaders.giftPayoutById.load(id);
  return payout && context.viewer.userId === payout.creatorId ? payout : null;
}

/** The creator's payouts newest first; theirs alone to see. */
export async function giftPayoutsPage(context: Context, creatorId: string, args: PageArgs) {
  requireCreatorThemself(context, creatorId);
  return connectionOf(args, { arity: 2, keyOf: (row: GiftPayoutRow): CursorKey => [row.createdAt.getTime(), row.id] }, async (page) => (await context.loaders.giftPayouts.load({ ownerId: creatorId, page })).map((row) => row.node));
}

export interface RequestGiftPayoutInput {
  /** In cents; everything payable when omitted. */
  amount?: number | null;
  payoutMethod?: string | null;
  idempotencyKey: string;
}

/**
 * A creator withdraws gift earnings and gets the payout back, settled (PAID or FAILED, the
 * diamonds restored) unless the provider did not answer. A retry with the same key and input
 * returns the first payout and takes nothing again.
 * @throws PAYOUT_BELOW_MINIMUM, INSUFFICIENT_GIFT_EARNINGS, BAD_USER_INPUT (nothing taken);
 *   SERVICE_UNAVAILABLE (provider down: the payout stays in flight; retry with the same key).
 */
export async function requestGiftPayout(context: Context, input: RequestGiftPayoutInput): Promise<GiftPayoutRow> {
  const creatorId = signedInUserId(context.viewer);
  const requested = input.amount ?? null;
  if (requested !== null && (!Number.isSafeInteger(requested) || requested <= 0)) {
    throw badInput('amount is a whole number of cents above zero; leave it out to withdraw everything payable.', { field: 'amount' });
  }
  const payoutMethod = input.payoutMethod ?? null;
  const { rates, payoutMinimumCents: minimum } = context.settings;

  const { result } = await idempotent(
    context.store,
    { scope: creatorId, key: input.idempotencyKey, operation: 'requestGiftPayout', input: { amount: requested, payoutMethod } },
    async (tx) => {
      const now = context.clock.now();
      const [balance] = await tx.creatorBalancesByIds([creatorId]);
      const available = diamondsToCents(balance?.diamonds ?? 0, rates);
      const amount = requested ?? available;
      if (amount < minimum) {
        throw refuse(Refusal.PAYOUT_BELOW_MINIMUM, `A payout is at least ${formatted(minimum)}; ${requested === null ? `your gift earnings payable now are ${formatted(available)}` : `this one asks for ${formatted(amount)}`}.`, {
          minimum,
          available,
        });
      }
      const diamonds = diamondsForCents(amount, rates);
      // The guarded debit is the last line: under the write lock the balance read above already covers it.
      if (amount > available || (await tx.debitCreatorBalance(creatorId, diamonds, now)) === undefined) {
        throw refuse(Refusal.INSUFFICIENT_GIFT_EARNINGS, `This payout asks for ${formatted(amount)} and your gift earnings payable now are ${formatted(available)}.`, { requested: amount, available });
      }
      const id = newId('gpo');
      await tx.insertGiftPayout({ id, creatorId, diamonds, amount, currency: PAYOUT_CURRENCY, diamondsPerDollar: rates.diamondsPerDollar, payoutMethod, status: 'REQUESTED', createdAt: now });
      await post(
        tx,
        'GIFT_PAYOUT',
        id,
        [
          { account: Account.creatorDiamonds(creatorId), unit: 'DIAMOND', amount: -diamonds },
          { account: Account.payoutsInFlight, unit: 'DIAMOND', amount: diamonds },
        ],
        now,
      );
      return { payoutId: id };
    },
  );

  // Read outside any transaction: a retry may find it settled already, or still in flight after an outage.
  const [payout] = await context.store.giftPayoutsByIds([result.payoutId]);
  if (!payout) throw new Error(`Gift payout ${result.payoutId} is missing`);
  return payout.status === 'REQUESTED' ? payAndSettle(context, payout) : payout;
}

const formatted = (cents: number) => formatMoney(money(cents, PAYOUT_CURRENCY));

async function pay(context: Context, payout: GiftPayoutRow): Promise<PayoutResult> {
  const call = { service: 'payouts', provider: context.payouts.name, logger, about: { payoutId: payout.id, requestId: context.viewer.requestId } };
  return askProvider(call, () =>
    context.payouts.pay({
      reference: payout.id,
      creatorId: payout.creatorId,
      amount: money(payout.amount, payout.currency),
      payoutMethod: payout.payoutMethod,
      description: `LIVE gift earnings: ${payout.diamonds} diamonds`,
    }),
  );
}

/** Pays a requested payout (the network call, before any transaction), then settles it in one. */
async function payAndSettle(context: Context, requested: GiftPayoutRow): Promise<GiftPayoutRow> {
  const outcome = await pay(context, requested);
  return context.store.transaction(async (tx) => {
    const now = context.clock.now();
    const settled = await tx.settleGiftPayout(
      requested.id,
      outcome.status === 'PAID' ? { status: 'PAID', providerPayoutId: outcome.payoutId } : { status: 'FAILED', failureReason: outcome.reason },
      now,
    );
    if (!settled) {
      // A concurrent retry of the same payout settled it first; its outcome stands and moved once.
      const [first] = await tx.giftPayoutsByIds([requested.id]);
      return first as GiftPayoutRow;
    }
    const { id, creatorId, diamonds } = settled;
    if (settled.status === 'PAID') {
      await post(
        tx,
        'GIFT_PAYOUT_PAID',
        id,
        [
          { account: Account.payoutsInFlight, unit: 'DIAMOND', amount: -diamonds },
          { account: Account.diamondsPaidOut, unit: 'DIAMOND', amount: diamonds },
        ],
        now,
      );
    } else {
      await tx.creditCreatorBalance(creatorId, diamonds, now);
      await post(
        tx,
        'GIFT_PAYOUT_FAILED',
        id,
        [
          { account: Account.payoutsInFlight, unit: 'DIAMOND', amount: -diamonds },
          { account: Account.creatorDiamonds(creatorId), unit: 'DIAMOND', amount: diamonds },
        ],
        now,
      );
    }
    return settled;
  });
}
