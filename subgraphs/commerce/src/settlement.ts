/**
 * The rules of commission settlement, in one place.
 *
 * - Each order line that earned a commission (an attributed line, not the creator's own purchase)
 *   is in one state, worked out from what is stored and the time it is read (the context's clock):
 *   REVERSED when all of its commission was clawed back (the order was cancelled, or every unit
 *   refunded); PAID when it is in a payout (PROCESSING in the creator's balance while the payout
 *   provider has not answered); PENDING while its order is paid and not shipped; LOCKED while the
 *   order's return window runs (`returnsUntil`) or a return of the line waits for the brand; else
 *   PAYABLE. No job runs when a window ends: the next read sees the line PAYABLE.
 * - What a line earns is (line revenue − refunds) × rate, rounded down (commission.ts): the
 *   commission credited at checkout less what refunds clawed back (returns.ts).
 * - A partly refunded line earns its remainder in its state and shows what was clawed back as
 *   reversed; a statement's totals per state add up to every commission credited: pending +
 *   locked + payable + paid + reversed.
 * - A creator's statement and balance are theirs alone.
 *
 * The state itself is computed in SQL (`commissionBucket` in db/statements/settlement.ts), so that a
 * statement filters, pages and totals by state in one statement; this module says what it means.
 */
import { requireOwner } from '@app/kit/access';
import { badInput } from '@app/kit/errors';
import { money, type Money } from '@app/kit/money';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { BucketTotal, CommissionLineView, StatementFilter } from './db/contract.ts';
import { ForbiddenReason } from './refusals.ts';
import type { CommissionBucket } from './vocabulary.ts';

export type CommissionState = 'PENDING' | 'LOCKED' | 'PAYABLE' | 'REVERSED' | 'PAID';

export const stateOf = (bucket: CommissionBucket): CommissionState => (bucket === 'PROCESSING' ? 'PAID' : bucket);

const bucketsOf = (state: CommissionState): CommissionBucket[] => (state === 'PAID' ? ['PAID', 'PROCESSING'] : [state]);

/** Sums per bucket: what lines earn in each, and all that was clawed back whatever their state. */
export function totalsByBucket(rows: readonly BucketTotal[]): Record<CommissionBucket, number> & { reversed: number } {
  const totals = { PENDING: 0, LOCKED: 0, PAYABLE: 0, REVERSED: 0, PROCESSING: 0, PAID: 0, reversed: 0 };
  for (const row of rows) {
    totals[row.bucket] += row.net;
    totals.reversed += row.reversed;
  }
  return totals;
}

export interface CommissionBalance {
  available: Money;
  pending: Money;
  locked: Money;
  inPayout: Money;
  paidOut: Money;
}

/** A creator's commission per state, for `Creator.earnings`. */
export async function commissionBalance(context: Context, creatorId: string) {
  const totals = totalsByBucket(await context.loaders.commissionBuckets.load(creatorId));
  const balance: CommissionBalance = {
    available: money(totals.PAYABLE),
    pending: money(totals.PENDING),
    locked: money(totals.LOCKED),
    inPayout: money(totals.PROCESSING),
    paidOut: money(totals.PAID),
  };
  // Earned: shipped and not clawed back, whether payable yet, in a payout or paid.
  return { balance, earned: totals.LOCKED + totals.PAYABLE + totals.PROCESSING + totals.PAID, pending: totals.PENDING };
}

export interface StatementArgs {
  states?: readonly CommissionState[] | null;
  from?: Date | null;
  to?: Date | null;
}

/** A creator's statement for a filter; its lines and totals are read when asked for. */
export interface Statement {
  creatorId: string;
  filter: StatementFilter;
}

export function commissionStatement(context: Context, creatorId: string, args: StatementArgs): Statement {
  requireOwner(context.viewer, creatorId, 'Only the creator can see their own commission statement.', ForbiddenReason.NOT_THE_CREATOR);
  const from = args.from ?? null;
  const to = args.to ?? null;
  if (from && to && from.getTime() >= to.getTime()) throw badInput('`from` must be before `to`.', { field: 'to' });
  return { creatorId, filter: { buckets: args.states ? [...new Set(args.states.flatMap(bucketsOf))] : null, from, to } };
}

/** How a statement's lines page, either way: by `[order time ms, order id, line position]`, newest first. */
export const LINE_PAGING: ListPaging<{ orderedAt: Date; orderId: string; position: number }> = { arity: 3, keyOf: (row) => [row.orderedAt.getTime(), row.orderId, row.position] };

/** The statement's lines, newest order first; within an order, the last line first. */
export async function statementLines(context: Context, statement: Statement, args: PageArgs) {
  return connectionOf(args, LINE_PAGING, (page) =>
    context.store.commissionLinePage(statement.creatorId, statement.filter, page, context.clock.now()),
  );
}

/** The statement's period per state (whatever states its lines are filtered to). */
export async function statementTotals(context: Context, statement: Statement) {
  const totals = totalsByBucket(await context.store.commissionStatementTotals(statement.creatorId, statement.filter, context.clock.now()));
  return {
    pending: money(totals.PENDING),
    locked: money(totals.LOCKED),
    payable: money(totals.PAYABLE),
    paid: money(totals.PAID + totals.PROCESSING),
    reversed: money(totals.reversed),
  };
}

/** When a LOCKED line's window ends; null in any other state (an open return keeps it LOCKED past that). */
export const lockedUntil = (line: CommissionLineView): Date | null => (line.bucket === 'LOCKED' ? line.returnsUntil : null);
