/**
 * The rules of returns and refunds after fulfilment, in one place.
 *
 * - The buyer asks to send back some or all units of a FULFILLED order (an order not shipped is
 *   cancelled instead), before its return window ends (`orders.returns_until`, set at fulfilment).
 *   A line may be returned up to its units not refunded yet. One open return per order: the next
 *   waits for the brand's answer.
 * - The brand (its partner key with `orders:write`) approves or declines an open return. Approval
 *   refunds the units at the price paid and claws back exactly the commission on them: a line's
 *   commission after refunds is floor((total − refunded) × bps / 10,000) (commission.ts), so the
 *   clawback is the commission credited minus that, and a fully refunded line gives back all of
 *   it. When the brand says the goods came back (`restock`), they go back in stock.
 * - A line with an open return keeps its commission LOCKED past the window (settlement.ts), so
 *   commission is never paid out on units that may still be refunded; and a line already in a
 *   payout cannot be returned.
 * - Every step takes an idempotency key with checkout's rules: the buyer's for asking, the brand's
 *   for deciding.
 * - A return is seen by the order's buyer and its brand's keys (not the attributed creator, whose
 *   view is the commission).
 */
import { GraphQLError } from 'graphql';
import { requireOwner, requirePartnerOf, signedInUserId } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { lineCommission } from './commission-rules.ts';
import type { Context } from './context.ts';
import type { OrderLineView, OrderReturnRow, OrderRow } from './mappers.ts';
import { orderRole, partnerBrandId } from './orders.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';
import { MAX_LINES, MAX_QUANTITY } from './vocabulary.ts';
import { tellOrderChanged } from './webhookEvents.ts';

const REASON_MAX = 500;

/** A return the viewer may see: the order's buyer's or its brand's. Null otherwise, as if unknown. */
export async function returnReference(context: Context, id: string): Promise<OrderReturnRow | null> {
  const found = await context.loaders.returnById.load(id);
  if (!found) return null;
  const order = await context.loaders.orderById.load(found.orderId);
  const role = order && orderRole(context.viewer, order);
  return role === 'BUYER' || role === 'BRAND' ? found : null;
}

async function visibleReturn(context: Context, id: string): Promise<OrderReturnRow> {
  const found = await returnReference(context, id);
  if (!found) throw notFound('OrderReturn', id);
  return found;
}

export interface ReturnLineInput {
  productId: string;
  quantity: number;
}

export interface RequestReturnInput {
  orderId: string;
  lines: readonly ReturnLineInput[];
  reason?: string | null;
  idempotencyKey: string;
}

function lineError(code: string, message: string, line: number, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, line, ...extensions } });
}

/** The request's shape, checked before anything is read: bad input changes nothing. */
function validate(input: RequestReturnInput): { lines: ReturnLineInput[]; reason: string } {
  if (input.lines.length < 1 || input.lines.length > MAX_LINES) throw badInput(`A return has 1 to ${MAX_LINES} lines.`, { field: 'lines' });
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw badInput(`quantity must be a whole number from 1 to ${MAX_QUANTITY}, got ${line.quantity}.`, { field: 'quantity', line: i });
    }
    if (seen.has(line.productId)) throw badInput('Each product may appear on one line only.', { field: 'productId', line: i });
    seen.add(line.productId);
  });
  const reason = (input.reason ?? '').trim();
  if (reason.length > REASON_MAX) throw badInput(`reason must be at most ${REASON_MAX} characters.`, { field: 'reason' });
  return { lines: input.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })), reason };
}

/** The buyer asks to send units of a fulfilled order back. */
export async function requestReturn(context: Context, input: RequestReturnInput): Promise<OrderReturnRow> {
  const buyerId = signedInUserId(context.viewer);
  const { lines, reason } = validate(input);
  const request = { scope: buyerId, key: input.idempotencyKey, operation: 'requestReturn', input: { orderId: input.orderId, lines, reason } };
  const { result } = await idempotent(context.store, request, async (tx) => {
    const now = context.clock.now();
    const [order] = await tx.ordersByIds([input.orderId]);
    if (!order) throw notFound('Order', input.orderId);
    requireOwner(context.viewer, order.buyerId, 'Only the buyer can ask to return an order.', ForbiddenReason.NOT_ORDER_BUYER);
    if (order.status === 'PAID') throw refuse(Refusal.ORDER_NOT_FULFILLED, 'This order has not shipped yet: cancel it instead.', { orderId: order.id });
    if (order.status === 'CANCELLED') throw refuse(Refusal.ORDER_CANCELLED, 'This order has been cancelled.', { orderId: order.id });
    const returnsUntil = order.returnsUntil as Date;
    const windowClosed = () => refuse(Refusal.RETURN_WINDOW_CLOSED, 'The return window of this order has ended.', { orderId: order.id, returnsUntil: returnsUntil.toISOString() });
    if (now.getTime() >= returnsUntil.getTime()) throw windowClosed();
    const open = await tx.openReturnOf(order.id);
    if (open) throw refuse(Refusal.RETURN_ALREADY_OPEN, 'A return of this order is waiting for the brand already.', { returnId: open.id });
    const byProduct = new Map((await tx.orderLineLists([order.id])).map((row) => [row.node.productId, row.node]));
    const returned = lines.map((line, i) => {
      const orderLine = byProduct.get(line.productId);
      if (!orderLine) throw badInput(`Product ${JSON.stringify(line.productId)} is not in this order.`, { field: 'productId', line: i });
      // Paid out means its window ended; a request racing the window's end lands here.
      if (orderLine.payoutId !== null) throw windowClosed();
      const returnable = orderLine.quantity - orderLine.refundedQuantity;
      if (line.quantity > returnable) throw lineError(Refusal.RETURN_QUANTITY_EXCEEDED, `Only ${returnable} of ${orderLine.title} can be returned.`, i, { returnable });
      return { orderId: order.id, position: orderLine.position, quantity: line.quantity };
    });
    const id = newId('ret');
    await tx.insertReturn(
      { id, orderId: order.id, status: 'REQUESTED', reason, requestedAt: now },
      returned.map((line) => ({ returnId: id, ...line })),
    );
    return { returnId: id };
  });
  return visibleReturn(context, result.returnId);
}

