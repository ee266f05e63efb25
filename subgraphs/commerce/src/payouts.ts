/**
 * The rules of commission payouts, in one place.
 *
 * - A creator withdraws what is PAYABLE (settlement.ts), all of it at once, when it is at least the
 *   minimum (PAYOUT_MINIMUM_CENTS, $10 by default): PAYOUT_BELOW_MINIMUM otherwise. What is payable
 *   is their PAYABLE commission lines and the campaign fees their delivered content earned
 *   (samples.ts), each taken whole by the same guarded statement (`payout_id is null`).
 * - The payout is recorded REQUESTED with the lines it pays, in one transaction under the
 *   creator's idempotency key: the lines leave PAYABLE for PAID as they join it, by a guarded
 *   statement (only lines in no payout), so two requests racing can never pay a line twice or pay
 *   out more than was payable; the later one finds nothing left.
 * - Then the payout provider is asked (outside any transaction, with the payout's id as its own
 *   idempotency reference), and the answer settled once: PAID, or FAILED, which lets go of the
 *   lines so their commission is payable again. A provider that does not answer leaves the payout
 *   REQUESTED (SERVICE_UNAVAILABLE); a retry with the same idempotency key asks again for the same
 *   reference, so a transfer is never made twice.
 * - A failed payout is an answer, not an error: the mutation returns it FAILED with the reason,
 *   and the creator may ask again (another key) once the cause is fixed.
 * - A creator's payouts are theirs alone to see.
 */
import { requireOwner, signedInUserId } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { createLogger } from '@app/kit/log';
import { formatMoney, money } from '@app/kit/money';
import type { PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { CommissionPayoutRow } from './mappers.ts';
import { newestFirstBy } from './pages.ts';
import { askProvider } from '@app/kit/deadline';
import type { PayoutResult } from '@app/kit/payouts';
import { ForbiddenReason, Refusal } from './refusals.ts';
import { COMMISSION_CURRENCY } from './vocabulary.ts';

const logger = createLogger('commerce');

const PAYOUT_METHOD_MAX = 100;

/** A payout for an entity reference or `node`: its creator's alone, null (unknown) to anyone else. */
export async function payoutReference(context: Context, id: string): Promise<CommissionPayoutRow | null> {
  const payout = await context.loaders.payoutById.load(id);
  return payout && context.viewer.userId === payout.creatorId ? payout : null;
}

export function creatorPayouts(context: Context, creatorId: string, args: PageArgs) {
  requireOwner(context.viewer, creatorId, 'Only the creator can see their own payouts.', ForbiddenReason.NOT_THE_CREATOR);
  return newestFirstBy<CommissionPayoutRow>(context.loaders.creatorPayouts, creatorId, args, (payout) => payout.requestedAt);
}

export interface PayoutInput {
  payoutMethod?: string | null;
  idempotencyKey: string;
}

/** The signed-in creator withdraws everything payable. */
export async function requestCommissionPayout(context: Context, input: PayoutInput): Promise<CommissionPayoutRow> {
  const creatorId = signedInUserId(context.viewer);
  const payoutMethod = input.payoutMethod?.trim() || null;
  if (payoutMethod && payoutMethod.length > PAYOUT_METHOD_MAX) throw badInput(`payoutMethod must be at most ${PAYOUT_METHOD_MAX} characters.`, { field: 'payoutMethod' });
  const minimum = context.settings.payoutMinimumCents;
  const request = { scope: creatorId, key: input.idempotencyKey, operation: 'requestCommissionPayout', input: { payoutMethod } };
  const { result } = await idempotent(context.store, request, async (tx) => {
    const now = context.clock.now();
    const lines = await tx.payableCommissionLines(creatorId, COMMISSION_CURRENCY, now);
    // Campaign fees made payable by delivered content (samples.ts) are paid beside the lines, by the same rules.
    const fees = await tx.payableCampaignFees(creatorId, COMMISSION_CURRENCY);
    const amount = lines.reduce((sum, line) => sum + line.amount, 0) + fees.reduce((sum, fee) => sum + fee.amount, 0);
    if (amount < minimum) {
      throw refuse(Refusal.PAYOUT_BELOW_MINIMUM, `A payout needs at least ${formatMoney(money(minimum))} payable; ${formatMoney(money(amount))} is.`, { available: amount, minimum });
    }
    const id = newId('pay');
    await tx.insertPayout({ id, creatorId, status: 'REQUESTED', amount, currency: COMMISSION_CURRENCY, payoutMethod, requestedAt: now });
    // The guard that holds under concurrency: a line already in a payout is not taken again.
    if ((await tx.assignPayoutLines(id, lines)) !== lines.length) throw new Error(`payable lines of ${creatorId} changed under a write lock`);
    if ((await tx.assignPayoutFees(id, fees.map((fee) => fee.id))) !== fees.length) throw new Error(`payable fees of ${creatorId} changed under a write lock`);
    return { payoutId: id };
  });
  // Read outside any transaction: a retry may find it settled already, or still requested after an outage.
  let [payout] = await context.store.payoutsByIds([result.payoutId]);
  if (!payout) throw notFound('CommissionPayout', result.payoutId);
  if (payout.status === 'REQUESTED') payout = await transferAndSettle(context, payout);
  return payout;
}

async function transfer(context: Context, payout: CommissionPayoutRow): Promise<PayoutResult> {
  const call = { service: 'payouts', provider: context.payouts.name, logger, about: { payoutId: payout.id, requestId: context.viewer.requestId } };
  return askProvider(call, () =>
    context.payouts.pay({ reference: payout.id, creatorId: payout.creatorId, amount: money(payout.amount, payout.currency), payoutMethod: payout.payoutMethod, description: 'Commission payout' }),
  );
}

/** Asks the provider for a requested payout (the network call, before any transaction), then settles it in one. */
async function transferAndSettle(context: Context, requested: CommissionPayoutRow): Promise<CommissionPayoutRow> {
  const outcome = await transfer(context, requested);
  return context.store.transaction(async (tx) => {
    const now = context.clock.now();
    const settled = await tx.settlePayout(
      requested.id,
      outcome.status === 'PAID' ? { status: 'PAID', providerTransferId: outcome.payoutId, settledAt: now } : { status: 'FAILED', failureReason: outcome.reason, settledAt: now },
    );
    if (!settled) {
      // A concurrent retry of the same payout settled it first; its outcome stands.
      const [first] = await tx.payoutsByIds([requested.id]);
      return first as CommissionPayoutRow;
    }
    // A failed transfer gives the lines back: their commission is payable again.
    if (settled.status === 'FAILED') await tx.releasePayoutLines(settled.id);
    return settled;
  });
}