/** What refunding `units` more of a line leaves it at, and what that claws back. */
export function refundOf(line: Pick<OrderLineView, 'quantity' | 'unitPriceAmount' | 'totalAmount' | 'commissionBps' | 'commissionAmount' | 'refundedQuantity' | 'commissionReversed'>, units: number) {
  const refundedQuantity = line.refundedQuantity + units;
  if (refundedQuantity > line.quantity) throw new Error('a refund beyond the line');
  const kept = lineCommission(line.totalAmount - refundedQuantity * line.unitPriceAmount, line.commissionBps);
  const commissionReversed = line.commissionAmount - kept;
  return { refundedQuantity, commissionReversed, refund: units * line.unitPriceAmount, clawedBack: commissionReversed - line.commissionReversed };
}

export interface DecideReturnInput {
  returnId: string;
  restock?: boolean | null;
  idempotencyKey: string;
}

/** The brand approves or declines an open return of its own order, in one transaction. */
export async function decideReturn(context: Context, decision: 'APPROVED' | 'DECLINED', input: DecideReturnInput): Promise<OrderReturnRow> {
  const brandId = partnerBrandId(context.viewer);
  const restock = decision === 'APPROVED' && input.restock === true;
  const operation = decision === 'APPROVED' ? 'approveReturn' : 'declineReturn';
  const request = { scope: brandId, key: input.idempotencyKey, operation, input: { returnId: input.returnId, restock } };
  const { result } = await idempotent(context.store, request, async (tx) => {
    const now = context.clock.now();
    const [found] = await tx.returnsByIds([input.returnId]);
    if (!found) throw notFound('OrderReturn', input.returnId);
    const [order] = await tx.ordersByIds([found.orderId]);
    requirePartnerOf(context.viewer, (order as { brandId: string }).brandId);
    if (found.status !== 'REQUESTED') throw refuse(Refusal.RETURN_ALREADY_DECIDED, `This return was ${found.status.toLowerCase()} already.`, { returnId: found.id, status: found.status });
    if (decision === 'DECLINED') {
      if (!(await tx.decideReturn(found.id, { status: 'DECLINED', decidedAt: now }))) throw new Error(`return ${found.id} changed under a write lock`);
      return { returnId: found.id };
    }
    const orderLines = new Map((await tx.orderLineLists([found.orderId])).map((row) => [row.node.position, row.node]));
    let refundAmount = 0;
    let commissionReversed = 0;
    const restocked: { productId: string; quantity: number }[] = [];
    const returnedLines: { position: number; productId: string; quantity: number }[] = [];
    for (const { node: line } of await tx.returnLineLists([found.id])) {
      const orderLine = orderLines.get(line.position) as OrderLineView;
      const after = refundOf(orderLine, line.quantity);
      const from = { refundedQuantity: orderLine.refundedQuantity, commissionReversed: orderLine.commissionReversed };
      if (!(await tx.refundLine(orderLine.orderId, orderLine.position, from, { refundedQuantity: after.refundedQuantity, commissionReversed: after.commissionReversed }))) {
        throw new Error(`order line ${orderLine.orderId}/${orderLine.position} changed under a write lock`);
      }
      refundAmount += after.refund;
      commissionReversed += after.clawedBack;
      restocked.push({ productId: orderLine.productId, quantity: line.quantity });
      returnedLines.push({ position: orderLine.position, productId: orderLine.productId, quantity: line.quantity });
    }
    if (restock) {
      await tx.restoreStock(restocked);
      // Back in stock: what the product page shows (inStock) may change.
      context.changed('Product', restocked.map((line) => line.productId));
    }
    // The stream's sales count refunds (never kept, named like checkout does).
    if (order?.liveStreamId) context.changed('LiveStream', order.liveStreamId);
    context.changed('Order', found.orderId);
    if (!(await tx.decideReturn(found.id, { status: 'APPROVED', decidedAt: now, restocked: restock, refundAmount, commissionReversed }))) {
      throw new Error(`return ${found.id} changed under a write lock`);
    }
    // Returned means refunded: the brand hears of it when it approves, with the return's commit.
    const change = { topic: 'ORDER_RETURNED', returnId: found.id, refundAmount, restocked: restock, returnedLines } as const;
    await tellOrderChanged(tx, order as OrderRow, [...orderLines.values()], change, now);
    return { returnId: found.id };
  });
  return visibleReturn(context, result.returnId);
}
